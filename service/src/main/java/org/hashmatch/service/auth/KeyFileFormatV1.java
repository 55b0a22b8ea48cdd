package org.hashmatch.service.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Version 1 of the API key file, {@code keys.hmk} in the data directory. Big-endian, written with
 * {@link DataOutputStream} (strings are modified UTF-8 with a 2-byte length):
 *
 * <pre>
 * +---------+----------------------------------------------------------+
 * | int     | magic 0x484D4B59 ("HMKY")                                 |
 * | UTF     | format name "KeyFileFormatV1"                            |
 * | int     | version (1)                                              |
 * | int     | key count n                                              |
 * | n times | UTF id, UTF name, UTF role, 32 bytes SHA-256 of secret,  |
 * |         | long createdAt (epoch ms), long revokedAt (epoch ms, -1) |
 * | int     | CRC32C of every byte before it                           |
 * +---------+----------------------------------------------------------+
 * </pre>
 *
 * <p>Readers accept versions {@link #MIN_VERSION}..{@link #MAX_VERSION} and reject others with a
 * {@link KeyFileException} naming the version found. The file is always replaced atomically, so a
 * torn file means tampering or media failure, never a crash.
 */
public final class KeyFileFormatV1 {

  /** File name inside the data directory. */
  public static final String FILE_NAME = "keys.hmk";
  /** Lock file serializing writers (the service and the {@code keys} command). */
  public static final String LOCK_FILE_NAME = "keys.lock";

  static final int MAGIC = 0x484D4B59;
  static final String FORMAT_NAME = "KeyFileFormatV1";
  static final int VERSION = 1;
  static final int MIN_VERSION = 1;
  static final int MAX_VERSION = 1;
  private static final int MAX_KEYS = 1_000_000;

  private KeyFileFormatV1() {}

  /** Encodes the keys, footer included. */
  public static byte[] write(List<ApiKey> keys) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeUTF(FORMAT_NAME);
      out.writeInt(VERSION);
      out.writeInt(keys.size());
      for (ApiKey k : keys) {
        out.writeUTF(k.id());
        out.writeUTF(k.name());
        out.writeUTF(k.role().jsonName());
        out.write(k.secretSha256());
        out.writeLong(k.createdAt().toEpochMilli());
        Instant revoked = k.revokedAt();
        out.writeLong(revoked == null ? -1 : revoked.toEpochMilli());
      }
      out.flush();
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory stream: cannot happen
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a key file.
   *
   * @throws KeyFileException if the magic, format name, version, checksum or structure is wrong
   */
  public static List<ApiKey> read(byte[] file) {
    if (file.length < 8) {
      throw new KeyFileException(
          "key file too short: " + file.length + " bytes, expected at least 8");
    }
    CRC32C crc = new CRC32C();
    crc.update(file, 0, file.length - 4);
    int stored =
        ((file[file.length - 4] & 0xff) << 24)
            | ((file[file.length - 3] & 0xff) << 16)
            | ((file[file.length - 2] & 0xff) << 8)
            | (file[file.length - 1] & 0xff);
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(file, 0, file.length - 4))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new KeyFileException(
            String.format("key file magic is 0x%08X, expected 0x%08X", magic, MAGIC));
      }
      String name = in.readUTF();
      if (!FORMAT_NAME.equals(name)) {
        throw new KeyFileException(
            "key file format is '" + name + "', expected '" + FORMAT_NAME + "'");
      }
      int version = in.readInt();
      if (version < MIN_VERSION || version > MAX_VERSION) {
        throw new KeyFileException(
            "key file version is " + version + ", this build reads " + MIN_VERSION + ".."
                + MAX_VERSION);
      }
      if ((int) crc.getValue() != stored) {
        throw new KeyFileException(
            String.format(
                "key file checksum mismatch: stored 0x%08X, computed 0x%08X",
                stored, (int) crc.getValue()));
      }
      int n = in.readInt();
      if (n < 0 || n > MAX_KEYS) {
        throw new KeyFileException("key count is " + n + ", expected 0.." + MAX_KEYS);
      }
      List<ApiKey> keys = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        String keyName = in.readUTF();
        Role role = Role.fromJsonName(in.readUTF());
        byte[] hash = new byte[32];
        in.readFully(hash);
        Instant created = Instant.ofEpochMilli(in.readLong());
        long revoked = in.readLong();
        keys.add(
            new ApiKey(id, keyName, role, hash, created,
                revoked < 0 ? null : Instant.ofEpochMilli(revoked)));
      }
      if (in.available() != 0) {
        throw new KeyFileException(
            "key file has " + in.available() + " bytes after the last key, expected none");
      }
      return keys;
    } catch (EOFException e) {
      throw new KeyFileException("key file is truncated (" + file.length + " bytes)", e);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("key file holds an invalid key: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new KeyFileException("key file unreadable: " + e.getMessage(), e);
    }
  }
}

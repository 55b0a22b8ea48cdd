package org.hashmatch.service.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hashmatch.service.internal.DurableFiles;
import org.jspecify.annotations.Nullable;

/**
 * The API keys of one data directory. Secrets are {@code hm_} plus 43 base64url characters (32
 * random bytes); only their SHA-256 is kept, in memory and in the {@link KeyFileFormatV1} file.
 *
 * <p>Thread-safe. Lookups read an immutable snapshot; changes take the JVM and file lock, re-read
 * the file (another process, the {@code keys} command, may have changed it), apply the change and
 * replace the file atomically. {@link #reloadIfChanged()} picks up changes made by other processes.
 */
public final class KeyStore {

  private static final String SECRET_PREFIX = "hm_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Path lockFile;
  private final Clock clock;
  private volatile Snapshot snapshot;

  private record Snapshot(List<ApiKey> keys, Map<String, ApiKey> byHash, @Nullable Object fileKey) {
    static Snapshot of(List<ApiKey> keys, @Nullable Object fileKey) {
      return new Snapshot(
          List.copyOf(keys),
          keys.stream().collect(Collectors.toUnmodifiableMap(ApiKey::secretSha256Hex, Function.identity())),
          fileKey);
    }
  }

  private KeyStore(Path dataDir, Clock clock) {
    this.file = dataDir.resolve(KeyFileFormatV1.FILE_NAME);
    this.lockFile = dataDir.resolve(KeyFileFormatV1.LOCK_FILE_NAME);
    this.clock = clock;
    this.snapshot = load();
  }

  /**
   * Opens the keys of a data directory (no file yet means no keys).
   *
   * @throws KeyFileException if the key file is corrupt or of an unknown version
   * @throws UncheckedIOException if it cannot be read
   */
  public static KeyStore open(Path dataDir) {
    return open(dataDir, Clock.systemUTC());
  }

  static KeyStore open(Path dataDir, Clock clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    return new KeyStore(dataDir, clock);
  }

  /** Every key, active or revoked, in creation order. */
  public List<ApiKey> list() {
    return snapshot.keys();
  }

  /** The active key whose secret this is, if any. */
  public Optional<ApiKey> authenticate(String secret) {
    if (!secret.startsWith(SECRET_PREFIX) || secret.length() > 128) {
      return Optional.empty();
    }
    ApiKey key = snapshot.byHash().get(HexFormat.of().formatHex(sha256(secret)));
    return key != null && key.active() ? Optional.of(key) : Optional.empty();
  }

  /**
   * Creates a key and stores it durably; the returned secret is shown once and never stored.
   *
   * @throws IllegalArgumentException if the name is not 0..64 printable characters
   */
  public CreatedKey create(Role role, String name) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byte[] idBytes = new byte[8];
    RANDOM.nextBytes(idBytes);
    ApiKey key =
        new ApiKey(
            "k_" + HexFormat.of().formatHex(idBytes), name, role, sha256(secret), now(),
            null);
    change(keys -> {
      keys.add(key);
      return key;
    });
    return new CreatedKey(key, secret);
  }

  /**
   * Revokes a key durably; revoking a revoked key changes nothing.
   *
   * @return the key as revoked, or empty if there is no key with this id
   */
  public Optional<ApiKey> revoke(String id) {
    return change(keys -> {
      for (int i = 0; i < keys.size(); i++) {
        ApiKey k = keys.get(i);
        if (k.id().equals(id)) {
          if (k.active()) {
            k = k.revoked(now());
            keys.set(i, k);
          }
          return Optional.of(k);
        }
      }
      return Optional.<ApiKey>empty();
    });
  }

  /**
   * Re-reads the key file if another process replaced it since the last read.
   *
   * @throws KeyFileException if the new file is corrupt (the old keys stay in force)
   */
  public void reloadIfChanged() {
    Object current = fileKey();
    if (!java.util.Objects.equals(current, snapshot.fileKey())) {
      snapshot = load();
    }
  }

  private <T> T change(Function<List<ApiKey>, T> mutation) {
    return DurableFiles.withLock(lockFile, () -> {
      Snapshot fresh = load();
      List<ApiKey> keys = new ArrayList<>(fresh.keys());
      T result = mutation.apply(keys);
      DurableFiles.atomicWrite(file, KeyFileFormatV1.write(keys));
      snapshot = Snapshot.of(keys, fileKey());
      return result;
    });
  }

  private Snapshot load() {
    Object key = fileKey();
    try {
      return Snapshot.of(KeyFileFormatV1.read(Files.readAllBytes(file)), key);
    } catch (NoSuchFileException e) {
      return Snapshot.of(List.of(), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Identity of the file's current version: inode (where available), mtime and size. */
  private @Nullable Object fileKey() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toMillis(), a.size());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + file + ": " + e.getMessage(), e);
    }
  }

  /** Now, at the millisecond precision the key file keeps. */
  private java.time.Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}

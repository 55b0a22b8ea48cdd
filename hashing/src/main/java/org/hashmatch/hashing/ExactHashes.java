package org.hashmatch.hashing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 and SHA-256 of raw bytes as lowercase hex. Thread-safe (stateless). */
public final class ExactHashes {

  private ExactHashes() {}

  /** Lowercase hex MD5 (32 digits) of {@code data}, which is read and never kept. */
  public static String md5Hex(byte[] data) {
    return HexFormat.of().formatHex(digest("MD5", data));
  }

  /** Lowercase hex SHA-256 (64 digits) of {@code data}, which is read and never kept. */
  public static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(digest("SHA-256", data));
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide MD5 and SHA-256 (MessageDigest Javadoc).
      throw new IllegalStateException("JDK lacks the mandatory " + algorithm + " digest", e);
    }
  }
}

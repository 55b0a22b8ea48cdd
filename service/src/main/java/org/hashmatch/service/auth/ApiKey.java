package org.hashmatch.service.auth;

import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A stored API key. The secret itself is never stored: only its SHA-256.
 *
 * @param id public identifier, {@code k_} and 16 hex digits; safe to log
 * @param name free label (who or what uses the key), 0..64 printable characters
 * @param role what the key may do
 * @param secretSha256 SHA-256 of the secret's UTF-8 bytes, 32 bytes; the record owns a copy
 * @param createdAt creation time
 * @param revokedAt revocation time, null while the key is active
 */
public record ApiKey(
    String id,
    String name,
    Role role,
    byte[] secretSha256,
    Instant createdAt,
    @Nullable Instant revokedAt) {

  private static final Pattern ID = Pattern.compile("k_[0-9a-f]{16}");
  private static final Pattern NAME = Pattern.compile("[\\p{Graph} ]{0,64}");

  public ApiKey {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("key id must match k_[0-9a-f]{16}, got '" + id + "'");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "key name must be 0..64 printable characters, got " + name.length() + " characters");
    }
    if (secretSha256.length != 32) {
      throw new IllegalArgumentException(
          "secret hash must be 32 bytes, got " + secretSha256.length);
    }
    secretSha256 = secretSha256.clone();
  }

  /** True if a key id is well formed. */
  public static boolean isValidId(String id) {
    return ID.matcher(id).matches();
  }

  /** A copy of the secret's hash. */
  @Override
  public byte[] secretSha256() {
    return secretSha256.clone();
  }

  /** The secret's hash in hex. */
  public String secretSha256Hex() {
    return HexFormat.of().formatHex(secretSha256);
  }

  /** True until revoked. */
  public boolean active() {
    return revokedAt == null;
  }

  /** This key, revoked at {@code when}. */
  public ApiKey revoked(Instant when) {
    return new ApiKey(id, name, role, secretSha256, createdAt, when);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey k
        && id.equals(k.id)
        && name.equals(k.name)
        && role == k.role
        && java.util.Arrays.equals(secretSha256, k.secretSha256)
        && createdAt.equals(k.createdAt)
        && java.util.Objects.equals(revokedAt, k.revokedAt);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[id=" + id + ", name=" + name + ", role=" + role.jsonName()
        + (revokedAt == null ? "" : ", revokedAt=" + revokedAt) + "]";
  }
}

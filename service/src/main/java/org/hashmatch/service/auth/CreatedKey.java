package org.hashmatch.service.auth;

/**
 * A key just created, with its secret. The secret exists only here: it is shown to the caller once
 * and never stored.
 */
public record CreatedKey(ApiKey key, String secret) {
  @Override
  public String toString() {
    return "CreatedKey[" + key + "]"; // never print the secret by accident
  }
}

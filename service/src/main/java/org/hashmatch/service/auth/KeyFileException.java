package org.hashmatch.service.auth;

/**
 * The key file is unreadable: wrong magic, unknown format version, bad checksum or truncated. The
 * service refuses to start rather than run with an unknown set of keys.
 */
public final class KeyFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyFileException(String message) {
    super(message);
  }

  public KeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}

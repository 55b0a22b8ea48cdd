package org.hashmatch.hashing;

/** The input claims a supported format but is truncated or malformed. */
public final class CorruptImageException extends HashingException {
  private static final long serialVersionUID = 1L;

  public CorruptImageException(String message) {
    super(message);
  }

  public CorruptImageException(String message, Throwable cause) {
    super(message, cause);
  }
}

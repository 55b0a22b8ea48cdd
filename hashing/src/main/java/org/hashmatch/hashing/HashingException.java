package org.hashmatch.hashing;

/**
 * Root of everything the hashing module reports about bad input. Messages state what was found and
 * what was expected; they never contain image bytes.
 */
public abstract sealed class HashingException extends RuntimeException
    permits UnsupportedImageException, ImageTooLargeException, CorruptImageException {

  private static final long serialVersionUID = 1L;

  protected HashingException(String message, Throwable cause) {
    super(message, cause);
  }

  protected HashingException(String message) {
    super(message);
  }
}

package org.hashmatch.hashing;

/** The input is not in an image format we decode (or not an image at all). */
public final class UnsupportedImageException extends HashingException {
  private static final long serialVersionUID = 1L;

  public UnsupportedImageException(String message) {
    super(message);
  }

  public UnsupportedImageException(String message, Throwable cause) {
    super(message, cause);
  }
}

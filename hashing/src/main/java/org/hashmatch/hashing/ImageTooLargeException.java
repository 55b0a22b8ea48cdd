package org.hashmatch.hashing;

/**
 * The image exceeds the pixel or byte budget. Raised from the header, before pixels are allocated.
 */
public final class ImageTooLargeException extends HashingException {
  private static final long serialVersionUID = 1L;

  public ImageTooLargeException(String message) {
    super(message);
  }
}

package org.hashmatch.index;

/** The index is closed, closing, or failed and cannot serve now. */
public final class IndexUnavailableException extends IndexException {
  private static final long serialVersionUID = 1L;

  public IndexUnavailableException(String message) {
    super(message);
  }

  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

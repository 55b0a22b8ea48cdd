package org.hashmatch.index;

/** A stored file is of a format version this build does not read. */
public final class FormatVersionException extends IndexException {
  private static final long serialVersionUID = 1L;

  public FormatVersionException(String message) {
    super(message);
  }

  public FormatVersionException(String message, Throwable cause) {
    super(message, cause);
  }
}

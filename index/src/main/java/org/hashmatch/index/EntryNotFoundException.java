package org.hashmatch.index;

/** No entry of that id exists in the bank. */
public final class EntryNotFoundException extends IndexException {
  private static final long serialVersionUID = 1L;

  public EntryNotFoundException(String message) {
    super(message);
  }

  public EntryNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

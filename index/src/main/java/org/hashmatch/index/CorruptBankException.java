package org.hashmatch.index;

/** Stored data failed a checksum or structural check. */
public final class CorruptBankException extends IndexException {
  private static final long serialVersionUID = 1L;

  public CorruptBankException(String message) {
    super(message);
  }

  public CorruptBankException(String message, Throwable cause) {
    super(message, cause);
  }
}

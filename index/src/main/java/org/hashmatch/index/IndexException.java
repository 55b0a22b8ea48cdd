package org.hashmatch.index;

/**
 * Root of everything the index reports. Messages give the actual and the expected value, never bank
 * contents.
 */
public abstract sealed class IndexException extends RuntimeException
    permits BankNotFoundException,
        BankExistsException,
        EntryNotFoundException,
        CorruptBankException,
        FormatVersionException,
        IndexUnavailableException {

  private static final long serialVersionUID = 1L;

  protected IndexException(String message) {
    super(message);
  }

  protected IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}

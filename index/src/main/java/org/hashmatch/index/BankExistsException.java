package org.hashmatch.index;

/** A bank of that name already exists. */
public final class BankExistsException extends IndexException {
  private static final long serialVersionUID = 1L;

  public BankExistsException(String message) {
    super(message);
  }

  public BankExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}

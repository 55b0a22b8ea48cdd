package org.hashmatch.index;

/** No bank of that name exists. */
public final class BankNotFoundException extends IndexException {
  private static final long serialVersionUID = 1L;

  public BankNotFoundException(String message) {
    super(message);
  }

  public BankNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

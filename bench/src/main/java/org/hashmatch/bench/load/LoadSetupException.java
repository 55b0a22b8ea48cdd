package org.hashmatch.bench.load;

/** Preparing a load run or a seeding failed: service unreachable, unexpected answer, no data. */
public final class LoadSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was expected and what happened. */
  public LoadSetupException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public LoadSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.hashmatch.bench.load;

/** A command line that cannot be run: unknown option, missing or malformed value. */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message says what was given and what was expected. */
  public UsageException(String message) {
    super(message);
  }
}

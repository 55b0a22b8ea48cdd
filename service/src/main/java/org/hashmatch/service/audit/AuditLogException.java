package org.hashmatch.service.audit;

/**
 * The audit log fails verification (a record was edited, removed or inserted, or the header is
 * wrong) or cannot be written. The service refuses to start on a log that fails verification.
 */
public final class AuditLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditLogException(String message) {
    super(message);
  }

  public AuditLogException(String message, Throwable cause) {
    super(message, cause);
  }
}

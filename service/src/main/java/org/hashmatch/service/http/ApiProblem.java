package org.hashmatch.service.http;

/**
 * A failure the HTTP layer itself detects (bad field, wrong role, overload ...), carrying its
 * problem type and a detail safe to show the caller (no image bytes, no secrets).
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemType type;

  public ApiProblem(ProblemType type, String detail) {
    super(detail, null, false, false);
    this.type = type;
  }

  public ProblemType type() {
    return type;
  }
}

package org.hashmatch.service.http;

/**
 * Every problem the API answers with. The {@link #uri()} is stable: clients switch on it. New
 * types may be added; existing ones are never renamed or re-purposed.
 */
public enum ProblemType {
  INVALID_REQUEST("invalid-request", 400, "Invalid request"),
  MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
  INVALID_HASH("invalid-hash", 400, "Invalid hash"),
  CORRUPT_IMAGE("corrupt-image", 400, "Corrupt image"),
  INVALID_IMPORT("invalid-import", 400, "Invalid import row"),
  UNAUTHORIZED("unauthorized", 401, "Missing or invalid API key"),
  FORBIDDEN("forbidden", 403, "Role not allowed"),
  NOT_FOUND("not-found", 404, "No such route"),
  BANK_NOT_FOUND("bank-not-found", 404, "Unknown bank"),
  ENTRY_NOT_FOUND("entry-not-found", 404, "Unknown entry"),
  KEY_NOT_FOUND("key-not-found", 404, "Unknown API key"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
  BANK_EXISTS("bank-exists", 409, "Bank already exists"),
  BODY_TOO_LARGE("body-too-large", 413, "Request body too large"),
  IMAGE_TOO_LARGE("image-too-large", 413, "Image too large"),
  BATCH_TOO_LARGE("batch-too-large", 413, "Batch too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported content type"),
  UNSUPPORTED_IMAGE("unsupported-image", 415, "Unsupported image format"),
  OVERLOADED("overloaded", 503, "Service overloaded"),
  TIMEOUT("timeout", 503, "Request timed out"),
  INDEX_UNAVAILABLE("index-unavailable", 503, "Index unavailable"),
  INTERNAL("internal", 500, "Internal error");

  /** Common prefix of every type URI. */
  public static final String BASE = "https://hashmatch.org/problems/";

  private final String slug;
  private final int status;
  private final String title;

  ProblemType(String slug, int status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  /** The stable type URI, e.g. {@code https://hashmatch.org/problems/corrupt-image}. */
  public String uri() {
    return BASE + slug;
  }

  /** The last path segment of the type URI. */
  public String slug() {
    return slug;
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** Short, fixed, human-readable summary. */
  public String title() {
    return title;
  }
}

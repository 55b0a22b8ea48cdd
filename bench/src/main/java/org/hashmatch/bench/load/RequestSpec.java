package org.hashmatch.bench.load;

import io.vertx.core.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * One request a workload wants sent.
 *
 * @param kind a short label the summary groups by ({@code health}, {@code match}, {@code add})
 * @param method the HTTP method
 * @param path the API path, such as {@code /v1/match}, before the target's base path
 * @param contentType the body's media type, or null without a body
 * @param body the body bytes, or null; owned by the spec and never modified (image bodies are
 *     shared by many requests)
 * @param expectedStatus the status counted as success
 * @param attachment workload data needed when the response arrives (for example the planted hash),
 *     or null
 */
record RequestSpec(
    String kind,
    HttpMethod method,
    String path,
    @Nullable String contentType,
    byte @Nullable [] body,
    int expectedStatus,
    @Nullable Object attachment) {

  static RequestSpec get(String kind, String path) {
    return new RequestSpec(kind, HttpMethod.GET, path, null, null, 200, null);
  }
}

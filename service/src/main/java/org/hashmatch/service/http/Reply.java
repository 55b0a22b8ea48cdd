package org.hashmatch.service.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a handler answers: status, body and extra headers. Handlers return {@code Future<Reply>};
 * one place writes it.
 *
 * @param body JSON object, text or bytes; null for no body (204)
 */
record Reply(int status, @Nullable Object body, String contentType, Map<String, String> headers) {

  Reply {
    headers = Map.copyOf(headers);
  }

  static Reply ok(JsonObject body) {
    return new Reply(200, body, "application/json", Map.of());
  }

  static Reply created(JsonObject body, String location) {
    return new Reply(201, body, "application/json", Map.of("Location", location));
  }

  static Reply noContent() {
    return new Reply(204, null, "application/json", Map.of());
  }

  static Reply text(String body, String contentType) {
    return new Reply(200, body, contentType, Map.of());
  }

  Buffer bodyBuffer() {
    return switch (body) {
      case null -> Buffer.buffer();
      case JsonObject j -> j.toBuffer();
      case Buffer b -> b;
      case String s -> Buffer.buffer(s);
      default -> throw new IllegalStateException("unexpected body type " + body.getClass());
    };
  }
}

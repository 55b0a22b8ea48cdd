package org.hashmatch.service.http;

import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One JSON line per request on the {@value #LOGGER} logger: time, request id, method, route
 * template, status, latency, key id, and the query's hashes only if the operator turned {@code
 * logQueryHashes} on. Never image bytes, bodies, secrets or raw paths with query strings.
 */
final class AccessLog {

  static final String LOGGER = "org.hashmatch.service.access";
  private static final System.Logger LOG = System.getLogger(LOGGER);

  private AccessLog() {}

  static void log(
      String requestId,
      String method,
      String route,
      int status,
      long latencyMicros,
      @Nullable String keyId,
      @Nullable JsonObject queryHashes) {
    if (!LOG.isLoggable(Level.INFO)) {
      return;
    }
    JsonObject line = new JsonObject()
        .put("ts", Instant.now().toString())
        .put("requestId", requestId)
        .put("method", method)
        .put("route", route)
        .put("status", status)
        .put("latencyMicros", latencyMicros)
        .put("keyId", keyId);
    if (queryHashes != null) {
      line.put("query", queryHashes);
    }
    LOG.log(Level.INFO, line.encode());
  }
}

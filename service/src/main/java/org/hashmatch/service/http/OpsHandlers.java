package org.hashmatch.service.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.BankNotFoundException;
import org.hashmatch.index.IndexUnavailableException;

/** The open routes: {@code /healthz}, {@code /readyz}, {@code /metrics}, {@code /openapi.json}. */
final class OpsHandlers {

  static final String OPENAPI_RESOURCE = "/org/hashmatch/service/http/openapi.json";

  private final ApiContext api;
  private final String openapi;

  OpsHandlers(ApiContext api) {
    this.api = api;
    this.openapi = api.openApi();
  }

  static String loadOpenApi() {
    try (InputStream in = OpsHandlers.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + OPENAPI_RESOURCE + " missing from the build");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Liveness: the event loop answers. */
  Future<Reply> healthz(RoutingContext ctx) {
    return Future.succeededFuture(Reply.ok(new JsonObject().put("status", "ok")));
  }

  /** Readiness: the index answers on its pool and the data directory is writable. */
  Future<Reply> readyz(RoutingContext ctx) {
    return api.onIndex(() -> {
      api.index.banks();
      if (!Files.isWritable(api.config.dataDir())) {
        throw new IndexUnavailableException("data directory is not writable");
      }
      return Reply.ok(new JsonObject().put("status", "ready"));
    });
  }

  Future<Reply> metrics(RoutingContext ctx) {
    return api.onIndex(() -> Reply.text(api.metrics.scrape(() -> {
      Map<String, Long> sizes = new LinkedHashMap<>();
      for (BankConfig b : api.index.banks()) {
        try {
          sizes.put(b.name(), api.index.size(b.name()));
        } catch (BankNotFoundException e) {
          // deleted since banks() was read: no gauge row for it
        }
      }
      return sizes;
    }), "text/plain; version=0.0.4; charset=utf-8"));
  }

  Future<Reply> openapi(RoutingContext ctx) {
    return Future.succeededFuture(Reply.text(openapi, "application/json"));
  }
}

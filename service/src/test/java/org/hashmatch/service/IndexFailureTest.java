package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.hashmatch.index.HashIndex;
import org.hashmatch.index.IndexOptions;
import org.hashmatch.index.IndexUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * An index that fails: unavailable gives 503 + Retry-After (and /readyz says so, /healthz does
 * not), an unexpected failure gives 500 with an opaque error id and nothing of the cause.
 */
class IndexFailureTest extends ServiceTestBase {

  /** What the wrapped index does on search and banks(): null = pass through. */
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  @Override
  void startOn(Path dir) throws Exception {
    service = await(HashmatchService.start(vertx, config(dir), d -> failing(
        HashIndex.open(d, IndexOptions.DEFAULT))));
    client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(service.port()).setKeepAlive(false));
  }

  private HashIndex failing(HashIndex real) {
    return (HashIndex) Proxy.newProxyInstance(HashIndex.class.getClassLoader(),
        new Class<?>[] {HashIndex.class}, (proxy, method, args) -> {
          RuntimeException f = failure.get();
          if (f != null && (method.getName().equals("search") || method.getName().equals("banks"))) {
            throw f;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void unavailableIndex_503_unexpectedFailure_opaque500() throws Exception {
    String query = "{\"md5\":\"" + "0".repeat(32) + "\"}";
    assertThat(get("/readyz", null).status()).isEqualTo(200);

    failure.set(new IndexUnavailableException("index is closing"));
    Resp ready = get("/readyz", null);
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.problem()).isEqualTo("index-unavailable");
    assertThat(ready.headers().get("Retry-After")).isEqualTo("5");
    Resp match = postJson("/v1/match", matcher, query);
    assertThat(match.status()).isEqualTo(503);
    assertThat(match.problem()).isEqualTo("index-unavailable");
    assertHealthy();

    failure.set(new IllegalStateException("secret internal detail /var/lib/x"));
    Resp broken = postJson("/v1/match", matcher, query);
    assertThat(broken.status()).isEqualTo(500);
    assertThat(broken.problem()).isEqualTo("internal");
    JsonObject body = broken.json();
    assertThat(body.getString("errorId")).matches("[0-9a-f]{16}");
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("type", "title", "status", "instance", "errorId");
    assertThat(broken.text()).doesNotContain("secret").doesNotContain("IllegalState");

    failure.set(null);
    assertThat(postJson("/v1/match", matcher, query).status()).isEqualTo(200);
    assertThat(get("/readyz", null).status()).isEqualTo(200);
  }

}

package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashmatch.service.http.ApiRouter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every route of the live router × no key, a bad key and each role. The route list comes from the
 * router, and every route must appear in {@link #EXPECTED}: a new route cannot escape this test.
 */
class AuthMatrixTest extends ServiceTestBase {

  /** "METHOD template" → least role, or "open". */
  private static final Map<String, String> EXPECTED = Map.ofEntries(
      Map.entry("GET /healthz", "open"),
      Map.entry("GET /readyz", "open"),
      Map.entry("GET /metrics", "open"),
      Map.entry("GET /openapi.json", "open"),
      Map.entry("POST /v1/hash", "matcher"),
      Map.entry("POST /v1/match", "matcher"),
      Map.entry("POST /v1/match/batch", "matcher"),
      Map.entry("GET /v1/banks", "curator"),
      Map.entry("POST /v1/banks", "admin"),
      Map.entry("GET /v1/banks/{bank}", "curator"),
      Map.entry("PATCH /v1/banks/{bank}", "admin"),
      Map.entry("DELETE /v1/banks/{bank}", "admin"),
      Map.entry("POST /v1/banks/{bank}/entries", "curator"),
      Map.entry("GET /v1/banks/{bank}/entries", "curator"),
      Map.entry("POST /v1/banks/{bank}/entries/batch", "curator"),
      Map.entry("GET /v1/banks/{bank}/entries/{id}", "curator"),
      Map.entry("DELETE /v1/banks/{bank}/entries/{id}", "curator"),
      Map.entry("POST /v1/banks/{bank}/import", "curator"),
      Map.entry("GET /v1/banks/{bank}/export", "curator"),
      Map.entry("GET /v1/audit", "admin"),
      Map.entry("GET /v1/keys", "admin"),
      Map.entry("POST /v1/keys", "admin"),
      Map.entry("DELETE /v1/keys/{id}", "admin"));

  private static final List<String> ROLES = List.of("matcher", "curator", "admin");

  static List<String[]> routes(io.vertx.ext.web.Router router) {
    List<String[]> out = new ArrayList<>();
    for (Route r : router.getRoutes()) {
      String template = r.getMetadata(ApiRouter.TEMPLATE_META);
      if (template == null) {
        continue; // the catch-all request-start and failure routes
      }
      for (HttpMethod m : r.methods()) {
        String role = r.getMetadata(ApiRouter.ROLE_META);
        out.add(new String[] {m.name(), template, role == null ? "open" : role});
      }
    }
    return out;
  }

  @Test
  void everyRoute_everyRole_getsExactlyItsAccess() throws Exception {
    createBank("authbank", "block");
    List<String[]> routes = routes(service.router());
    assertThat(routes).hasSize(EXPECTED.size());
    List<String> failures = new ArrayList<>();
    for (String[] route : routes) {
      String key = route[0] + " " + route[1];
      assertThat(EXPECTED).as("route %s has no expectation here", key).containsKey(key);
      assertThat(route[2]).as("role of %s", key).isEqualTo(EXPECTED.get(key));
      String path = route[1].replace("{bank}", "authbank").replace("{id}", "k_0000000000000000");
      HttpMethod method = HttpMethod.valueOf(route[0]);
      String required = route[2];

      int anonymous = send(method, path, null).status();
      int badKey = send(method, path, "hm_not-a-real-key").status();
      if (required.equals("open")) {
        if (anonymous != 200) {
          failures.add(key + " without a key: " + anonymous);
        }
        continue;
      }
      if (anonymous != 401) {
        failures.add(key + " without a key: " + anonymous + ", expected 401");
      }
      if (badKey != 401) {
        failures.add(key + " with an unknown key: " + badKey + ", expected 401");
      }
      for (String role : ROLES) {
        Resp r = send(method, path, keyOf(role));
        boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(required);
        if (allowed && (r.status() == 401 || r.status() == 403)) {
          failures.add(key + " as " + role + ": " + r);
        }
        if (!allowed && r.status() != 403) {
          failures.add(key + " as " + role + ": " + r.status() + ", expected 403");
        }
        if (!allowed) {
          assertThat(r.problem()).isEqualTo("forbidden");
        }
      }
    }
    assertThat(failures).isEmpty();
    assertHealthy();
  }

  @Test
  void revokedKey_isRefused() throws Exception {
    String id = get("/v1/keys", admin).json().getJsonArray("keys").stream()
        .map(k -> (io.vertx.core.json.JsonObject) k)
        .filter(k -> k.getString("name").equals("test-matcher")).findFirst().orElseThrow()
        .getString("id");
    assertThat(postJson("/v1/match", matcher, "{\"md5\":\"" + "a".repeat(32) + "\"}").status())
        .isEqualTo(200);
    assertThat(delete("/v1/keys/" + id, admin).status()).isEqualTo(204);
    Resp after = postJson("/v1/match", matcher, "{\"md5\":\"" + "a".repeat(32) + "\"}");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.problem()).isEqualTo("unauthorized");
    assertThat(after.headers().get("WWW-Authenticate")).startsWith("Bearer");

    Resp created = postJson("/v1/keys", admin, "{\"role\":\"matcher\",\"name\":\"new\"}");
    assertThat(created.status()).isEqualTo(201);
    String secret = created.json().getString("secret");
    assertThat(postJson("/v1/match", secret, "{\"md5\":\"" + "a".repeat(32) + "\"}").status())
        .isEqualTo(200);
    assertThat(get("/v1/keys", admin).text()).doesNotContain(secret);
  }

  @Test
  void keysCommandWhileRunning_isPickedUp_createAndRevoke() throws Exception {
    // As `bin/hashmatch keys create` in another process would: straight to the key file.
    String secret = org.hashmatch.service.auth.KeyStore.open(dataDir)
        .create(org.hashmatch.service.auth.Role.CURATOR, "from-cli").secret();
    int polls = 0;
    while (get("/v1/banks", secret).status() != 200) {
      assertThat(++polls).as("new key never picked up").isLessThan(5000);
    }
    String id = org.hashmatch.service.auth.KeyStore.open(dataDir).authenticate(secret)
        .orElseThrow().id();
    org.hashmatch.service.auth.KeyStore.open(dataDir).revoke(id);
    polls = 0;
    while (get("/v1/banks", secret).status() != 401) {
      assertThat(++polls).as("revocation never picked up").isLessThan(5000);
    }
  }

  private Resp send(HttpMethod method, String path, @Nullable String key) throws Exception {
    boolean body = method == HttpMethod.POST || method == HttpMethod.PATCH;
    return call(method, path, key, body ? "application/json" : null, body ? Buffer.buffer("{}") : null);
  }

  private String keyOf(String role) {
    return switch (role) {
      case "matcher" -> matcher;
      case "curator" -> curator;
      default -> admin;
    };
  }
}

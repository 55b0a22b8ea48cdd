package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document and the router agree: every route documented, every path routed. */
class OpenApiTest extends ServiceTestBase {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Test
  void openapi_documentsExactlyTheRoutes_withTheirRoles() throws Exception {
    Resp r = get("/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    JsonObject doc = r.json();
    assertThat(doc.getString("openapi")).startsWith("3.1");

    TreeMap<String, String> documented = new TreeMap<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String m : item.fieldNames()) {
        if (!METHODS.contains(m)) {
          continue;
        }
        JsonObject op = item.getJsonObject(m);
        JsonArray security = op.getJsonArray("security");
        String role = security != null && security.isEmpty() ? "open" : op.getString("x-hashmatch-role");
        documented.put(m.toUpperCase() + " " + path, role);
      }
    }
    TreeMap<String, String> routed = new TreeMap<>();
    for (String[] route : AuthMatrixTest.routes(service.router())) {
      routed.put(route[0] + " " + route[1], route[2]);
    }
    assertThat(new TreeSet<>(documented.keySet())).isEqualTo(new TreeSet<>(routed.keySet()));
    assertThat(documented).isEqualTo(routed);

    // Every problem type the code knows is listed.
    JsonArray types = doc.getJsonObject("components").getJsonObject("schemas")
        .getJsonObject("Problem").getJsonObject("properties").getJsonObject("type").getJsonArray("enum");
    for (var t : org.hashmatch.service.http.ProblemType.values()) {
      assertThat(types.getList()).contains(t.uri());
    }
    assertThat(types).hasSize(org.hashmatch.service.http.ProblemType.values().length);
  }
}

package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request that does not finish within the per-request timeout gets 503 and frees its slot. */
class TimeoutTest extends ServiceTestBase {

  @Override
  ServiceConfig config(Path dir) {
    return new ServiceConfig(dir, "127.0.0.1", 0, 20 * MB, 100_000_000L, 1, 1, 1000, 400, false);
  }

  @Test
  void stalledUpload_gets503Timeout_andReleasesItsPermit() throws Exception {
    byte[] png = TestImages.png(TestImages.photo(320, 240, 5));
    try (RawHttp http = new RawHttp(service.port())) {
      http.head("POST", "/v1/hash", Map.of("Authorization", "Bearer " + matcher,
          "Content-Type", "image/png", "Content-Length", Integer.toString(png.length)));
      http.write(png, 0, 100); // and never the rest
      RawHttp.Response r = http.read();
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.headers()).containsEntry("retry-after", "1");
      assertThat(new JsonObject(r.body()).getString("type"))
          .isEqualTo("https://hashmatch.org/problems/timeout");
      assertThat(http.closedByServer()).isTrue();
    }
    assertHealthy();
    // The only image slot is free again (the hash itself may be slow on a cold JVM, so only
    // "overloaded" would show a leaked slot).
    int polls = 0;
    while (!get("/metrics", null).text().contains("hashmatch_images_in_flight 0.0")) {
      assertThat(++polls).as("permit never released").isLessThan(2000);
    }
    Resp again = postImage("/v1/hash", matcher, png);
    if (again.status() != 200) {
      assertThat(again.problem()).isEqualTo("timeout");
    }
  }
}

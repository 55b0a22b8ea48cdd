package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Admission control: with room for one image request, further image requests are refused at once
 * with 503 and Retry-After while the first is in flight, without their bodies being read, and the
 * service recovers once it is done. Deterministic: the first request's body is held half-sent, so
 * it is provably in flight (no timing involved).
 */
class OverloadTest extends ServiceTestBase {

  @Override
  ServiceConfig config(Path dir) {
    return new ServiceConfig(dir, "127.0.0.1", 0, 20 * MB, 100_000_000L, 1, 1, 1000, 60_000, false);
  }

  private Map<String, String> imageHeaders(int length) {
    return imageHeaders(length, matcher);
  }

  private Map<String, String> imageHeaders(int length, String key) {
    return Map.of("Authorization", "Bearer " + key, "Content-Type", "image/png",
        "Content-Length", Integer.toString(length));
  }

  private int imagesInFlight() throws Exception {
    for (String line : get("/metrics", null).text().split("\n")) {
      if (line.startsWith("hashmatch_images_in_flight ")) {
        return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
      }
    }
    throw new AssertionError("no hashmatch_images_in_flight gauge");
  }

  private void awaitInFlight(int n) throws Exception {
    int polls = 0;
    while (imagesInFlight() != n) {
      assertThat(++polls).as("images in flight never reached %d", n).isLessThan(2000);
    }
  }

  @Test
  void imagesBeyondCapacity_get503RetryAfter_andTheServiceRecovers() throws Exception {
    byte[] png = TestImages.png(TestImages.photo(640, 480, 99));
    try (RawHttp first = new RawHttp(service.port())) {
      first.head("POST", "/v1/match", imageHeaders(png.length));
      first.write(png, 0, png.length / 2);
      awaitInFlight(1);

      for (String path : new String[] {"/v1/match", "/v1/hash", "/v1/banks/any/entries"}) {
        try (RawHttp refused = new RawHttp(service.port())) {
          // Refused on its headers: not a byte of the body needs sending.
          refused.head("POST", path, imageHeaders(png.length, curator));
          RawHttp.Response r = refused.read();
          assertThat(r.status()).as(path).isEqualTo(503);
          assertThat(r.headers()).containsEntry("retry-after", "1");
          assertThat(new JsonObject(r.body()).getString("type"))
              .isEqualTo("https://hashmatch.org/problems/overloaded");
          assertThat(refused.closedByServer()).isTrue();
        }
      }
      // JSON work is not image work: still served while images are saturated.
      assertThat(postJson("/v1/match", matcher, "{\"md5\":\"" + "0".repeat(32) + "\"}").status())
          .isEqualTo(200);
      assertHealthy();

      first.write(png, png.length / 2, png.length);
      RawHttp.Response done = first.read();
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(new JsonObject(done.body()).getString("decision")).isEqualTo("none");
    }
    awaitInFlight(0);
    for (int i = 0; i < 3; i++) {
      assertThat(postImage("/v1/match", matcher, png).status()).isEqualTo(200);
    }
    assertThat(get("/metrics", null).text())
        .contains("hashmatch_rejected_total{reason=\"overloaded\"} 3.0");
  }
}

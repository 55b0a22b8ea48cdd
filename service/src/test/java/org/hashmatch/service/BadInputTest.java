package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets its problem type, no stack trace, and leaves the service healthy. */
class BadInputTest extends ServiceTestBase {

  private static final long BODY_LIMIT = 2 * MB;
  private static final int BATCH_LIMIT = 10;
  private byte[] png;

  @Override
  ServiceConfig config(Path dir) {
    return new ServiceConfig(dir, "127.0.0.1", 0, BODY_LIMIT, 4_000_000L, 2, 32, BATCH_LIMIT,
        30_000, false);
  }

  @BeforeEach
  void bank() throws Exception {
    createBank("bad", "block");
    png = TestImages.png(TestImages.photo(320, 240, 7));
  }

  private void expect(Resp r, int status, String type) throws Exception {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.problem()).as(r.toString()).isEqualTo(type);
    JsonObject body = r.json();
    assertThat(body.getString("title")).isNotBlank();
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("instance")).startsWith("/");
    assertThat(body.encode()).doesNotContain("at org.").doesNotContain("\tat ");
    assertHealthy();
  }

  private Resp image(String path, byte @Nullable [] bytes) throws Exception {
    return call(HttpMethod.POST, path, curator, "image/png", bytes == null ? null : Buffer.buffer(bytes));
  }

  @Test
  void images_corruptTruncatedHugeUnsupported() throws Exception {
    byte[] corrupt = Arrays.copyOf(png, png.length);
    new Random(1).nextBytes(corrupt);
    System.arraycopy(png, 0, corrupt, 0, 16); // PNG signature and IHDR start, then garbage
    expect(image("/v1/hash", corrupt), 400, "corrupt-image");
    expect(image("/v1/match", Arrays.copyOf(png, png.length / 2)), 400, "corrupt-image");
    expect(image("/v1/banks/bad/entries", TestImages.pngHeaderOnly(100_000, 100_000)), 413,
        "image-too-large");
    expect(image("/v1/hash", "plain text, not an image".getBytes()), 415, "unsupported-image");
    expect(image("/v1/hash", new byte[0]), 400, "invalid-request");
    // Nothing was added by any of them.
    assertThat(get("/v1/banks/bad", curator).json().getLong("size")).isZero();
  }

  @Test
  void contentTypes_wrongOrMissing() throws Exception {
    expect(call(HttpMethod.POST, "/v1/hash", matcher, "text/plain", Buffer.buffer("x")), 415,
        "unsupported-media-type");
    expect(call(HttpMethod.POST, "/v1/hash", matcher, null, Buffer.buffer(png)), 415,
        "unsupported-media-type");
    expect(call(HttpMethod.POST, "/v1/match", matcher, "multipart/form-data; boundary=x",
        Buffer.buffer("--x\r\n\r\n--x--")), 415, "unsupported-media-type");
    expect(call(HttpMethod.POST, "/v1/banks", admin, "text/plain", Buffer.buffer("{}")), 415,
        "unsupported-media-type");
    expect(call(HttpMethod.POST, "/v1/banks/bad/import", curator, "application/json",
        Buffer.buffer("{}")), 415, "unsupported-media-type");
  }

  @Test
  void json_malformedBadHexBadFields() throws Exception {
    expect(postJson("/v1/match", matcher, "{\"pdq\": "), 400, "malformed-json");
    expect(postJson("/v1/banks", admin, "not json"), 400, "malformed-json");
    expect(postJson("/v1/match", matcher, new JsonObject().put("pdq", "xyz")), 400, "invalid-hash");
    expect(postJson("/v1/match", matcher, new JsonObject().put("pdq", "g".repeat(64))), 400,
        "invalid-hash");
    expect(postJson("/v1/match", matcher, new JsonObject().put("md5", "0".repeat(31))), 400,
        "invalid-hash");
    expect(postJson("/v1/match", matcher, new JsonObject().put("phash", 12)), 400, "invalid-hash");
    expect(postJson("/v1/match", matcher, new JsonObject()), 400, "invalid-request");
    expect(postJson("/v1/match", matcher, new JsonObject().put("md5", "0".repeat(32))
        .put("quality", 101)), 400, "invalid-request");
    expect(postJson("/v1/banks", admin, new JsonObject().put("name", "Bad Name").put("action", "block")),
        400, "invalid-request");
    expect(postJson("/v1/banks", admin, new JsonObject().put("name", "x").put("action", "nuke")),
        400, "invalid-request");
    expect(postJson("/v1/banks", admin, new JsonObject().put("name", "x").put("action", "block")
        .put("pdqRadius", 300)), 400, "invalid-request");
    expect(postJson("/v1/banks", admin, new JsonObject().put("name", "x").put("action", "block")
        .put("radius", 3)), 400, "invalid-request");
    expect(get("/v1/banks/bad/entries?limit=0", curator), 400, "invalid-request");
    expect(get("/v1/banks/bad/entries?cursor=%00garbage", curator), 400, "invalid-request");
    expect(call(HttpMethod.POST, "/v1/banks/bad/import", curator, "text/csv",
        Buffer.buffer("pdq,colour\n")), 400, "invalid-import");
  }

  @Test
  void unknownThings_areNotFound() throws Exception {
    expect(postJson("/v1/banks/nope/entries", curator, new JsonObject().put("md5", "0".repeat(32))),
        404, "bank-not-found");
    expect(postJson("/v1/match?banks=nope", matcher, new JsonObject().put("md5", "0".repeat(32))),
        404, "bank-not-found");
    expect(get("/v1/banks/nope", curator), 404, "bank-not-found");
    expect(get("/v1/banks/bad/entries/does-not-exist", curator), 404, "entry-not-found");
    expect(delete("/v1/banks/bad/entries/does-not-exist", curator), 404, "entry-not-found");
    expect(delete("/v1/keys/k_0123456789abcdef", admin), 404, "key-not-found");
    expect(get("/v1/nothing-here", admin), 404, "not-found");
    expect(call(HttpMethod.PUT, "/v1/banks", admin, null, null), 405, "method-not-allowed");
    expect(postJson("/v1/banks", admin, new JsonObject().put("name", "bad").put("action", "block")),
        409, "bank-exists");
  }

  @Test
  void limits_bodyAndBatch() throws Exception {
    byte[] big = new byte[(int) BODY_LIMIT + 1024];
    System.arraycopy(png, 0, big, 0, png.length);
    expect(image("/v1/hash", big), 413, "body-too-large");
    JsonArray items = new JsonArray();
    for (int i = 0; i <= BATCH_LIMIT; i++) {
      items.add(new JsonObject().put("md5", String.format("%032x", i)));
    }
    expect(postJson("/v1/match/batch", matcher, new JsonObject().put("items", items)), 413,
        "batch-too-large");
    // Exactly at the limit is fine.
    items.remove(0);
    assertThat(postJson("/v1/match/batch", matcher, items).status()).isEqualTo(200);
    // A pixel budget of 4 MP: a 2100 x 2000 image (4.2 MP) is refused from its header.
    expect(image("/v1/hash", TestImages.pngHeaderOnly(2100, 2000)), 413, "image-too-large");
  }
}

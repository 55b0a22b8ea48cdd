package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Entry PDQ variants through the JSON API: created with an entry (single, batch, jsonl import),
 * returned with it (get, list, jsonl export; not CSV), matched and named in {@code entryVariant},
 * and bad input rejected with a problem naming the field.
 */
class PdqVariantsApiTest extends ServiceTestBase {

  private static final String PRIMARY = "f".repeat(16) + "0".repeat(16) + "a".repeat(16) + "5".repeat(16);
  private static final String TRIM = "0".repeat(16) + "f".repeat(16) + "3".repeat(16) + "c".repeat(16);
  private static final String CROP = "9".repeat(64);

  private static JsonObject variant(String label, String pdq, int quality) {
    return new JsonObject().put("label", label).put("pdq", pdq).put("quality", quality);
  }

  private static JsonObject entryWithVariants() {
    return new JsonObject().put("pdq", PRIMARY).put("quality", 90).put("reference", "v1")
        .put("pdqVariants", new JsonArray().add(variant("trim", TRIM, 80))
            .add(new JsonObject().put("label", "crop5").put("pdq", CROP.toUpperCase())));
  }

  /** {@code hex} with its first digit's lowest bit flipped: 1 bit away. */
  private static String oneBitFrom(String hex) {
    int d = Character.digit(hex.charAt(0), 16) ^ 1;
    return Character.forDigit(d, 16) + hex.substring(1);
  }

  @Test
  void jsonEntry_withVariants_storedReturnedMatchedExported() throws Exception {
    createBank("vars", "block");
    Resp added = postJson("/v1/banks/vars/entries", curator, entryWithVariants());
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    JsonArray vs = added.json().getJsonArray("pdqVariants");
    assertThat(vs).hasSize(2);
    assertThat(vs.getJsonObject(0)).isEqualTo(variant("trim", TRIM, 80));
    assertThat(vs.getJsonObject(1)).isEqualTo(variant("crop5", CROP, 100));
    String id = added.json().getString("id");
    assertThat(get("/v1/banks/vars/entries/" + id, curator).json().getJsonArray("pdqVariants"))
        .isEqualTo(vs);

    JsonObject viaTrim = postJson("/v1/match", matcher, new JsonObject().put("pdq", oneBitFrom(TRIM))).json();
    assertThat(viaTrim.getString("decision")).isEqualTo("block");
    JsonObject m = viaTrim.getJsonArray("matches").getJsonObject(0);
    assertThat(m.getString("entryId")).isEqualTo(id);
    assertThat(m.getString("entryVariant")).isEqualTo("trim");
    assertThat(m.getBoolean("trimmed")).isFalse();
    assertThat(m.getInteger("distance")).isEqualTo(1);
    JsonObject viaPrimary = postJson("/v1/match", matcher, new JsonObject().put("pdq", PRIMARY)).json();
    JsonObject p = viaPrimary.getJsonArray("matches").getJsonObject(0);
    assertThat(p.containsKey("entryVariant")).isTrue();
    assertThat(p.getString("entryVariant")).isNull();
    assertThat(viaPrimary.getJsonObject("query").containsKey("trimmedPdq")).isTrue();
    assertThat(viaPrimary.getJsonObject("query").getString("trimmedPdq")).isNull();

    // Entries without variants say so with an empty array.
    Resp plain = postJson("/v1/banks/vars/entries", curator, new JsonObject().put("md5", "a".repeat(32)));
    assertThat(plain.json().getJsonArray("pdqVariants")).isEmpty();

    // batch and jsonl import take them; jsonl export emits them; CSV export stays one hash a row.
    JsonArray batch = new JsonArray().add(new JsonObject().put("pdq", "1".repeat(64))
        .put("pdqVariants", new JsonArray().add(variant("rot-3", "2".repeat(64), 60))));
    Resp b = postJson("/v1/banks/vars/entries/batch", curator, new JsonObject().put("entries", batch));
    assertThat(b.status()).as(b.toString()).isEqualTo(201);
    String jsonl = new JsonObject().put("pdq", "4".repeat(64))
        .put("pdqVariants", new JsonArray().add(variant("crop10", "8".repeat(64), 70))).encode() + "\n";
    Resp imported = call(HttpMethod.POST, "/v1/banks/vars/import", curator, "application/x-ndjson",
        Buffer.buffer(jsonl));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
    List<JsonObject> exported = get("/v1/banks/vars/export?format=jsonl", curator).text().lines()
        .map(JsonObject::new).toList();
    assertThat(exported).hasSize(4);
    assertThat(exported.stream().map(e -> e.getJsonArray("pdqVariants").size()))
        .containsExactlyInAnyOrder(2, 0, 1, 1);
    String csv = get("/v1/banks/vars/export?format=csv", curator).text();
    assertThat(csv.lines().findFirst().orElseThrow()).doesNotContain("Variants");
    assertThat(csv).doesNotContain(TRIM);

    // The jsonl export imports into another bank with its variants.
    createBank("copy", "review");
    String all = String.join("\n", exported.stream().map(JsonObject::encode).toList());
    Resp again = call(HttpMethod.POST, "/v1/banks/copy/import", curator, "application/x-ndjson",
        Buffer.buffer(all));
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
    JsonObject copied = postJson("/v1/match?banks=copy", matcher,
        new JsonObject().put("pdq", "8".repeat(64))).json();
    assertThat(copied.getJsonArray("matches").getJsonObject(0).getString("entryVariant"))
        .isEqualTo("crop10");
  }

  @Test
  void badVariants_areProblemsNamingTheField() throws Exception {
    createBank("bad", "block");
    record Case(Object variants, String problem, String detail) {}
    JsonArray many = new JsonArray();
    for (int i = 0; i < 33; i++) {
      many.add(variant("v" + i, TRIM, 50));
    }
    List<Case> cases = List.of(
        new Case("trim", "invalid-request", "pdqVariants must be an array"),
        new Case(new JsonArray().add("x"), "invalid-request", "pdqVariants[0] must be an object"),
        new Case(new JsonArray().add(variant("Trim", TRIM, 50)), "invalid-request", "pdqVariants[0].label"),
        new Case(new JsonArray().add(new JsonObject().put("pdq", TRIM)), "invalid-request", "label"),
        new Case(new JsonArray().add(variant("trim", "abc", 50)), "invalid-hash", "pdqVariants[0].pdq"),
        new Case(new JsonArray().add(new JsonObject().put("label", "trim")), "invalid-hash",
            "pdq is missing"),
        new Case(new JsonArray().add(variant("trim", TRIM, 101)), "invalid-request", "quality"),
        new Case(new JsonArray().add(variant("trim", TRIM, 50).put("extra", 1)), "invalid-request",
            "unknown field"),
        new Case(new JsonArray().add(variant("a", TRIM, 50)).add(variant("a", CROP, 50)), "invalid-request",
            "used twice"),
        new Case(many, "invalid-request", "at most 32"));
    for (Case c : cases) {
      JsonObject body = new JsonObject().put("pdq", PRIMARY).put("pdqVariants", c.variants());
      Resp r = postJson("/v1/banks/bad/entries", curator, body);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.problem()).as(r.toString()).isEqualTo(c.problem());
      assertThat(r.json().getString("detail")).as(r.toString()).contains(c.detail());
    }
    Resp noPdq = postJson("/v1/banks/bad/entries", curator, new JsonObject().put("md5", "b".repeat(32))
        .put("pdqVariants", new JsonArray().add(variant("trim", TRIM, 50))));
    assertThat(noPdq.problem()).isEqualTo("invalid-request");
    assertThat(noPdq.json().getString("detail")).contains("need a pdq");
    Resp inBatch = postJson("/v1/banks/bad/entries/batch", curator, new JsonObject().put("entries",
        new JsonArray().add(new JsonObject().put("pdq", PRIMARY)
            .put("pdqVariants", new JsonArray().add(variant("trim", "zz", 50))))));
    assertThat(inBatch.problem()).isEqualTo("invalid-hash");
    assertThat(inBatch.json().getString("detail")).contains("entries[0]: pdqVariants[0].pdq");
    Resp inImport = call(HttpMethod.POST, "/v1/banks/bad/import", curator, "application/x-ndjson",
        Buffer.buffer(new JsonObject().put("pdq", PRIMARY)
            .put("pdqVariants", new JsonArray().add(variant("trim", TRIM, -1))).encode()));
    assertThat(inImport.problem()).isEqualTo("invalid-import");
    assertThat(inImport.json().getString("detail")).contains("line 1").contains("quality");
    assertThat(get("/v1/banks/bad", curator).json().getLong("size")).isZero();
  }
}

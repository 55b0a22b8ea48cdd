package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** End-to-end matching over real HTTP: banks, entries, dihedral matching, decisions, bulk routes. */
class MatchFlowTest extends ServiceTestBase {

  private static final BufferedImage PHOTO = TestImages.photo(480, 360, 20261125L);
  private static final BufferedImage OTHER = TestImages.photo(480, 360, 4242L);

  @Test
  void imageEntry_reencodedMirroredRotated_matchUntilRemoved() throws Exception {
    createBank("takedowns", "block");
    Resp added = call(HttpMethod.POST,
        "/v1/banks/takedowns/entries?reference=case-17&source=takedown&meta.ticket=T-1", curator,
        "image/png", Buffer.buffer(TestImages.png(PHOTO)));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String id = added.json().getString("id");
    assertThat(added.headers().get("Location")).isEqualTo("/v1/banks/takedowns/entries/" + id);
    assertThat(added.json().getString("reference")).isEqualTo("case-17");
    assertThat(added.json().getJsonObject("metadata").getString("ticket")).isEqualTo("T-1");
    assertThat(added.json().getInteger("quality")).isGreaterThanOrEqualTo(50);

    Set<String> variants = new HashSet<>();
    for (byte[] probe : List.of(
        TestImages.jpeg(PHOTO, 0.8f),
        TestImages.png(TestImages.mirror(PHOTO)),
        TestImages.png(TestImages.rotate90(PHOTO)))) {
      Resp m = call(HttpMethod.POST, "/v1/match", matcher, "image/jpeg", Buffer.buffer(probe));
      assertThat(m.status()).as(m.toString()).isEqualTo(200);
      JsonObject body = m.json();
      assertThat(body.getString("decision")).as(body.encode()).isEqualTo("block");
      JsonObject match = body.getJsonArray("matches").stream()
          .map(JsonObject.class::cast).filter(j -> j.getString("signal").equals("pdq"))
          .findFirst().orElseThrow();
      assertThat(match.getString("bank")).isEqualTo("takedowns");
      assertThat(match.getString("entryId")).isEqualTo(id);
      assertThat(match.getString("action")).isEqualTo("block");
      assertThat(match.getString("reference")).isEqualTo("case-17");
      assertThat(match.getInteger("distance")).isLessThanOrEqualTo(31);
      assertThat(match.getString("addedAt")).isNotBlank();
      // Which query probe hit, and which stored hash: the re-encode hits the primary with the
      // original probe, the mirror a dihedral probe, the rotation a pixel-rotated entry variant
      // (or a dihedral probe).
      variants.add(match.getString("variant") + "/" + match.getString("entryVariant"));
      assertThat(body.getJsonObject("query").getBoolean("belowQuality")).isFalse();
      assertThat(body.getLong("tookMicros")).isPositive();
    }
    assertThat(variants).contains("original/null").hasSize(3);

    // Without dihedral variants the mirror no longer matches by PDQ.
    Resp plain = call(HttpMethod.POST, "/v1/match?dihedral=false", matcher, "image/png",
        Buffer.buffer(TestImages.png(TestImages.mirror(PHOTO))));
    assertThat(plain.json().getJsonArray("matches").stream().map(JsonObject.class::cast)
        .filter(j -> j.getString("signal").equals("pdq")).toList()).isEmpty();

    Resp unrelated = postImage("/v1/match", matcher, TestImages.png(OTHER));
    assertThat(unrelated.json().getString("decision")).isEqualTo("none");

    assertThat(delete("/v1/banks/takedowns/entries/" + id, curator).status()).isEqualTo(204);
    assertThat(get("/v1/banks/takedowns/entries/" + id, curator).problem()).isEqualTo("entry-not-found");
    Resp after = call(HttpMethod.POST, "/v1/match", matcher, "image/jpeg",
        Buffer.buffer(TestImages.jpeg(PHOTO, 0.8f)));
    assertThat(after.json().getString("decision")).isEqualTo("none");
    assertThat(after.json().getJsonArray("matches")).isEmpty();
  }

  @Test
  void allowBank_suppressesBlock_butListsEveryMatch() throws Exception {
    createBank("blocked", "block");
    createBank("allowed", "allow");
    byte[] png = TestImages.png(PHOTO);
    assertThat(postImage("/v1/banks/blocked/entries", curator, png).status()).isEqualTo(201);
    assertThat(postImage("/v1/banks/allowed/entries", curator, png).status()).isEqualTo(201);

    JsonObject m = postImage("/v1/match", matcher, png).json();
    assertThat(m.getString("decision")).isEqualTo("allow");
    assertThat(m.getJsonArray("matches").stream().map(j -> ((JsonObject) j).getString("action")))
        .contains("allow", "block");

    // Limited to the block bank, the same image blocks.
    JsonObject onlyBlock = call(HttpMethod.POST, "/v1/match?banks=blocked", matcher, "image/png",
        Buffer.buffer(png)).json();
    assertThat(onlyBlock.getString("decision")).isEqualTo("block");
    // Disabling the allow bank removes the exemption.
    Resp patched = call(HttpMethod.PATCH, "/v1/banks/allowed", admin, "application/json",
        Buffer.buffer(new JsonObject().put("enabled", false).encode()));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(postImage("/v1/match", matcher, png).json().getString("decision")).isEqualTo("block");
  }

  @Test
  void jsonHashes_matchBatchAndQuality_areReported() throws Exception {
    createBank("hashes", "review");
    String pdq = "f".repeat(16) + "0".repeat(16) + "a".repeat(16) + "5".repeat(16);
    String md5 = "0123456789abcdef0123456789abcdef";
    Resp added = postJson("/v1/banks/hashes/entries", curator, new JsonObject()
        .put("pdq", pdq).put("quality", 90).put("md5", md5.toUpperCase())
        .put("reference", "r1").put("metadata", new JsonObject().put("k", "v")).put("reason", "ticket 9"));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.json().getString("md5")).isEqualTo(md5);

    String near = "e" + pdq.substring(1); // 1 bit away
    JsonObject m = postJson("/v1/match", matcher, new JsonObject().put("pdq", near)).json();
    assertThat(m.getString("decision")).isEqualTo("review");
    assertThat(m.getJsonArray("matches").getJsonObject(0).getInteger("distance")).isEqualTo(1);
    assertThat(m.getJsonObject("query").getInteger("quality")).isEqualTo(100);

    // Below the bank's minimum quality (50): PDQ not searched there, and said so; md5 still is.
    JsonObject low = postJson("/v1/match", matcher,
        new JsonObject().put("pdq", near).put("quality", 10)).json();
    assertThat(low.getString("decision")).isEqualTo("none");
    assertThat(low.getJsonObject("query").getBoolean("belowQuality")).isTrue();
    assertThat(low.getJsonObject("query").getJsonArray("belowQualityBanks")).containsExactly("hashes");
    JsonObject lowWithMd5 = postJson("/v1/match", matcher,
        new JsonObject().put("pdq", near).put("quality", 10).put("md5", md5)).json();
    assertThat(lowWithMd5.getString("decision")).isEqualTo("review");
    assertThat(lowWithMd5.getJsonArray("matches").getJsonObject(0).getString("signal")).isEqualTo("md5");

    JsonArray items = new JsonArray()
        .add(new JsonObject().put("pdq", near))
        .add(new JsonObject().put("md5", "f".repeat(32)))
        .add(new JsonObject().put("md5", md5));
    JsonObject batch = postJson("/v1/match/batch", matcher, new JsonObject().put("items", items)).json();
    assertThat(batch.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("decision")))
        .containsExactly("review", "none", "review");
    JsonObject bare = postJson("/v1/match/batch", matcher, items).json();
    assertThat(bare.getJsonArray("results")).hasSize(3);

    Resp unknown = postJson("/v1/match?banks=hashes,nope", matcher, new JsonObject().put("md5", md5));
    assertThat(unknown.problem()).isEqualTo("bank-not-found");
  }

  @Test
  void hash_returnsEveryHash_andDihedralOnRequest() throws Exception {
    byte[] png = TestImages.png(PHOTO);
    JsonObject h = postImage("/v1/hash", matcher, png).json();
    assertThat(h.getString("pdq")).hasSize(64);
    assertThat(h.getString("phash")).hasSize(16);
    assertThat(h.getString("md5")).hasSize(32);
    assertThat(h.getString("sha256")).hasSize(64);
    assertThat(h.getInteger("width")).isEqualTo(480);
    assertThat(h.getInteger("height")).isEqualTo(360);
    assertThat(h.containsKey("dihedral")).isFalse();
    JsonObject d = postImage("/v1/hash?dihedral=true", matcher, png).json();
    assertThat(d.getJsonObject("dihedral").fieldNames()).hasSize(8);
    assertThat(d.getJsonObject("dihedral").getString("original")).isEqualTo(h.getString("pdq"));
  }

  @Test
  void banksAndEntries_crudListBatchImportExport() throws Exception {
    createBank("crud", "block");
    assertThat(postJson("/v1/banks", admin, new JsonObject().put("name", "crud").put("action", "block"))
        .problem()).isEqualTo("bank-exists");
    JsonArray entries = new JsonArray();
    for (int i = 0; i < 25; i++) {
      entries.add(new JsonObject().put("md5", String.format("%032x", i)).put("reference", "b" + i));
    }
    Resp batch = postJson("/v1/banks/crud/entries/batch", curator, new JsonObject().put("entries", entries));
    assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
    assertThat(batch.json().getJsonArray("ids")).hasSize(25);
    // All or nothing: one bad row, nothing added.
    JsonArray bad = entries.copy().add(new JsonObject().put("md5", "zz"));
    assertThat(postJson("/v1/banks/crud/entries/batch", curator, new JsonObject().put("entries", bad))
        .problem()).isEqualTo("invalid-hash");

    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      Resp page = get("/v1/banks/crud/entries?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), curator);
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.json().getJsonArray("entries").forEach(e -> seen.add(((JsonObject) e).getString("id")));
      cursor = page.json().getString("nextCursor");
    } while (cursor != null);
    assertThat(seen).hasSize(25);
    assertThat(get("/v1/banks/crud", curator).json().getLong("size")).isEqualTo(25);

    String csv = "pdq,quality,md5,reference,note\n"
        + "f".repeat(64) + ",80,,\"ref, with comma\",n1\n"
        + ",," + "1".repeat(32) + ",r2,\n";
    Resp imported = call(HttpMethod.POST, "/v1/banks/crud/import", curator, "text/csv", Buffer.buffer(csv));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
    assertThat(imported.json().getInteger("imported")).isEqualTo(2);
    Resp badCsv = call(HttpMethod.POST, "/v1/banks/crud/import", curator, "text/csv",
        Buffer.buffer("md5\n" + "2".repeat(32) + "\nnot-hex\n"));
    assertThat(badCsv.problem()).isEqualTo("invalid-import");
    assertThat(badCsv.json().getString("detail")).contains("line 3");
    assertThat(get("/v1/banks/crud", curator).json().getLong("size")).isEqualTo(27);

    Resp exported = get("/v1/banks/crud/export?format=csv", curator);
    assertThat(exported.status()).isEqualTo(200);
    assertThat(exported.text().lines().count()).isEqualTo(28);
    assertThat(exported.text()).contains("\"ref, with comma\"");
    Resp jsonl = get("/v1/banks/crud/export?format=jsonl", admin);
    assertThat(jsonl.text().lines().count()).isEqualTo(27);

    // Export round-trips through import into another bank.
    createBank("copy", "review");
    Resp again = call(HttpMethod.POST, "/v1/banks/copy/import", curator, "text/csv", exported.body());
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
    assertThat(again.json().getInteger("imported")).isEqualTo(27);

    assertThat(delete("/v1/banks/crud", admin).status()).isEqualTo(204);
    assertThat(get("/v1/banks/crud", curator).problem()).isEqualTo("bank-not-found");
    JsonObject audit = get("/v1/audit?limit=1000", admin).json();
    List<String> actions = audit.getJsonArray("records").stream()
        .map(r -> ((JsonObject) r).getString("action")).toList();
    assertThat(actions).contains("key.create", "bank.create", "entry.addBatch", "entry.import", "bank.delete");
  }

  @Test
  void readyzAndMetrics_reportState() throws Exception {
    createBank("metered", "block");
    postJson("/v1/banks/metered/entries", curator, new JsonObject().put("md5", "a".repeat(32)));
    postJson("/v1/match", matcher, new JsonObject().put("md5", "a".repeat(32)));
    assertThat(get("/readyz", null).status()).isEqualTo(200);
    String metrics = get("/metrics", null).text();
    assertThat(metrics)
        .contains("hashmatch_http_server_requests_seconds_bucket")
        .contains("route=\"/v1/match\"")
        .contains("hashmatch_bank_entries{bank=\"metered\"} 1.0")
        .contains("hashmatch_matches_total{bank=\"metered\",decision=\"block\"} 1.0")
        .contains("hashmatch_search_seconds_count");
  }
}

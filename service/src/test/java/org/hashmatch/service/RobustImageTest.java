package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The robust defaults over real HTTP: image entries store bank-side PDQ variants, a padded or
 * letterboxed copy of the image matches (through the trimmed query or a stored variant) where plain
 * PDQ misses it by ~100 bits, and {@code augment=false} / {@code trim=false} / {@code
 * dihedral=false} turn the parts off.
 */
class RobustImageTest extends ServiceTestBase {

  private static final BufferedImage PHOTO = TestImages.photo(480, 360, 20261125L);

  private Resp addImage(String bank, String query, BufferedImage img) throws Exception {
    Resp r = call(HttpMethod.POST, "/v1/banks/" + bank + "/entries" + query, curator, "image/png",
        Buffer.buffer(TestImages.png(img)));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r;
  }

  private JsonObject match(String query, BufferedImage img) throws Exception {
    Resp r = call(HttpMethod.POST, "/v1/match" + query, matcher, "image/png",
        Buffer.buffer(TestImages.png(img)));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static List<JsonObject> pdqMatches(JsonObject result) {
    return result.getJsonArray("matches").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("signal").equals("pdq")).toList();
  }

  @Test
  void imageEntry_storesLabelledVariants_andAugmentFalseStoresNone() throws Exception {
    createBank("robust", "block");
    JsonObject e = addImage("robust", "", PHOTO).json();
    JsonArray vs = e.getJsonArray("pdqVariants");
    assertThat(vs).isNotEmpty();
    assertThat(vs.size()).isLessThanOrEqualTo(32);
    Set<String> labels = new HashSet<>();
    for (Object o : vs) {
      JsonObject v = (JsonObject) o;
      assertThat(v.getString("label")).matches("[a-z0-9+-]{1,32}");
      assertThat(labels.add(v.getString("label"))).isTrue();
      assertThat(v.getString("pdq")).matches("[0-9a-f]{64}");
      assertThat(v.getInteger("quality")).isBetween(0, 100);
    }
    assertThat(get("/v1/banks/robust/entries/" + e.getString("id"), curator).json()
        .getJsonArray("pdqVariants")).isEqualTo(vs);
    assertThat(get("/v1/banks/robust", curator).json().getLong("size")).isEqualTo(1);

    JsonObject plain = addImage("robust", "?augment=false", PHOTO).json();
    assertThat(plain.getJsonArray("pdqVariants")).isEmpty();
    assertThat(plain.getString("pdq")).isEqualTo(e.getString("pdq"));
    assertThat(call(HttpMethod.POST, "/v1/banks/robust/entries?augment=maybe", curator,
        "image/png", Buffer.buffer(TestImages.png(PHOTO))).problem()).isEqualTo("invalid-request");
  }

  @Test
  void paddedAndLetterboxed_matchByTrimming_unlessTurnedOff() throws Exception {
    createBank("plain", "block");
    String id = addImage("plain", "?augment=false", PHOTO).json().getString("id");
    BufferedImage padded = TestImages.pad(PHOTO, 96, 72, Color.WHITE);
    BufferedImage letterboxed = TestImages.pad(PHOTO, 0, 90, Color.BLACK);
    for (BufferedImage img : List.of(padded, letterboxed)) {
      JsonObject r = match("", img);
      assertThat(r.getString("decision")).as(r.encode()).isEqualTo("block");
      JsonObject m = pdqMatches(r).getFirst();
      assertThat(m.getString("entryId")).isEqualTo(id);
      assertThat(m.getBoolean("trimmed")).isTrue();
      assertThat(m.getString("entryVariant")).isNull();
      assertThat(m.getString("variant")).isEqualTo("original");
      JsonObject q = r.getJsonObject("query");
      assertThat(q.getString("trimmedPdq")).matches("[0-9a-f]{64}");
      assertThat(q.getInteger("trimmedQuality")).isBetween(50, 100);

      // Without trimming (and no bank-side variants) plain PDQ misses it.
      JsonObject off = match("?trim=false", img);
      assertThat(pdqMatches(off)).isEmpty();
      assertThat(off.getJsonObject("query").getString("trimmedPdq")).isNull();
    }
    // Mirrored and padded: the trimmed probes carry the dihedral variants too, unless turned off.
    BufferedImage mirroredPadded = TestImages.pad(TestImages.mirror(PHOTO), 96, 72, Color.WHITE);
    JsonObject mirrored = match("", mirroredPadded);
    assertThat(pdqMatches(mirrored)).singleElement().satisfies(m -> {
      assertThat(m.getBoolean("trimmed")).isTrue();
      assertThat(m.getString("variant")).isNotEqualTo("original");
    });
    assertThat(pdqMatches(match("?dihedral=false", mirroredPadded))).isEmpty();
    assertThat(call(HttpMethod.POST, "/v1/match?trim=1", matcher, "image/png",
        Buffer.buffer(TestImages.png(PHOTO))).problem()).isEqualTo("invalid-request");
  }

  @Test
  void paddedEntry_matchesTheUnpaddedQueryThroughItsTrimVariant() throws Exception {
    createBank("bank-side", "review");
    JsonObject e = addImage("bank-side", "", TestImages.pad(PHOTO, 96, 72, Color.WHITE)).json();
    assertThat(e.getJsonArray("pdqVariants").stream().map(v -> ((JsonObject) v).getString("label")))
        .contains("trim");
    JsonObject r = match("?trim=false&dihedral=false", PHOTO);
    assertThat(pdqMatches(r)).singleElement().satisfies(m -> {
      assertThat(m.getString("entryId")).isEqualTo(e.getString("id"));
      assertThat(m.getString("entryVariant")).isEqualTo("trim");
      assertThat(m.getBoolean("trimmed")).isFalse();
    });
    assertThat(r.getString("decision")).isEqualTo("review");
  }

  /**
   * Two different plain boxes in the same frame: PDQ rates the frame far above the gate, and their
   * pHashes (which see only the frame) are equal. The query is gated as flat content, which gates
   * its pHash with it.
   */
  @Test
  void plainBoxInAFrame_isGatedAsFlat() throws Exception {
    createBank("boxes", "block");
    BufferedImage grey = TestImages.pad(solid(240, 180, new Color(128, 128, 128)), 20, 20, Color.WHITE);
    BufferedImage light = TestImages.pad(solid(240, 180, new Color(100, 100, 100)), 20, 20, Color.WHITE);
    addImage("boxes", "", grey);
    JsonObject r = match("", light);
    assertThat(pdqMatches(r)).as(r.encode()).isEmpty();
    assertThat(r.getJsonObject("query").getInteger("quality")).isZero();
    assertThat(r.getJsonObject("query").getJsonArray("belowQualityBanks")).as(r.encode()).contains("boxes");
    // Without the robust path the frame passes PDQ's own gate, and the degenerate pHash (it sees
    // only the frame too) matches the other box.
    JsonObject plain = match("?trim=false", light);
    assertThat(plain.getJsonObject("query").getInteger("quality")).isGreaterThanOrEqualTo(50);
    assertThat(plain.getJsonArray("matches").isEmpty()).as(plain.encode()).isFalse();
  }

  private static BufferedImage solid(int w, int h, Color c) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }
}

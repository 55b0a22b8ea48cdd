package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.util.HexFormat;
import org.hashmatch.index.BankConfig;
import org.hashmatch.service.match.MatchEngine;
import org.junit.jupiter.api.Test;

/**
 * The tiered quality gate over HTTP: a query whose PDQ quality is under the bank's {@code
 * minQuality} but at least {@link MatchEngine#LOW_QUALITY_FLOOR} is matched within {@link
 * MatchEngine#LOW_QUALITY_RADIUS} only; under the floor (a flat image) it never is.
 */
class LowQualityTierTest extends ServiceTestBase {

  /** A generated photo at a fraction of its contrast: textured, but PDQ quality under 50. */
  private static BufferedImage faint(double contrast) {
    BufferedImage img = TestImages.photo(480, 360, 20261129L);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
          int c = (rgb >> shift) & 0xff;
          out |= (int) Math.round(128 + (c - 128) * contrast) << shift;
        }
        img.setRGB(x, y, out);
      }
    }
    return img;
  }

  private static BufferedImage flat() {
    BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 150; y++) {
      for (int x = 0; x < 200; x++) {
        img.setRGB(x, y, 0x808080);
      }
    }
    return img;
  }

  private JsonObject matchImage(byte[] bytes, String type) throws Exception {
    Resp r = call(HttpMethod.POST, "/v1/match", matcher, type, Buffer.buffer(bytes));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  @Test
  void lowQualityImage_matchesItsReencode_flatImageNever() throws Exception {
    createBank("low", "block");
    BufferedImage img = faint(0.45);
    Resp added = call(HttpMethod.POST, "/v1/banks/low/entries", curator, "image/png",
        Buffer.buffer(TestImages.png(img)));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    Resp flatAdded = call(HttpMethod.POST, "/v1/banks/low/entries", curator, "image/png",
        Buffer.buffer(TestImages.png(flat())));
    assertThat(flatAdded.status()).as(flatAdded.toString()).isEqualTo(201);

    JsonObject m = matchImage(TestImages.jpeg(img, 0.85f), "image/jpeg");
    int quality = m.getJsonObject("query").getInteger("quality");
    assertThat(quality)
        .isGreaterThanOrEqualTo(MatchEngine.LOW_QUALITY_FLOOR)
        .isLessThan(BankConfig.DEFAULT_MIN_QUALITY);
    assertThat(m.getString("decision")).as(m.encode() + added.json().encode()).isEqualTo("block");
    JsonObject hit = m.getJsonArray("matches").getJsonObject(0);
    assertThat(hit.getString("signal")).isEqualTo("pdq");
    assertThat(hit.getInteger("distance")).isLessThanOrEqualTo(MatchEngine.LOW_QUALITY_RADIUS);
    assertThat(hit.getString("entryId"))
        .isEqualTo(added.json().getString("id"));
    assertThat(m.getJsonObject("query").getBoolean("belowQuality")).isFalse();

    JsonObject f = matchImage(TestImages.png(flat()), "image/png");
    assertThat(f.getJsonObject("query").getInteger("quality")).isZero();
    assertThat(f.getJsonArray("matches").stream()
        .map(o -> ((JsonObject) o).getString("signal"))).doesNotContain("pdq", "phash");
    assertThat(f.getJsonObject("query").getBoolean("belowQuality")).isTrue();
  }

  @Test
  void lowQualityJsonQuery_matchesOnlyWithinTheTightRadius() throws Exception {
    createBank("hashes", "review");
    byte[] entry = new byte[32];
    for (int i = 0; i < 32; i++) {
      entry[i] = (byte) (i * 37 + 11);
    }
    Resp added = postJson("/v1/banks/hashes/entries", curator, new JsonObject()
        .put("pdq", HexFormat.of().formatHex(entry)).put("quality", 90));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    int low = MatchEngine.LOW_QUALITY_FLOOR + 10;
    int r = MatchEngine.LOW_QUALITY_RADIUS;

    assertThat(decision(flip(entry, r), low)).isEqualTo("review");
    for (int d = r + 1; d <= BankConfig.DEFAULT_PDQ_RADIUS; d += 5) {
      assertThat(decision(flip(entry, d), low)).as("distance %d", d).isEqualTo("none");
    }
    assertThat(decision(flip(entry, BankConfig.DEFAULT_PDQ_RADIUS), 50)).isEqualTo("review");
    JsonObject under = postJson("/v1/match", matcher, new JsonObject()
        .put("pdq", flip(entry, 0)).put("quality", MatchEngine.LOW_QUALITY_FLOOR - 1)).json();
    assertThat(under.getString("decision")).isEqualTo("none");
    assertThat(under.getJsonObject("query").getJsonArray("belowQualityBanks"))
        .containsExactly("hashes");
  }

  private String decision(String pdq, int quality) throws Exception {
    return postJson("/v1/match", matcher, new JsonObject().put("pdq", pdq).put("quality", quality))
        .json().getString("decision");
  }

  /** The hex of {@code hash} with its first {@code bits} bits flipped. */
  private static String flip(byte[] hash, int bits) {
    byte[] b = hash.clone();
    for (int i = 0; i < bits; i++) {
      b[i / 8] ^= (byte) (1 << (i % 8));
    }
    return HexFormat.of().formatHex(b);
  }
}

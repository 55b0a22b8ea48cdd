package org.hashmatch.bench.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.image.DecodedImage;
import org.hashmatch.hashing.image.ImageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformSuiteTest {

  private static final int W = 200;
  private static final int H = 120;
  private static final BufferedImage SRC = SyntheticImages.picture(W, H, 42);
  private static final Hashing HASHING = new Hashing(null);

  private static Transform named(String name) {
    return TransformSuite.standard().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no transform " + name));
  }

  @Test
  void standard_namesAreUniqueAndCoverTheIssuesList() {
    List<Transform> suite = TransformSuite.standard();
    Set<String> names = new HashSet<>();
    suite.forEach(t -> assertThat(names.add(t.name())).as(t.name()).isTrue());
    assertThat(names).contains("jpeg90", "jpeg70", "jpeg50", "jpeg30", "resize0.5", "resize0.25",
        "resize2", "grey", "gamma0.7", "gamma1.4", "bright+20", "bright-20", "contrast+20",
        "contrast-20", "blur1", "blur2", "noise", "sharpen", "crop2", "crop5", "crop10",
        "centre-crop80", "pad10-white", "pad10-black", "pad20-white", "pad20-black",
        "letterbox16x9", "caption-top", "caption-bottom", "watermark", "rot90", "rot180",
        "rot270", "mirror", "rot2deg", "rot5deg", "stretch1.2", "screenshot",
        "resize0.5+jpeg70", "crop5+jpeg70", "mirror+letterbox");
    suite.forEach(t -> assertThat(t.parameters()).as(t.name()).isNotBlank());
  }

  @Test
  void everyTransform_givesAValidImageAndLeavesItsInputAlone() {
    int[] before = Images.pixels(SRC).clone();
    for (Transform t : TransformSuite.standard()) {
      BufferedImage out = t.edit().apply(SRC, 7);
      assertThat(out.getWidth()).as(t.name()).isPositive();
      assertThat(out.getHeight()).as(t.name()).isPositive();
      assertThat(out.getType()).as(t.name())
          .isIn(BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY);
      HashedImage hashed = HASHING.hash(out, t.jpegQuality(), false);
      assertThat(hashed.width()).as(t.name()).isEqualTo(out.getWidth());
      assertThat(hashed.height()).as(t.name()).isEqualTo(out.getHeight());
    }
    assertThat(Images.pixels(SRC)).isEqualTo(before);
  }

  @ParameterizedTest
  @CsvSource({
    "jpeg90, 200, 120", "resize0.5, 100, 60", "resize0.25, 50, 30", "resize2, 400, 240",
    "grey, 200, 120", "crop2, 192, 116", "crop5, 180, 108", "crop10, 160, 96",
    "centre-crop80, 96, 96", "pad10-white, 240, 144", "pad20-black, 280, 168",
    "letterbox16x9, 213, 120", "caption-top, 200, 144", "caption-bottom, 200, 144",
    "watermark, 200, 120", "rot90, 120, 200", "rot180, 200, 120", "rot270, 120, 200",
    "mirror, 200, 120", "rot2deg, 200, 120", "rot5deg, 200, 120", "stretch1.2, 240, 120",
    "resize0.5+jpeg70, 100, 60", "crop5+jpeg70, 180, 108", "mirror+letterbox, 213, 120"
  })
  void transform_hasTheExpectedSize(String name, int width, int height) {
    BufferedImage out = named(name).edit().apply(SRC, 7);
    assertThat(out.getWidth()).isEqualTo(width);
    assertThat(out.getHeight()).isEqualTo(height);
  }

  @Test
  void letterbox_ofATallImage_addsBarsLeftAndRight() {
    BufferedImage tall = SyntheticImages.picture(90, 160, 3);
    BufferedImage out = named("letterbox16x9").edit().apply(tall, 0);
    assertThat(out.getHeight()).isEqualTo(160);
    assertThat(out.getWidth()).isEqualTo(284);
    assertThat(Images.pixels(out)[0]).isZero();
  }

  @Test
  void rot90_isClockwiseAndPixelExact() {
    BufferedImage out = named("rot90").edit().apply(SRC, 0);
    int[] s = Images.pixels(SRC);
    int[] d = Images.pixels(out);
    // Clockwise: the top-left pixel goes to the top-right, the bottom-left to the top-left.
    assertThat(d[H - 1]).isEqualTo(s[0]);
    assertThat(d[0]).isEqualTo(s[(H - 1) * W]);
    BufferedImage back = named("rot270").edit().apply(out, 0);
    assertThat(Images.pixels(back)).isEqualTo(s);
  }

  @Test
  void pad_keepsThePictureAndFillsTheBorder() {
    BufferedImage out = named("pad10-white").edit().apply(SRC, 0);
    int[] d = Images.pixels(out);
    assertThat(d[0]).isEqualTo(0xFFFFFF);
    assertThat(d[12 * out.getWidth() + 20]).isEqualTo(Images.pixels(SRC)[0]);
  }

  @Test
  void caption_drawsRealTextOnTheBand() {
    BufferedImage out = named("caption-top").edit().apply(SRC, 0);
    int band = out.getHeight() - H;
    int dark = 0;
    int[] d = Images.pixels(out);
    for (int i = 0; i < band * out.getWidth(); i++) {
      if ((d[i] & 0xFF) < 128) {
        dark++;
      }
    }
    assertThat(dark).isGreaterThan(50);
    assertThat(d[band * W]).isEqualTo(Images.pixels(SRC)[0]);
  }

  @Test
  void noise_isSeededAndChangesPixels() {
    Transform noise = named("noise");
    assertThat(Images.pixels(noise.edit().apply(SRC, 5)))
        .isEqualTo(Images.pixels(noise.edit().apply(SRC, 5)))
        .isNotEqualTo(Images.pixels(noise.edit().apply(SRC, 6)))
        .isNotEqualTo(Images.pixels(SRC));
  }

  @Test
  void jpeg_reallyEncodesAndDecodes_andJpeg90KeepsTheHashClose() {
    byte[] jpeg = Hashing.encodeJpeg(SRC, 90);
    assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
    assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
    Hashing hashing = HASHING;
    HashedImage original = hashing.hash(SRC, 0, false);
    HashedImage q90 = hashing.hash(SRC, 90, false);
    HashedImage q30 = hashing.hash(SRC, 30, false);
    PdqResult p = PdqHasher.create(PdqHasher.Kernel.AUTO)
        .hash(DecodedImage.fromBufferedImage(SRC, ImageFormat.PNG).luma(), W, H, false);
    assertThat(original.pdq().hash()).isEqualTo(p.hash());
    assertThat(original.pdq().quality()).isGreaterThanOrEqualTo(50);
    assertThat(q90.pdq().hash().distance(original.pdq().hash())).isLessThanOrEqualTo(16);
    // Lossy: at quality 30 the planes (and usually the hash) are not those of the pixels.
    assertThat(q30.pdq().hash().distance(original.pdq().hash()))
        .isGreaterThanOrEqualTo(q90.pdq().hash().distance(original.pdq().hash()));
    assertThat(q90.width()).isEqualTo(W);
  }

  @Test
  void mirror_matchesThroughTheDihedralVariants() {
    // 320 px wide: PDQ's mirror variant is exact when its sampling is symmetric (window 3).
    BufferedImage src = SyntheticImages.picture(320, 240, 42);
    Hashing hashing = HASHING;
    HashedImage entry = hashing.hash(src, 0, true);
    HashedImage q = hashing.hash(named("mirror").edit().apply(src, 0), 0, false);
    LinearBank bank =
        new LinearBank(List.of(MatcherVariant.DIHEDRAL.stored(entry)), 31);
    assertThat(new LinearBank(List.of(MatcherVariant.PDQ.stored(entry)), 31)
            .search(MatcherVariant.PDQ.probes(q)))
        .isEmpty();
    assertThat(bank.search(MatcherVariant.DIHEDRAL.probes(q)))
        .singleElement()
        .satisfies(h -> assertThat(h.probe()).isEqualTo("flipY"));
  }
}

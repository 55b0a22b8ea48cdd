package org.hashmatch.hashing.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.robust.Planes.Plane;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BorderTrimmerTest {

  private static final int RADIUS = 31;

  private final BorderTrimmer trimmer = BorderTrimmer.defaults();
  private final PdqHasher pdq = PdqHasher.create(PdqHasher.Kernel.SCALAR);

  @ParameterizedTest
  @CsvSource({
    // left, top, right, bottom, colour
    "40, 30, 40, 30, 255",
    "40, 30, 40, 30, 0",
    "25, 25, 25, 25, 133",
    "0, 60, 0, 60, 0", // letterbox
    "70, 0, 70, 0, 0", // pillarbox
    "10, 0, 50, 90, 255", // uneven
    "0, 0, 0, 45, 200", // one side only
  })
  void contentRegion_paddedImage_trimsBackToTheContentAndMatches(
      int left, int top, int right, int bottom, int colour) {
    Plane content = Planes.textured(320, 240, 11);
    Plane padded = Planes.pad(content, left, top, right, bottom, colour);
    Region r = trimmer.contentRegion(padded.luma(), padded.width(), padded.height());
    assertNear(r, new Region(left, top, 320, 240), 2);
    assertTrimmedMatches(content, padded, r);
  }

  @Test
  void contentRegion_nestedFrames_trimsAllOfThem() {
    Plane content = Planes.textured(300, 220, 12);
    Plane inner = Planes.pad(content, 6, 6, 6, 6, 30);
    Plane outer = Planes.pad(inner, 20, 14, 20, 14, 230);
    Region r = trimmer.contentRegion(outer.luma(), outer.width(), outer.height());
    assertNear(r, new Region(26, 20, 300, 220), 2);
    assertTrimmedMatches(content, outer, r);
  }

  @Test
  void contentRegion_noisyBorder_trimsDespiteNoiseAndOutliers() {
    Plane content = Planes.textured(300, 200, 13);
    Plane padded = Planes.noisy(Planes.pad(content, 35, 35, 35, 35, 240), 3, 5);
    // A few speckles in the border, as JPEG ringing or dust leaves.
    for (int i = 0; i < 40; i++) {
      padded.luma()[(i * 7919) % (35 * padded.width())] = 0;
    }
    Region r = trimmer.contentRegion(padded.luma(), padded.width(), padded.height());
    assertNear(r, new Region(35, 35, 300, 200), 2);
    assertTrimmedMatches(content, padded, r);
  }

  @ParameterizedTest
  @CsvSource({"true, 255, 0", "false, 255, 0", "false, 0, 255", "true, 90, 250"})
  void contentRegion_captionBand_trimsTheBandWithItsText(boolean top, int background, int ink) {
    Plane content = Planes.textured(320, 240, 14);
    Plane captioned = Planes.caption(content, 48, top, background, ink, 3);
    Region r = trimmer.contentRegion(captioned.luma(), captioned.width(), captioned.height());
    assertNear(r, new Region(0, top ? 48 : 0, 320, 240), 2);
    assertTrimmedMatches(content, captioned, r);
  }

  @ParameterizedTest(name = "top={0} band={1} background={2} ink={3} height={4} width={5}")
  @CsvSource({
    // top, band rows, background, ink, text height share of the band, text width share
    "true, 48, 255, 0, 0.6, 0.9", // the benchmark's caption: black bold text on white
    "false, 48, 255, 0, 0.6, 0.9",
    "true, 48, 0, 255, 0.6, 0.9", // white on black
    "false, 60, 200, 40, 0.5, 0.9", // a coloured (light) band, dark text
    "true, 60, 70, 235, 0.5, 0.95", // a coloured (dark) band, light text almost edge to edge
    "true, 40, 255, 0, 0.3, 0.5", // small text
    "false, 64, 255, 0, 0.85, 0.97", // large text close to every edge of the band
    "true, 14, 255, 0, 0.6, 0.9", // a thin band, tiny text
    "false, 30, 0, 255, 0.7, 0.6",
  })
  void contentRegion_textCaption_trimsBackToThePicture(
      boolean top, int band, int background, int ink, double heightShare, double widthShare) {
    Plane content = Planes.textured(320, 240, 15);
    Plane captioned =
        Planes.textCaption(
            content, band, top, background, ink, "WHEN THE BENCHMARK FINALLY FINISHES",
            heightShare, widthShare);
    Region r = trimmer.contentRegion(captioned.luma(), captioned.width(), captioned.height());
    assertNear(r, new Region(0, top ? band : 0, 320, 240), 2);
    assertTrimmedMatches(content, captioned, r);
  }

  @Test
  void contentRegion_textCaptionOnAPadded_trimsBoth() {
    // A cut-out on white, then captioned: the band's margin and the picture's margin are one.
    Plane content = Planes.textured(200, 150, 16);
    Plane onWhite = Planes.pad(content, 30, 20, 30, 20, 255);
    Plane captioned =
        Planes.textCaption(onWhite, 38, true, 255, 0, "WHEN THE BENCHMARK FINALLY FINISHES", 0.6, 0.9);
    Region r = trimmer.contentRegion(captioned.luma(), captioned.width(), captioned.height());
    assertNear(r, new Region(30, 38 + 20, 200, 150), 2);
  }

  @ParameterizedTest(name = "sky rows={0} birds={1}")
  @CsvSource({"80, 0", "80, 6", "120, 3", "40, 0"})
  void contentRegion_skyAboveTexturedGround_neverCutsIntoTheGround(int skyRows, int birds) {
    Plane p = Planes.sky(320, 240, skyRows, 235, 170, birds, 17);
    Region r = trimmer.contentRegion(p.luma(), p.width(), p.height());
    // The sky's rows are uniform and may go (the bank trims them alike); the ground stays.
    assertThat(r.y()).isLessThanOrEqualTo(skyRows);
    assertThat(r.y() + r.height()).isEqualTo(240);
    assertThat(r.x()).isZero();
    assertThat(r.width()).isEqualTo(320);
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void contentRegion_smoothGroundTouchingEdges_isNotCutIntoAtTheBottom(long seed) {
    // A dark, almost uniform floor along the bottom with a textured scene above: the floor is
    // uniform line by line, the scene above is not, and nothing of the scene may go.
    Plane scene = Planes.textured(300, 160, seed);
    Plane withFloor = Planes.noisy(Planes.pad(scene, 0, 0, 0, 70, 35), 1.5, seed);
    Region r = trimmer.contentRegion(withFloor.luma(), withFloor.width(), withFloor.height());
    assertThat(r.y()).isZero();
    assertThat(r.y() + r.height()).isBetween(160, 230);
    assertThat(r.width()).isEqualTo(300);
  }

  @Test
  void contentRegion_captionBandWithoutBands_keepsTheText() {
    Plane content = Planes.textured(320, 240, 14);
    Plane captioned = Planes.caption(content, 48, true, 255, 0, 3);
    BorderTrimmer noBands = new BorderTrimmer(BorderTrimmer.Settings.defaults().withoutBands());
    Region r = noBands.contentRegion(captioned.luma(), captioned.width(), captioned.height());
    // Only the uniform margin above the text goes.
    assertThat(r.y()).isBetween(1, 48 / 5 + 1);
    assertThat(r.height()).isGreaterThan(240 + 48 / 2);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void contentRegion_noBorder_isWhole(long seed) {
    Plane p = Planes.textured(256 + (int) seed * 13, 200 - (int) seed * 7, seed);
    assertThat(trimmer.contentRegion(p.luma(), p.width(), p.height()).isWhole(p.width(), p.height()))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, 77f, 255f})
  void contentRegion_flatImage_isWhole(float value) {
    Plane p = Planes.flat(200, 150, value);
    assertThat(trimmer.contentRegion(p.luma(), 200, 150)).isEqualTo(Region.whole(200, 150));
  }

  @Test
  void contentRegion_flatContentInsideABorder_isWhole() {
    Plane p = Planes.pad(Planes.flat(160, 120, 90), 30, 30, 30, 30, 255);
    assertThat(trimmer.contentRegion(p.luma(), p.width(), p.height()).isWhole(p.width(), p.height()))
        .isTrue();
  }

  @Test
  void contentRegion_contentUnderATenthOfTheImage_isWhole() {
    Plane p = Planes.pad(Planes.textured(18, 40, 3), 91, 80, 91, 80, 255);
    assertThat(trimmer.trim(p.luma(), p.width(), p.height()))
        .isEqualTo(new BorderTrimmer.Trim(Region.whole(200, 200), BorderTrimmer.Outcome.NONE));
    // A fifth of the width is enough: a tall cut-out letterboxed to 16:9 is about that narrow.
    Plane tall = Planes.pad(Planes.textured(40, 120, 3), 80, 40, 80, 40, 0);
    assertThat(trimmer.trim(tall.luma(), tall.width(), tall.height()))
        .isEqualTo(new BorderTrimmer.Trim(new Region(80, 40, 40, 120), BorderTrimmer.Outcome.TRIMMED));
  }

  @Test
  void trim_outcomeTellsFlatFromBorderlessFromTrimmed() {
    Plane flat = Planes.flat(120, 90, 40);
    Plane boxed = Planes.pad(flat, 10, 10, 10, 10, 250);
    Plane textured = Planes.textured(120, 90, 4);
    Plane padded = Planes.pad(textured, 10, 10, 10, 10, 250);
    assertThat(trimmer.trim(flat.luma(), 120, 90).outcome()).isEqualTo(BorderTrimmer.Outcome.FLAT);
    assertThat(trimmer.trim(boxed.luma(), 140, 110).outcome()).isEqualTo(BorderTrimmer.Outcome.FLAT);
    assertThat(trimmer.trim(textured.luma(), 120, 90).outcome()).isEqualTo(BorderTrimmer.Outcome.NONE);
    assertThat(trimmer.trim(padded.luma(), 140, 110).outcome())
        .isEqualTo(BorderTrimmer.Outcome.TRIMMED);
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 7", "16, 16", "1, 300", "300, 2"})
  void contentRegion_tinyOrThinImages_isWhole(int w, int h) {
    Plane p = Planes.pad(Planes.flat(w, h, 10), 0, 0, 0, 0, 0);
    assertThat(trimmer.contentRegion(p.luma(), w, h)).isEqualTo(Region.whole(w, h));
  }

  @Test
  void contentRegion_malformedArguments_throw() {
    assertThatThrownBy(() -> trimmer.contentRegion(new float[10], 3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10")
        .hasMessageContaining("9");
    assertThatThrownBy(() -> trimmer.contentRegion(new float[0], 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trimmer.contentRegion(new float[0], 5, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settings_outOfRange_throw() {
    assertThatThrownBy(() -> new BorderTrimmer.Settings(-1f, 0.02, 0.3, 0.3, 0.25, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toleranceLevels");
    assertThatThrownBy(() -> new BorderTrimmer.Settings(12f, 0.6, 0.3, 0.3, 0.25, 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BorderTrimmer.Settings(12f, 0.02, 0, 0.3, 0.25, 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BorderTrimmer.Settings(12f, 0.02, 0.3, 0.7, 0.25, 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BorderTrimmer.Settings(12f, 0.02, 0.3, 0.3, 0, 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BorderTrimmer.Settings(12f, 0.02, 0.3, 0.3, 0.25, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BorderTrimmer.Settings(Float.NaN, 0.02, 0.3, 0.3, 0.25, 16))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void region_validatesAndKnowsWhole() {
    assertThatThrownBy(() -> new Region(0, 0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Region(-1, 0, 5, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Region(Integer.MAX_VALUE, 0, 5, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Region(0, 0, 4, 3).isWhole(4, 3)).isTrue();
    assertThat(new Region(1, 0, 3, 3).isWhole(4, 3)).isFalse();
    assertThat(new Region(1, 0, 3, 3).fitsIn(4, 3)).isTrue();
    assertThat(new Region(2, 0, 3, 3).fitsIn(4, 3)).isFalse();
  }

  private void assertTrimmedMatches(Plane content, Plane edited, Region r) {
    PdqResult original = pdq.hash(content.luma(), content.width(), content.height(), false);
    PdqResult asGiven = pdq.hash(edited.luma(), edited.width(), edited.height(), false);
    PdqResult trimmed =
        pdq.hash(LumaPlanes.crop(edited.luma(), edited.width(), r), r.width(), r.height(), false);
    assertThat(original.quality()).isGreaterThanOrEqualTo(50);
    assertThat(trimmed.hash().distance(original.hash())).isLessThanOrEqualTo(RADIUS);
    // The edit alone defeats plain PDQ, so the trim is what made the match.
    assertThat(asGiven.hash().distance(original.hash())).isGreaterThan(RADIUS);
  }

  private static void assertNear(Region actual, Region expected, int slack) {
    assertThat(Math.abs(actual.x() - expected.x())).as("x of %s", actual).isLessThanOrEqualTo(slack);
    assertThat(Math.abs(actual.y() - expected.y())).as("y of %s", actual).isLessThanOrEqualTo(slack);
    assertThat(Math.abs(actual.x() + actual.width() - expected.x() - expected.width()))
        .as("right of %s", actual)
        .isLessThanOrEqualTo(slack);
    assertThat(Math.abs(actual.y() + actual.height() - expected.y() - expected.height()))
        .as("bottom of %s", actual)
        .isLessThanOrEqualTo(slack);
  }
}

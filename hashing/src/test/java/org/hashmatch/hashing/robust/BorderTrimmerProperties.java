package org.hashmatch.hashing.robust;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.robust.Planes.Plane;

/**
 * Trimming over random textured images, border widths and colours (jqwik; a failure prints the
 * seed to rerun with).
 */
class BorderTrimmerProperties {

  private static final PdqHasher PDQ = PdqHasher.create(PdqHasher.Kernel.AUTO);
  private static final BorderTrimmer TRIMMER = BorderTrimmer.defaults();

  @Property(tries = 40)
  void paddedTexturedImage_trimsToTheContentAndMatches(
      @ForAll @IntRange(min = 64, max = 260) int width,
      @ForAll @IntRange(min = 64, max = 260) int height,
      @ForAll @IntRange(min = 0, max = 50) int left,
      @ForAll @IntRange(min = 0, max = 50) int top,
      @ForAll @IntRange(min = 0, max = 50) int right,
      @ForAll @IntRange(min = 0, max = 50) int bottom,
      @ForAll @IntRange(min = 0, max = 255) int colour,
      @ForAll long seed) {
    Plane content = Planes.textured(width, height, seed);
    Plane padded = Planes.pad(content, left, top, right, bottom, colour);
    Region r = TRIMMER.contentRegion(padded.luma(), padded.width(), padded.height());

    assertThat(Math.abs(r.x() - left)).isLessThanOrEqualTo(2);
    assertThat(Math.abs(r.y() - top)).isLessThanOrEqualTo(2);
    assertThat(Math.abs(r.x() + r.width() - left - width)).isLessThanOrEqualTo(2);
    assertThat(Math.abs(r.y() + r.height() - top - height)).isLessThanOrEqualTo(2);
    Hash256 original = PDQ.hash(content.luma(), width, height, false).hash();
    Hash256 trimmed = PDQ.hash(
        LumaPlanes.crop(padded.luma(), padded.width(), r), r.width(), r.height(), false).hash();
    assertThat(trimmed.distance(original)).isLessThanOrEqualTo(31);
  }

  @Property(tries = 40)
  void trimming_isIdempotent(
      @ForAll @IntRange(min = 64, max = 200) int width,
      @ForAll @IntRange(min = 64, max = 200) int height,
      @ForAll @IntRange(min = 0, max = 40) int border,
      @ForAll @IntRange(min = 0, max = 255) int colour,
      @ForAll long seed) {
    Plane padded = Planes.pad(Planes.textured(width, height, seed), border, border / 2, border,
        border / 2, colour);
    Region r = TRIMMER.contentRegion(padded.luma(), padded.width(), padded.height());
    float[] once = LumaPlanes.crop(padded.luma(), padded.width(), r);
    assertThat(TRIMMER.contentRegion(once, r.width(), r.height()).isWhole(r.width(), r.height()))
        .isTrue();
  }
}

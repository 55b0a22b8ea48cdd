package org.hashmatch.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashmatch.hashing.PdqHasher.Kernel;

/**
 * Properties of the optimized PDQ kernels over random sizes and contents (jqwik; a failure prints
 * the seed to rerun with). Sizes stay small enough that the reference oracle keeps the run short.
 */
class PdqKernelProperties {

  private static final PdqHasher REFERENCE = PdqHasher.create(Kernel.REFERENCE);
  private static final PdqHasher SCALAR = PdqHasher.create(Kernel.SCALAR);
  private static final PdqHasher AUTO = PdqHasher.create(Kernel.AUTO);

  @Property(tries = 60)
  void optimizedKernels_equalReference_onRandomNoise(
      @ForAll @IntRange(min = 1, max = 700) int width,
      @ForAll @IntRange(min = 1, max = 700) int height,
      @ForAll long seed) {
    float[] luma = PdqTestImages.randomLuma(width, height, seed);
    PdqResult expected = REFERENCE.hash(luma, width, height, true);
    assertThat(SCALAR.hash(luma, width, height, true)).isEqualTo(expected);
    assertThat(AUTO.hash(luma, width, height, true)).isEqualTo(expected);
  }

  @Property(tries = 30)
  void optimizedKernels_equalReference_onSmoothImages(
      @ForAll @IntRange(min = 5, max = 1200) int width,
      @ForAll @IntRange(min = 5, max = 400) int height,
      @ForAll long seed) {
    float[] luma = PdqTestImages.smoothLuma(width, height, seed);
    PdqResult expected = REFERENCE.hash(luma, width, height, false);
    assertThat(AUTO.hash(luma, width, height, false)).isEqualTo(expected);
    assertThat(SCALAR.hash(luma, width, height, false)).isEqualTo(expected);
  }

  @Property(tries = 40)
  void dihedral_originalEqualsHash_andVariantsHaveHalfTheBits(
      @ForAll @IntRange(min = 5, max = 300) int width,
      @ForAll @IntRange(min = 5, max = 300) int height,
      @ForAll long seed) {
    float[] luma = PdqTestImages.smoothLuma(width, height, seed);
    PdqResult r = AUTO.hash(luma, width, height, true);
    assertThat(r.dihedral()).hasSize(8);
    assertThat(r.dihedral().get(Dihedral.ORIGINAL)).isEqualTo(r.hash());
    assertThat(AUTO.hash(luma, width, height, false).hash()).isEqualTo(r.hash());
    for (Hash256 h : r.dihedral().values()) {
      // Strictly above the lower median of 256 distinct-ish values: at most 128 bits.
      assertThat(h.weight()).isBetween(0, 128);
    }
  }
}

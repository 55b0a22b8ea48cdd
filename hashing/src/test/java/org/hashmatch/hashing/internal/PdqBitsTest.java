package org.hashmatch.hashing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The median selection behind every PDQ bit. */
class PdqBitsTest {

  @Test
  void lowerMedian_randomValuesWithTies_equalsSortedElement127() {
    SplittableRandom r = new SplittableRandom(2026);
    for (int round = 0; round < 2000; round++) {
      float[] v = new float[256];
      int distinct = 1 + r.nextInt(300);
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) ((r.nextInt(distinct) - distinct / 2) * (round % 2 == 0 ? 0.37 : 1e-3));
      }
      float[] sorted = v.clone();
      Arrays.sort(sorted);
      float m = PdqBits.lowerMedian(v, 256);
      assertThat(m == sorted[127]).as("round %d: %s vs %s", round, m, sorted[127]).isTrue();
      assertThat(PdqBits.torben(v, 256) == sorted[127]).isTrue();
    }
  }

  @Test
  void lowerMedian_hugeOrNonFiniteValues_terminatesWithSortedElement() {
    float[] v = new float[256];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 3 == 0 ? -1 : 1) * 3e38f * (i / 256f);
    }
    v[7] = Float.NaN;
    v[9] = Float.POSITIVE_INFINITY;
    float[] sorted = v.clone();
    Arrays.sort(sorted);
    assertThat(PdqBits.lowerMedian(v, 256)).isEqualTo(sorted[127]);
  }

  @Test
  void toHash_bitK_isCoefficientKAboveMedian() {
    float[] b = new float[256];
    for (int k = 0; k < 256; k++) {
      b[k] = (k * 37) % 256; // a permutation of 0..255: median 127, bits set for values >= 128
    }
    var h = PdqBits.toHash(b);
    for (int k = 0; k < 256; k++) {
      assertThat(h.bit(k)).as("bit %d", k).isEqualTo(b[k] > 127);
    }
    assertThat(h.weight()).isEqualTo(128);
  }
}

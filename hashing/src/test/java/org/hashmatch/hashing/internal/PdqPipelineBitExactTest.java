package org.hashmatch.hashing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hashmatch.hashing.dct.DctKernel;
import org.hashmatch.hashing.dct.DctKernelProvider;
import org.junit.jupiter.api.Test;

/**
 * Bit-level differential test below the hash: the fast pipeline's 64x64 decimated image and the
 * kernels' 16x16 DCT must equal the reference port's float for float (raw bits). Hash-level
 * comparisons alone are too forgiving: a changed rounding order moves values by an ulp, which
 * rarely flips a hash bit.
 */
class PdqPipelineBitExactTest {

  private static List<DctKernel> kernels() {
    List<DctKernel> ks = new ArrayList<>(List.of(DctKernelProvider.scalar()));
    ks.addAll(DctKernelProvider.vectorVariants());
    return ks;
  }

  private static float[] noise(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.299f * r.nextInt(256) + 0.587f * r.nextInt(256) + 0.114f * r.nextInt(256);
    }
    return v;
  }

  @Test
  void decimated_randomSizes_equalReferenceBitForBit() {
    int[][] sizes = {
      {5, 5}, {5, 9}, {9, 5}, {63, 65}, {64, 64}, {127, 131}, {300, 200}, {600, 40}, {40, 600},
      {1031, 769}, {2000, 13}, {13, 2000}, {1500, 1100}
    };
    PdqScratch scratch = new PdqScratch();
    long seed = 77;
    for (int[] s : sizes) {
      float[] luma = noise(s[0] * s[1], seed++);
      float[] expected = PdqReference.decimated(luma, s[0], s[1]);
      for (DctKernel k : kernels()) {
        float[] actual = new PdqPipeline(k).decimated(luma, s[0], s[1], scratch);
        for (int i = 0; i < expected.length; i++) {
          assertThat(Float.floatToRawIntBits(actual[i]))
              .as("%s %dx%d sample %d: %s vs %s", k.name(), s[0], s[1], i, actual[i], expected[i])
              .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
      }
    }
  }

  @Test
  void dct64To16_randomBlocks_equalReferenceBitForBit() {
    float[] t = new float[16 * 64];
    float[] b = new float[16 * 16];
    for (int round = 0; round < 50; round++) {
      float[] a = noise(64 * 64, 1000 + round);
      float[] expected = PdqReference.dct64To16(a);
      for (DctKernel k : kernels()) {
        k.dct64To16(a, t, b);
        for (int i = 0; i < 256; i++) {
          assertThat(Float.floatToRawIntBits(b[i]))
              .as("%s round %d coefficient %d", k.name(), round, i)
              .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
      }
    }
  }
}

package org.hashmatch.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: every optimized kernel gives exactly the hash, quality and dihedral variants
 * of {@link Kernel#REFERENCE} (the plain port of the reference loops) on random luminance planes of
 * awkward sizes. Seeds are fixed; a failure names the seed and size.
 */
class PdqKernelEquivalenceTest {

  private static final long SEED = 0x5EED_2026_0002L;

  static List<Kernel> optimizedKernels() {
    List<Kernel> ks = new ArrayList<>(List.of(Kernel.SCALAR, Kernel.AUTO));
    if (PdqHasher.vectorAvailable()) {
      ks.add(Kernel.VECTOR);
    }
    return ks;
  }

  static Stream<Arguments> sizes() {
    int[][] fixed = {
      {1, 1}, {1, 4}, {4, 1}, {2, 3}, {4, 4}, {4, 100}, {100, 4},
      {5, 5}, {5, 7}, {7, 5}, {6, 9}, {13, 11}, {63, 64}, {64, 64}, {64, 65}, {65, 64},
      {127, 129}, {128, 128}, {129, 127}, {255, 257}, {300, 200}, {511, 513}, {513, 511},
      {600, 40}, {40, 600}, {1000, 7}, {7, 1000}, {2000, 5}, {5, 2000}, {1031, 769},
      {2000, 1500}
    };
    Stream<Arguments> f = Stream.of(fixed).map(s -> Arguments.of(s[0], s[1], SEED + s[0] * 7919L + s[1]));
    SplittableRandom r = new SplittableRandom(SEED);
    List<Arguments> random = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      int w = 1 + r.nextInt(i % 3 == 0 ? 1400 : 300);
      int h = 1 + r.nextInt(i % 4 == 0 ? 1100 : 300);
      random.add(Arguments.of(w, h, r.nextLong()));
    }
    return Stream.concat(f, random.stream());
  }

  @ParameterizedTest(name = "{0}x{1} seed {2}")
  @MethodSource("sizes")
  void hash_randomLuma_optimizedKernelsEqualReference(int w, int h, long seed) {
    float[] luma = PdqTestImages.randomLuma(w, h, seed);
    float[] copy = luma.clone();
    PdqResult expected = PdqHasher.create(Kernel.REFERENCE).hash(luma, w, h, true);
    for (Kernel k : optimizedKernels()) {
      PdqResult actual = PdqHasher.create(k).hash(luma, w, h, true);
      assertThat(actual).as("kernel %s, %dx%d, seed %d", k, w, h, seed).isEqualTo(expected);
      PdqResult plain = PdqHasher.create(k).hash(luma, w, h, false);
      assertThat(plain.hash()).isEqualTo(expected.hash());
      assertThat(plain.quality()).isEqualTo(expected.quality());
      assertThat(plain.dihedral()).isEmpty();
    }
    assertThat(luma).as("input must not be written").isEqualTo(copy);
    if (w < 5 || h < 5) {
      assertThat(expected.hash()).isEqualTo(Hash256.ZERO);
      assertThat(expected.quality()).isZero();
    }
  }

  @Test
  void hash_smoothImageThenNoise_scratchReuseAcrossSizesStaysExact() {
    // One hasher, one thread: scratch grows and shrinks in use; results must not depend on history.
    PdqHasher fast = PdqHasher.create(Kernel.AUTO);
    PdqHasher ref = PdqHasher.create(Kernel.REFERENCE);
    int[][] order = {{900, 700}, {33, 21}, {1500, 90}, {64, 64}, {91, 1200}, {900, 700}};
    long seed = SEED;
    for (int[] s : order) {
      float[] luma = PdqTestImages.smoothLuma(s[0], s[1], seed++);
      assertThat(fast.hash(luma, s[0], s[1], true)).isEqualTo(ref.hash(luma, s[0], s[1], true));
    }
  }

  @Test
  void hash_flatImage_allKernelsAgreeOnRoundingNoise() {
    // A flat plane hashes to pure float rounding noise: the strictest check of operation order.
    for (int[] s : new int[][] {{100, 100}, {333, 517}, {1024, 768}}) {
      float[] luma = new float[s[0] * s[1]];
      java.util.Arrays.fill(luma, 0.299f * 57 + 0.587f * 91 + 0.114f * 200);
      PdqResult expected = PdqHasher.create(Kernel.REFERENCE).hash(luma, s[0], s[1], true);
      for (Kernel k : optimizedKernels()) {
        assertThat(PdqHasher.create(k).hash(luma, s[0], s[1], true)).isEqualTo(expected);
      }
    }
  }

  @Test
  void hash_badArguments_throwClearErrors() {
    for (Kernel k : optimizedKernels()) {
      PdqHasher p = PdqHasher.create(k);
      assertThatThrownBy(() -> p.hash(new float[12], 4, 4, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("12").hasMessageContaining("16");
      assertThatThrownBy(() -> p.hash(new float[0], 0, 5, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x5");
      float[] nan = new float[200 * 100];
      nan[150 * 100 + 3] = Float.NaN;
      assertThatThrownBy(() -> p.hash(nan, 100, 200, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
      float[] inf = new float[64 * 64];
      inf[4095] = Float.POSITIVE_INFINITY;
      assertThatThrownBy(() -> p.hash(inf, 64, 64, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }
  }

  @Test
  void hash_hugeFiniteValues_terminatesWithWellFormedResult() {
    // Sums overflow to infinity and then NaN inside the blur; the reference's Torben loop would
    // spin on such a block, the optimized path falls back to a sort. Only termination and a
    // well-formed result are promised here.
    float[] luma = PdqTestImages.randomLuma(300, 200, SEED);
    for (int i = 0; i < luma.length; i++) {
      luma[i] *= 1e36f;
    }
    PdqResult r = PdqHasher.create(Kernel.AUTO).hash(luma, 300, 200, true);
    assertThat(r.dihedral()).hasSize(8);
  }

  @Test
  void create_auto_resolvesToAConcreteKernel() {
    Kernel k = PdqHasher.create(Kernel.AUTO).kernel();
    assertThat(k).isEqualTo(PdqHasher.vectorAvailable() ? Kernel.VECTOR : Kernel.SCALAR);
    assertThat(PdqHasher.create(Kernel.REFERENCE).kernel()).isEqualTo(Kernel.REFERENCE);
  }
}

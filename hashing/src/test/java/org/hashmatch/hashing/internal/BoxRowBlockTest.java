package org.hashmatch.hashing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.hashmatch.hashing.dct.DctKernel;
import org.hashmatch.hashing.dct.DctKernelProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests of the kernels' row-block box filter ({@link DctKernel#boxRows}, {@link
 * DctKernel#boxRowsSampled}, {@link DctKernel#columnsThenRowsSampled}) against the one-row scalar
 * recurrences of {@link BoxFilter}, float for float (raw bits), on lengths and windows that reach
 * every code path: rows shorter than one 8-column tile, lengths that are not multiples of 8, every
 * window up to a small length, power-of-two windows (divided by multiplying with the exact
 * reciprocal) and others, ring wrap-around on long rows, sampled columns that repeat or sit at the
 * ends.
 */
class BoxRowBlockTest {

  /** Every vector kernel here that has row blocks: one per row-block shape the CPU allows. */
  static List<DctKernel> blockKernels() {
    List<DctKernel> ks =
        DctKernelProvider.vectorVariants().stream().filter(k -> k.boxRowBlock() > 0).toList();
    assumeTrue(!ks.isEmpty(), "no kernel with a row-block box filter here");
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

  /** Full-mantissa values, so that a changed order of additions shows in the rounding. */
  private static float[] rough(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextDouble() * 1000.0);
    }
    return v;
  }

  /** Lengths to test, and for each a set of windows (always 1 <= window <= n). */
  private static int[] lengths() {
    int[] small = new int[40];
    for (int i = 0; i < small.length; i++) {
      small[i] = i + 1;
    }
    int[] more = {63, 64, 65, 127, 128, 129, 200, 257, 511, 1000, 1031, 4032};
    int[] all = Arrays.copyOf(small, small.length + more.length);
    System.arraycopy(more, 0, all, small.length, more.length);
    return all;
  }

  private static TreeSet<Integer> windows(int n) {
    TreeSet<Integer> ws = new TreeSet<>();
    if (n <= 24) {
      for (int w = 1; w <= n; w++) {
        ws.add(w);
      }
    }
    for (int w : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 24, 31, 32, 33, 64, 100}) {
      if (w <= n) {
        ws.add(w);
      }
    }
    ws.add(BoxFilter.windowSize(n));
    ws.add(Math.max(1, n / 2));
    ws.add(n);
    return ws;
  }

  private static float[] expectedRow(float[] in, int off, int n, int window) {
    float[] sums = new float[n];
    BoxFilter.runningSums(in, off, sums, 0, n, window);
    for (int o = 0; o < n; o++) {
      sums[o] = sums[o] / BoxFilter.count(o, n, window);
    }
    return sums;
  }

  private static void assertBits(float actual, float expected, String what) {
    assertThat(Float.floatToRawIntBits(actual))
        .as("%s: %s vs %s", what, actual, expected)
        .isEqualTo(Float.floatToRawIntBits(expected));
  }

  @ParameterizedTest
  @MethodSource("blockKernels")
  void boxRows_everyLengthAndWindow_equalsOneRowRecurrenceBitForBit(DctKernel k) {
    int rows = k.boxRowBlock();
    long seed = 11;
    for (int n : lengths()) {
      int inOff = 3; // not a multiple of the vector length
      float[] in = noise(inOff + rows * n + 5, seed++);
      for (int window : windows(n)) {
        float[][] out = new float[rows][n];
        float[] scratch = new float[k.boxRowScratchFloats(window)];
        assertThat(k.boxRows(in, inOff, n, window, out, scratch)).isTrue();
        for (int r = 0; r < rows; r++) {
          float[] expected = expectedRow(in, inOff + r * n, n, window);
          for (int o = 0; o < n; o++) {
            assertBits(out[r][o], expected[o],
                k.name() + " n=" + n + " window=" + window + " row=" + r + " output=" + o);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("blockKernels")
  void boxRows_nonFiniteInput_reportedAsNotFinite(DctKernel k) {
    int rows = k.boxRowBlock();
    int n = 300;
    int window = BoxFilter.windowSize(n);
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      float[] in = noise(rows * n, 5);
      in[(rows - 1) * n + 123] = bad;
      float[] scratch = new float[k.boxRowScratchFloats(window)];
      assertThat(k.boxRows(in, 0, n, window, new float[rows][n], scratch)).as("%s", bad).isFalse();
    }
  }

  /** 64 sorted columns in [0, n): the PDQ centres, or random ones with repeats and both ends. */
  private static int[] columns(int n, SplittableRandom r, boolean centres) {
    int[] cols = new int[64];
    if (centres) {
      PdqSampling.centres(n, cols);
      return cols;
    }
    for (int j = 0; j < 64; j++) {
      cols[j] = r.nextInt(n);
    }
    cols[0] = 0;
    cols[63] = n - 1;
    if (n > 2) {
      cols[10] = cols[11];
    }
    Arrays.sort(cols);
    return cols;
  }

  @ParameterizedTest
  @MethodSource("blockKernels")
  void boxRowsSampled_andColumnsThenRowsSampled_equalScalarRecurrencesBitForBit(DctKernel k) {
    int rows = k.boxRowBlock();
    SplittableRandom random = new SplittableRandom(2026);
    long seed = 500;
    for (int n : lengths()) {
      for (int window : windows(n)) {
        for (boolean centres : new boolean[] {true, false}) {
          int[] cols = columns(n, random, centres);
          float[] scratch = new float[k.boxRowScratchFloats(window)];
          String what = k.name() + " n=" + n + " window=" + window + " centres=" + centres;

          // Rows given: boxRowsSampled against BoxFilter.sampledSums.
          float[] in = rough(rows * n + 7, seed++);
          float[] actual = new float[rows * 64 + 9];
          k.boxRowsSampled(in, 7, n, window, cols, actual, 9, scratch);
          float[] expected = new float[64];
          for (int r = 0; r < rows; r++) {
            BoxFilter.sampledSums(in, 7 + r * n, n, window, cols, expected, 0);
            for (int j = 0; j < 64; j++) {
              assertBits(actual[9 + r * 64 + j], expected[j], what + " row=" + r + " j=" + j);
            }
          }

          // Rows computed by the vertical step: against addSubDivide per row, then sampledSums.
          float[] acc = rough(n, seed++);
          float[][] add = new float[rows][];
          float[][] sub = new float[rows][];
          float[] divisors = new float[rows];
          for (int r = 0; r < rows; r++) {
            add[r] = rough(n, seed++);
            sub[r] = rough(n, seed++);
            divisors[r] = 1 + random.nextInt(40);
          }
          float[] accExpected = acc.clone();
          float[] v1 = new float[rows * n];
          for (int r = 0; r < rows; r++) {
            DctKernelProvider.scalar()
                .addSubDivide(accExpected, add[r], 0, sub[r], 0, divisors[r], v1, r * n, n);
          }
          float[] fused = new float[rows * 64];
          k.columnsThenRowsSampled(acc, add, sub, divisors, n, window, cols, fused, 0, scratch);
          for (int i = 0; i < n; i++) {
            assertBits(acc[i], accExpected[i], what + " column sum " + i);
          }
          for (int r = 0; r < rows; r++) {
            BoxFilter.sampledSums(v1, r * n, n, window, cols, expected, 0);
            for (int j = 0; j < 64; j++) {
              assertBits(fused[r * 64 + j], expected[j], what + " fused row=" + r + " j=" + j);
            }
          }
        }
      }
    }
  }

  @Test
  void scalarKernel_hasNoRowBlock_andRefusesTheBlockCalls() {
    DctKernel s = DctKernelProvider.scalar();
    assertThat(s.boxRowBlock()).isZero();
    assertThatThrownBy(() -> s.boxRows(new float[64], 0, 4, 1, new float[16][4], new float[0]))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @MethodSource("blockKernels")
  void decimated_blockPathSizes_equalReferenceBitForBit(DctKernel k) {
    // Heights around multiples of the 16-row block and of the ring depth, widths around tiles,
    // a power-of-two horizontal window (width 4032 -> 32) and images too short for one block.
    int[][] sizes = {
      {4032, 20}, {2000, 15}, {2000, 16}, {2000, 17}, {333, 47}, {333, 48}, {333, 49},
      {8, 700}, {9, 700}, {17, 900}, {1025, 129}, {700, 1031}
    };
    PdqScratch scratch = new PdqScratch();
    long seed = 900;
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      float[] luma = noise(w * h, seed++);
      float[] expected = PdqReference.decimated(luma, w, h);
      float[] actual = new PdqPipeline(k).decimated(luma, w, h, scratch);
      for (int i = 0; i < expected.length; i++) {
        assertBits(actual[i], expected[i], k.name() + " " + w + "x" + h + " sample " + i);
      }
    }
  }
}

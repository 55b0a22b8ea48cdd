package org.hashmatch.hashing.internal;

/**
 * Facts about the PDQ one-dimensional box filter (Jarosz: two X-then-Y passes make a tent) and the
 * sequential running-sum recurrence along a row.
 *
 * <p>For a vector of length {@code n} and window {@code w} (always {@code 1 <= w <= n}), let {@code
 * half = (w + 2) / 2} and {@code lead = w - half + 1}. The reference first adds elements {@code 0 ..
 * half-2} to a float32 sum that starts at {@code 0.0f}, then for each output {@code o} in order:
 * adds element {@code o + half - 1} if that exists, subtracts element {@code o - lead} if {@code o
 * >= lead} (add first, then subtract), and writes {@code sum / count(o)} where {@code count(o)} is
 * the number of elements currently in the window. Every output therefore depends on the whole
 * sequence of roundings before it, which is why a bit-exact implementation must replay the
 * recurrence from the start of the row or column and cannot, say, use prefix sums.
 */
final class BoxFilter {

  private BoxFilter() {}

  /** PDQ window along a dimension: {@code ceil(dim / 128)}, i.e. {@code (dim + 2*64 - 1) / (2*64)}. */
  static int windowSize(int dim) {
    return (dim + 2 * 64 - 1) / (2 * 64);
  }

  static int half(int window) {
    return (window + 2) / 2;
  }

  /** First output index that subtracts an element. */
  static int lead(int window) {
    return window - half(window) + 1;
  }

  /** Elements in the window at output {@code o}: the divisor of that output. */
  static int count(int o, int n, int window) {
    int half = half(window);
    return Math.min(o + half, n) - Math.max(0, o - lead(window) + 1);
  }

  /**
   * The undivided running sums of one row: {@code out[outOff + o]} is the reference's {@code sum}
   * just before it divides for output {@code o}.
   *
   * @return the sum after the last output; it is finite unless the row holds a NaN or an infinity
   *     (each element is added once and subtracted once, so any such value leaves NaN or infinity
   *     behind) or the sums overflowed
   */
  static float runningSums(float[] in, int inOff, float[] out, int outOff, int n, int window) {
    int half = half(window);
    int lead = lead(window);
    int addEnd = n - half + 1;
    float s = 0.0f;
    for (int k = 0; k < half - 1; k++) {
      s += in[inOff + k];
    }
    int a = inOff + half - 1;
    int o = 0;
    for (; o < lead; o++) {
      s += in[a + o];
      out[outOff + o] = s;
    }
    int b = inOff - lead;
    for (; o < addEnd; o++) {
      s += in[a + o];
      s -= in[b + o];
      out[outOff + o] = s;
    }
    for (; o < n; o++) {
      s -= in[b + o];
      out[outOff + o] = s;
    }
    return s;
  }

  /**
   * {@link #runningSums} for four rows of the same length at once, each into its own array from
   * index 0. One row's recurrence is a chain of dependent float adds (about 6 cycles per element
   * on current x86); four independent chains in one loop let the out-of-order core overlap them,
   * which is most of the speed of the horizontal passes (eight chains measured no faster).
   * Separate output arrays measured 15-30% faster than four offsets into one ring array.
   * Bit-exact because each chain keeps its own order.
   *
   * @return true if all four final sums are finite
   */
  static boolean runningSums4(
      float[] in, int i0, int i1, int i2, int i3,
      float[] out0, float[] out1, float[] out2, float[] out3,
      int n, int window) {
    int half = half(window);
    int lead = lead(window);
    int addEnd = n - half + 1;
    float s0 = 0.0f;
    float s1 = 0.0f;
    float s2 = 0.0f;
    float s3 = 0.0f;
    for (int k = 0; k < half - 1; k++) {
      s0 += in[i0 + k];
      s1 += in[i1 + k];
      s2 += in[i2 + k];
      s3 += in[i3 + k];
    }
    int a = half - 1;
    int o = 0;
    for (; o < lead; o++) {
      s0 += in[i0 + a + o];
      s1 += in[i1 + a + o];
      s2 += in[i2 + a + o];
      s3 += in[i3 + a + o];
      out0[o] = s0;
      out1[o] = s1;
      out2[o] = s2;
      out3[o] = s3;
    }
    for (; o < addEnd; o++) {
      int ra = a + o;
      int rb = o - lead;
      s0 += in[i0 + ra];
      s1 += in[i1 + ra];
      s2 += in[i2 + ra];
      s3 += in[i3 + ra];
      s0 -= in[i0 + rb];
      s1 -= in[i1 + rb];
      s2 -= in[i2 + rb];
      s3 -= in[i3 + rb];
      out0[o] = s0;
      out1[o] = s1;
      out2[o] = s2;
      out3[o] = s3;
    }
    for (; o < n; o++) {
      int rb = o - lead;
      s0 -= in[i0 + rb];
      s1 -= in[i1 + rb];
      s2 -= in[i2 + rb];
      s3 -= in[i3 + rb];
      out0[o] = s0;
      out1[o] = s1;
      out2[o] = s2;
      out3[o] = s3;
    }
    return Float.isFinite(s0) && Float.isFinite(s1) && Float.isFinite(s2) && Float.isFinite(s3);
  }

  /**
   * The undivided running sums of four rows, kept only at the given output columns: {@code
   * out[outOff + k * 64 + j]} is row {@code k}'s sum at output {@code cols[j]}. The recurrence still
   * runs over every element up to the last sampled column (each sum depends on all earlier
   * roundings), but nothing else is stored, which saves a store per element in PDQ's second
   * horizontal pass, where only 64 columns survive decimation.
   *
   * @param cols 64 non-decreasing output columns in {@code [0, n)}
   */
  static void sampledSums4(
      float[] in, int i0, int i1, int i2, int i3, int n, int window, int[] cols,
      float[] out, int outOff) {
    int half = half(window);
    int lead = lead(window);
    int addEnd = n - half + 1;
    float s0 = 0.0f;
    float s1 = 0.0f;
    float s2 = 0.0f;
    float s3 = 0.0f;
    for (int k = 0; k < half - 1; k++) {
      s0 += in[i0 + k];
      s1 += in[i1 + k];
      s2 += in[i2 + k];
      s3 += in[i3 + k];
    }
    int a = half - 1;
    int o = 0;
    for (int j = 0; j < 64; j++) {
      int end = cols[j] + 1;
      for (int stop = Math.min(end, lead); o < stop; o++) {
        s0 += in[i0 + a + o];
        s1 += in[i1 + a + o];
        s2 += in[i2 + a + o];
        s3 += in[i3 + a + o];
      }
      for (int stop = Math.min(end, addEnd); o < stop; o++) {
        int ra = a + o;
        int rb = o - lead;
        s0 += in[i0 + ra];
        s1 += in[i1 + ra];
        s2 += in[i2 + ra];
        s3 += in[i3 + ra];
        s0 -= in[i0 + rb];
        s1 -= in[i1 + rb];
        s2 -= in[i2 + rb];
        s3 -= in[i3 + rb];
      }
      for (; o < end; o++) {
        int rb = o - lead;
        s0 -= in[i0 + rb];
        s1 -= in[i1 + rb];
        s2 -= in[i2 + rb];
        s3 -= in[i3 + rb];
      }
      out[outOff + j] = s0;
      out[outOff + 64 + j] = s1;
      out[outOff + 128 + j] = s2;
      out[outOff + 192 + j] = s3;
    }
  }

  /** {@link #sampledSums4} for one row: {@code out[outOff + j]} is the sum at {@code cols[j]}. */
  static void sampledSums(
      float[] in, int inOff, int n, int window, int[] cols, float[] out, int outOff) {
    int half = half(window);
    int lead = lead(window);
    int addEnd = n - half + 1;
    float s = 0.0f;
    for (int k = 0; k < half - 1; k++) {
      s += in[inOff + k];
    }
    int a = inOff + half - 1;
    int b = inOff - lead;
    int o = 0;
    for (int j = 0; j < 64; j++) {
      int end = cols[j] + 1;
      for (int stop = Math.min(end, lead); o < stop; o++) {
        s += in[a + o];
      }
      for (int stop = Math.min(end, addEnd); o < stop; o++) {
        s += in[a + o];
        s -= in[b + o];
      }
      for (; o < end; o++) {
        s -= in[b + o];
      }
      out[outOff + j] = s;
    }
  }
}

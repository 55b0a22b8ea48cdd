package org.hashmatch.hashing.dct;

/**
 * The data-parallel float32 steps of PDQ. Every implementation performs, for each output element,
 * exactly the float32 operations of the PDQ reference in the same order (no FMA, no
 * reassociation), so all implementations give bit-identical results; they differ only in how many
 * independent elements they process per instruction.
 *
 * <p>The sliding-window steps are one row of the reference's vertical box filter, executed for a
 * whole image row at once: lane {@code c} carries column {@code c}'s running sum, and each call
 * applies the next add/subtract of that column's sequential recurrence. In the methods below
 * {@code acc} is the running-sum row (read and written), {@code add}/{@code sub} are the rows
 * entering and leaving the window, and {@code out} receives {@code acc / divisor} where asked.
 *
 * <p>Implementations are stateless and thread-safe. Arrays are borrowed for the call only; offsets
 * and lengths are trusted (callers are internal and validate their sizes once per image).
 */
public interface DctKernel {

  /** Short name for logs and benchmark output, e.g. {@code "scalar"}. */
  String name();

  /** {@code acc[i] = acc[i] + add[addOff + i]} for {@code i < n}. */
  void add(float[] acc, float[] add, int addOff, int n);

  /** {@code acc[i] = (acc[i] + add[addOff + i]) - sub[subOff + i]} for {@code i < n}. */
  void addSub(float[] acc, float[] add, int addOff, float[] sub, int subOff, int n);

  /** {@code acc[i] = acc[i] - sub[subOff + i]} for {@code i < n}. */
  void sub(float[] acc, float[] sub, int subOff, int n);

  /** {@link #add}, then {@code out[outOff + i] = acc[i] / divisor}. */
  void addDivide(float[] acc, float[] add, int addOff, float divisor, float[] out, int outOff, int n);

  /** {@link #addSub}, then {@code out[outOff + i] = acc[i] / divisor}. */
  void addSubDivide(
      float[] acc, float[] add, int addOff, float[] sub, int subOff, float divisor, float[] out,
      int outOff, int n);

  /** {@link #sub}, then {@code out[outOff + i] = acc[i] / divisor}. */
  void subDivide(float[] acc, float[] sub, int subOff, float divisor, float[] out, int outOff, int n);

  /** {@code out[outOff + i] = in[inOff + i] / divisor} for {@code i < n}; may work in place. */
  void divide(float[] in, int inOff, float divisor, float[] out, int outOff, int n);

  /**
   * Rows that {@link #boxRows} and {@link #boxRowsSampled} process per call, or 0 when this kernel
   * has no row-block box filter (the caller then runs the row recurrences one row per chain).
   */
  default int boxRowBlock() {
    return 0;
  }

  /** Floats of scratch that {@link #boxRows} and the sampled variants need for {@code window}. */
  default int boxRowScratchFloats(int window) {
    return 0;
  }

  /**
   * PDQ's horizontal box filter on a block of {@link #boxRowBlock()} rows: row {@code k} is {@code
   * in[inOff + k * n ..][0, n)}, and {@code out[k][o]} receives the reference's output {@code o} of
   * that row (running sum / window count, the recurrence of {@code BoxFilter} in the pipeline's
   * package). The rows' recurrences are independent, so a kernel may run them in SIMD lanes; each
   * row's own float32 additions and subtractions keep the reference's order.
   *
   * @param window box window, {@code 1 <= window <= n}
   * @param scratch at least {@link #boxRowScratchFloats(int)} floats, overwritten
   * @return true if every row's final running sum is finite (false means a row held a NaN or an
   *     infinity, or its sums overflowed)
   * @throws UnsupportedOperationException if {@link #boxRowBlock()} is 0
   */
  default boolean boxRows(
      float[] in, int inOff, int n, int window, float[][] out, float[] scratch) {
    throw new UnsupportedOperationException(name() + " has no row-block box filter");
  }

  /**
   * The undivided running sums of PDQ's horizontal box filter on a block of {@link #boxRowBlock()}
   * rows (as in {@link #boxRows}), kept only at 64 output columns: {@code out[outOff + k * 64 + j]}
   * is row {@code k}'s sum just before the reference divides for output {@code cols[j]}. The
   * recurrences run up to {@code cols[63]} and no further.
   *
   * @param cols 64 non-decreasing output columns in {@code [0, n)}
   * @param scratch at least {@link #boxRowScratchFloats(int)} floats, overwritten
   * @throws UnsupportedOperationException if {@link #boxRowBlock()} is 0
   */
  default void boxRowsSampled(
      float[] in, int inOff, int n, int window, int[] cols, float[] out, int outOff,
      float[] scratch) {
    throw new UnsupportedOperationException(name() + " has no row-block box filter");
  }

  /**
   * PDQ's first vertical pass on a block of {@link #boxRowBlock()} rows, fed straight into the
   * second horizontal pass: for row {@code k} and every column {@code i < n}, {@code acc[i] =
   * (acc[i] + add[k][i]) - sub[k][i]} (the column running sums, left updated), and the row's
   * vertical output {@code acc[i] / divisors[k]} goes, without being stored, into the running sums
   * of {@link #boxRowsSampled}, whose values at {@code cols} land in {@code out[outOff + k * 64 +
   * j]}. Bit-identical to {@link #addSubDivide} on each row followed by {@link #boxRowsSampled}.
   *
   * @throws UnsupportedOperationException if {@link #boxRowBlock()} is 0
   */
  default void columnsThenRowsSampled(
      float[] acc, float[][] add, float[][] sub, float[] divisors, int n, int window, int[] cols,
      float[] out, int outOff, float[] scratch) {
    throw new UnsupportedOperationException(name() + " has no row-block box filter");
  }

  /**
   * The PDQ 2-D DCT restricted to frequencies 1..16: {@code t = D a} then {@code b = t D^T}, with
   * {@code D} the {@link DctBasis}, each dot product summed in float32 from {@code k = 0} upwards.
   *
   * @param a64x64 row-major 64x64 input, read
   * @param t16x64 row-major 16x64 scratch, overwritten
   * @param b16x16 row-major 16x16 output, overwritten
   */
  void dct64To16(float[] a64x64, float[] t16x64, float[] b16x16);
}

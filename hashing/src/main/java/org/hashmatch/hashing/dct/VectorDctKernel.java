package org.hashmatch.hashing.dct;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * The same loops as {@link ScalarDctKernel} on the JDK Vector API. Loaded only by {@link
 * DctKernelProvider} after it has checked that {@code jdk.incubator.vector} is in the boot layer;
 * nothing else may refer to this class, so the rest of the module links without the incubator.
 *
 * <p>Numerics: every lane performs the scalar recurrence of one column (or, in the row-block box
 * filter, of one row), with separate {@code add}, {@code sub}, {@code mul} and {@code div} (each
 * rounded once, as the reference's float32 C++ and Java do). FMA is deliberately not used: it
 * rounds once instead of twice and would flip hash bits. The element-wise loops are not unrolled
 * by hand: each iteration is already independent across lanes and C2 unrolls counted vector loops
 * itself. The row-block code is written out (8x8 transposes, eight chain steps) because vectors
 * handed to a method that C2 does not inline are boxed; its methods are kept small enough for C1
 * to compile (a much larger one failed with "out of virtual registers" and never reached C2).
 * With {@link RowBlockShape#ONE_BY_16} the row blocks run in {@link WideRowBlocks} instead.
 */
final class VectorDctKernel implements DctKernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** The DCT's 16-wide output rows need a species that divides 16. */
  private static final VectorSpecies<Float> SPECIES_16 =
      SPECIES.length() >= 16 ? FloatVector.SPECIES_512 : SPECIES;

  /**
   * The row-block box filter runs each row's recurrence in one lane of a 256-bit vector: a strip
   * of eight rows per vector, two strips (two independent dependency chains) per block.
   */
  private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
  private static final int STRIP = 8;
  private static final int BLOCK = 2 * STRIP;
  /**
   * Index vectors of a perfect shuffle of two 8-lane vectors: {@code LO.selectFrom(a, b)} is {@code
   * a0 b0 a1 b1 a2 b2 a3 b3}, {@code HI} the same from lane 4. Three rounds over the pairs {@code
   * (row k, row k + 4)} transpose an 8x8 block.
   */
  private static final IntVector LO = perfectShuffle(0);
  private static final IntVector HI = perfectShuffle(STRIP / 2);

  private final RowBlockShape shape;

  /** A kernel whose row blocks have the given shape; {@code ONE_BY_16} needs 512-bit vectors. */
  VectorDctKernel(RowBlockShape shape) {
    if (shape == RowBlockShape.ONE_BY_16 && SPECIES.length() < 16) {
      throw new IllegalArgumentException(
          "16-lane row blocks need 512-bit vectors; preferred here: " + SPECIES.vectorBitSize());
    }
    this.shape = shape;
  }

  private static IntVector perfectShuffle(int from) {
    int[] idx = new int[STRIP];
    for (int i = 0; i < STRIP; i++) {
      idx[i] = (i & 1) == 0 ? from + i / 2 : STRIP + from + i / 2;
    }
    return IntVector.fromArray(IntVector.SPECIES_256, idx, 0);
  }

  /** Lanes per vector, for the provider's log line. */
  static int lanes() {
    return SPECIES.length();
  }

  @Override
  public String name() {
    String base = "vector-" + SPECIES.vectorBitSize();
    if (boxRowBlock() == 0) {
      return base;
    }
    return base + (shape == RowBlockShape.ONE_BY_16 ? "/rows16" : "/rows2x8");
  }

  @Override
  public void add(float[] acc, float[] add, int addOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s.add(FloatVector.fromArray(SPECIES, add, addOff + i)).intoArray(acc, i);
    }
    for (; i < n; i++) {
      acc[i] += add[addOff + i];
    }
  }

  @Override
  public void addSub(float[] acc, float[] add, int addOff, float[] sub, int subOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s = s.add(FloatVector.fromArray(SPECIES, add, addOff + i));
      s.sub(FloatVector.fromArray(SPECIES, sub, subOff + i)).intoArray(acc, i);
    }
    for (; i < n; i++) {
      float s = acc[i] + add[addOff + i];
      acc[i] = s - sub[subOff + i];
    }
  }

  @Override
  public void sub(float[] acc, float[] sub, int subOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s.sub(FloatVector.fromArray(SPECIES, sub, subOff + i)).intoArray(acc, i);
    }
    for (; i < n; i++) {
      acc[i] -= sub[subOff + i];
    }
  }

  @Override
  public void addDivide(
      float[] acc, float[] add, int addOff, float divisor, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s = s.add(FloatVector.fromArray(SPECIES, add, addOff + i));
      s.intoArray(acc, i);
      s.div(divisor).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float s = acc[i] + add[addOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void addSubDivide(
      float[] acc, float[] add, int addOff, float[] sub, int subOff, float divisor, float[] out,
      int outOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s = s.add(FloatVector.fromArray(SPECIES, add, addOff + i));
      s = s.sub(FloatVector.fromArray(SPECIES, sub, subOff + i));
      s.intoArray(acc, i);
      s.div(divisor).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float s = (acc[i] + add[addOff + i]) - sub[subOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void subDivide(
      float[] acc, float[] sub, int subOff, float divisor, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s = s.sub(FloatVector.fromArray(SPECIES, sub, subOff + i));
      s.intoArray(acc, i);
      s.div(divisor).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float s = acc[i] - sub[subOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void divide(float[] in, int inOff, float divisor, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector.fromArray(SPECIES, in, inOff + i).div(divisor).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = in[inOff + i] / divisor;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Row-block box filter (PDQ's horizontal passes).
  //
  // A row's running sum is a serial chain of float adds, so one row cannot use SIMD; sixteen rows
  // can, one per lane, if column j of the sixteen rows is one vector. The block is therefore read
  // in 8x8 tiles that are transposed in registers into a small ring ("column ring", indexed by
  // column mod a power of two, holding the window's columns plus one tile of look-ahead), the two
  // 8-lane chains step along it, and (for boxRows) every eight outputs are divided, transposed
  // back in registers and stored as row segments. Ring position p, strip g (rows 8g .. 8g+7) lives
  // at scratch[(p & mask) * 16 + 8g ..]; after the ring come an 8x16 output tile for the edges
  // and the two chain states.
  // ---------------------------------------------------------------------------------------------

  @Override
  public int boxRowBlock() {
    // The transposes need a two-source permute instruction: AVX-512 (signalled by 512-bit
    // preferred vectors) has one (vpermi2d). With AVX2 only (-XX:UseAVX=2 on the same Zen 4) each
    // shuffle expands into several instructions and the row blocks measured 0-7% slower than the
    // scalar chains (16.0-17.0 vs 15.9 ms at 12 MP), so the pipeline keeps the scalar chains there.
    return SPECIES.length() >= BLOCK ? BLOCK : 0;
  }

  @Override
  public int boxRowScratchFloats(int window) {
    if (shape == RowBlockShape.ONE_BY_16) {
      return WideRowBlocks.scratchFloats(window);
    }
    return ringSize(window) * BLOCK + STRIP * BLOCK + BLOCK;
  }

  /**
   * Columns transposed per call and chain steps per call in the interior: long enough to amortise
   * the calls (64 measured about a third faster than one 8-column tile per call).
   */
  private static final int SEGMENT = 64;

  /** Ring length: a power of two holding the window, one segment of look-ahead and rounding. */
  private static int ringSize(int window) {
    return Integer.highestOneBit(window + SEGMENT + 2 * STRIP - 1) << 1;
  }

  @Override
  public boolean boxRows(
      float[] in, int inOff, int n, int window, float[][] out, float[] scratch) {
    if (shape == RowBlockShape.ONE_BY_16) {
      return WideRowBlocks.boxRows(in, inOff, n, window, out, scratch);
    }
    int half = (window + 2) / 2;
    int lead = window - half + 1;
    int mask = ringSize(window) - 1;
    int tile = (mask + 1) * BLOCK;
    int state = tile + STRIP * BLOCK;
    // Chunks of eight outputs from o0 with o0 >= lead and o0 + 8 <= n - half + 1 have a full
    // window: one add, one subtract, the same divisor. They are [firstFull, endFull).
    int firstFull = (lead + STRIP - 1) / STRIP * STRIP;
    int endFull = (n - half + 1) / STRIP * STRIP;
    int next = fill(in, inOff, n, 0, half - 1, scratch, mask);
    start(half, scratch, mask, state);
    int o0 = 0;
    while (o0 < n) {
      if (o0 >= firstFull && o0 < endFull) {
        int end = Math.min(endFull, o0 + SEGMENT);
        next = fill(in, inOff, n, next, Math.min(n, end + half - 1), scratch, mask);
        full(scratch, mask, o0, end, half, lead, window, state, out);
        o0 = end;
      } else {
        next = fill(in, inOff, n, next, Math.min(n, o0 + STRIP + half - 1), scratch, mask);
        edge(scratch, mask, o0, n, window, tile, state, out);
        o0 += STRIP;
      }
    }
    return FloatVector.fromArray(S8, scratch, state).test(VectorOperators.IS_FINITE).allTrue()
        && FloatVector.fromArray(S8, scratch, state + STRIP)
            .test(VectorOperators.IS_FINITE).allTrue();
  }

  @Override
  public void boxRowsSampled(
      float[] in, int inOff, int n, int window, int[] cols, float[] out, int outOff,
      float[] scratch) {
    if (shape == RowBlockShape.ONE_BY_16) {
      WideRowBlocks.boxRowsSampled(in, inOff, n, window, cols, out, outOff, scratch);
      return;
    }
    sampled(in, inOff, null, null, null, null, n, window, cols, out, outOff, scratch);
  }

  @Override
  public void columnsThenRowsSampled(
      float[] acc, float[][] add, float[][] sub, float[] divisors, int n, int window, int[] cols,
      float[] out, int outOff, float[] scratch) {
    if (shape == RowBlockShape.ONE_BY_16) {
      WideRowBlocks.columnsThenRowsSampled(
          acc, add, sub, divisors, n, window, cols, out, outOff, scratch);
      return;
    }
    int next = sampled(null, 0, acc, add, sub, divisors, n, window, cols, out, outOff, scratch);
    WideRowBlocks.finishColumns(acc, add, sub, BLOCK, next, n);
  }

  /**
   * The sampled horizontal sums of a block whose rows are either {@code in} (when {@code acc} is
   * null) or the vertical outputs of {@code acc}, {@code add}, {@code sub}, {@code divisors}.
   *
   * @return the first column not read
   */
  private static int sampled(
      float @Nullable [] in, int inOff, float @Nullable [] acc, float[] @Nullable [] add,
      float[] @Nullable [] sub, float @Nullable [] divisors, int n, int window, int[] cols,
      float[] out, int outOff, float[] scratch) {
    int half = (window + 2) / 2;
    int lead = window - half + 1;
    int addEnd = n - half + 1;
    int mask = ringSize(window) - 1;
    int tile = (mask + 1) * BLOCK;
    int state = tile + STRIP * BLOCK;
    int firstFull = (lead + STRIP - 1) / STRIP * STRIP;
    int endFull = addEnd / STRIP * STRIP;
    int next = acc == null
        ? fill(in, inOff, n, 0, half - 1, scratch, mask)
        : fillColumns(acc, add, sub, divisors, n, 0, half - 1, scratch, mask);
    start(half, scratch, mask, state);
    int j = 0;
    int o0 = 0;
    while (j < 64) {
      if (o0 >= firstFull && o0 < endFull && cols[j] >= o0 + STRIP) {
        // Whole chunks before the next sampled column: run the chains, keep nothing.
        int end = Math.min(Math.min(endFull, o0 + SEGMENT), cols[j] / STRIP * STRIP);
        int until = Math.min(n, end + half - 1);
        next = acc == null
            ? fill(in, inOff, n, next, until, scratch, mask)
            : fillColumns(acc, add, sub, divisors, n, next, until, scratch, mask);
        advance(scratch, mask, o0, end, half, lead, state);
        o0 = end;
        continue;
      }
      int until = Math.min(n, o0 + STRIP + half - 1);
      next = acc == null
          ? fill(in, inOff, n, next, until, scratch, mask)
          : fillColumns(acc, add, sub, divisors, n, next, until, scratch, mask);
      FloatVector s0 = FloatVector.fromArray(S8, scratch, state);
      FloatVector s1 = FloatVector.fromArray(S8, scratch, state + STRIP);
      for (int o = o0, end = Math.min(n, o0 + STRIP); o < end && j < 64; o++) {
        if (o < addEnd) {
          int p = ((o + half - 1) & mask) * BLOCK;
          s0 = s0.add(FloatVector.fromArray(S8, scratch, p));
          s1 = s1.add(FloatVector.fromArray(S8, scratch, p + STRIP));
        }
        if (o >= lead) {
          int p = ((o - lead) & mask) * BLOCK;
          s0 = s0.sub(FloatVector.fromArray(S8, scratch, p));
          s1 = s1.sub(FloatVector.fromArray(S8, scratch, p + STRIP));
        }
        if (cols[j] == o) {
          s0.intoArray(scratch, tile);
          s1.intoArray(scratch, tile + STRIP);
          for (; j < 64 && cols[j] == o; j++) {
            for (int k = 0; k < BLOCK; k++) {
              out[outOff + k * 64 + j] = scratch[tile + k];
            }
          }
        }
      }
      s0.intoArray(scratch, state);
      s1.intoArray(scratch, state + STRIP);
      o0 += STRIP;
    }
    return next;
  }

  /**
   * Fresh chain states holding columns {@code 0 .. half-2} (already in the ring), added in order
   * as the reference does before its first output.
   */
  private static void start(int half, float[] t, int mask, int state) {
    FloatVector s0 = FloatVector.zero(S8);
    FloatVector s1 = FloatVector.zero(S8);
    for (int k = 0; k < half - 1; k++) {
      s0 = s0.add(FloatVector.fromArray(S8, t, (k & mask) * BLOCK));
      s1 = s1.add(FloatVector.fromArray(S8, t, (k & mask) * BLOCK + STRIP));
    }
    s0.intoArray(t, state);
    s1.intoArray(t, state + STRIP);
  }

  /**
   * Transposes columns {@code from ..} of the block into the ring until column {@code until - 1}
   * is in, whole 8x8 tiles while they fit ({@code from} is a multiple of 8 or {@code n}).
   *
   * @return the next column to transpose
   */
  private static int fill(float[] in, int inOff, int n, int from, int until, float[] t, int mask) {
    int c = from;
    int tiles = Math.min(until, n - STRIP + 1);
    // Per 8x8 tile (one per strip): three rounds of perfect shuffles of rows (k, k + 4); written
    // out in the loop body because vectors handed to a method that is not inlined get boxed.
    for (; c < tiles; c += STRIP) {
      int r = inOff + c;
      int p = (c & mask) * BLOCK;
      for (int g = 0; g < BLOCK; g += STRIP, r += STRIP * n) {
        IntVector a0 = FloatVector.fromArray(S8, in, r).reinterpretAsInts();
        IntVector a1 = FloatVector.fromArray(S8, in, r + n).reinterpretAsInts();
        IntVector a2 = FloatVector.fromArray(S8, in, r + 2 * n).reinterpretAsInts();
        IntVector a3 = FloatVector.fromArray(S8, in, r + 3 * n).reinterpretAsInts();
        IntVector a4 = FloatVector.fromArray(S8, in, r + 4 * n).reinterpretAsInts();
        IntVector a5 = FloatVector.fromArray(S8, in, r + 5 * n).reinterpretAsInts();
        IntVector a6 = FloatVector.fromArray(S8, in, r + 6 * n).reinterpretAsInts();
        IntVector a7 = FloatVector.fromArray(S8, in, r + 7 * n).reinterpretAsInts();
        IntVector b0 = LO.selectFrom(a0, a4);
        IntVector b1 = HI.selectFrom(a0, a4);
        IntVector b2 = LO.selectFrom(a1, a5);
        IntVector b3 = HI.selectFrom(a1, a5);
        IntVector b4 = LO.selectFrom(a2, a6);
        IntVector b5 = HI.selectFrom(a2, a6);
        IntVector b6 = LO.selectFrom(a3, a7);
        IntVector b7 = HI.selectFrom(a3, a7);
        a0 = LO.selectFrom(b0, b4);
        a1 = HI.selectFrom(b0, b4);
        a2 = LO.selectFrom(b1, b5);
        a3 = HI.selectFrom(b1, b5);
        a4 = LO.selectFrom(b2, b6);
        a5 = HI.selectFrom(b2, b6);
        a6 = LO.selectFrom(b3, b7);
        a7 = HI.selectFrom(b3, b7);
        int q = p + g;
        LO.selectFrom(a0, a4).reinterpretAsFloats().intoArray(t, q);
        HI.selectFrom(a0, a4).reinterpretAsFloats().intoArray(t, q + BLOCK);
        LO.selectFrom(a1, a5).reinterpretAsFloats().intoArray(t, q + 2 * BLOCK);
        HI.selectFrom(a1, a5).reinterpretAsFloats().intoArray(t, q + 3 * BLOCK);
        LO.selectFrom(a2, a6).reinterpretAsFloats().intoArray(t, q + 4 * BLOCK);
        HI.selectFrom(a2, a6).reinterpretAsFloats().intoArray(t, q + 5 * BLOCK);
        LO.selectFrom(a3, a7).reinterpretAsFloats().intoArray(t, q + 6 * BLOCK);
        HI.selectFrom(a3, a7).reinterpretAsFloats().intoArray(t, q + 7 * BLOCK);
      }
    }
    if (c < until) {
      // Fewer than eight columns left in the row: element by element.
      for (; c < n; c++) {
        for (int k = 0; k < BLOCK; k++) {
          t[(c & mask) * BLOCK + k] = in[inOff + k * n + c];
        }
      }
    }
    return c;
  }

  /**
   * {@link #fill} for a block whose rows are computed here: the vertical pass on columns {@code
   * from ..}, eight at a time, each column's sum stepping down the sixteen rows in order ({@code
   * (acc + add) - sub}, then {@code / divisor} for the row's output), the outputs transposed into
   * the ring in registers.
   */
  private static int fillColumns(
      float[] acc, float[][] add, float[][] sub, float[] divisors, int n, int from, int until,
      float[] t, int mask) {
    int c = from;
    int tiles = Math.min(until, n - STRIP + 1);
    int end = from < tiles ? from + (tiles - from + STRIP - 1) / STRIP * STRIP : from;
    // Strips outer, columns inner: the row arrays and divisors of a strip are loop invariants
    // (the column sums go through acc between the strips).
    for (int g = 0; g < BLOCK; g += STRIP) {
      float[] p0 = add[g];
      float[] p1 = add[g + 1];
      float[] p2 = add[g + 2];
      float[] p3 = add[g + 3];
      float[] p4 = add[g + 4];
      float[] p5 = add[g + 5];
      float[] p6 = add[g + 6];
      float[] p7 = add[g + 7];
      float[] m0 = sub[g];
      float[] m1 = sub[g + 1];
      float[] m2 = sub[g + 2];
      float[] m3 = sub[g + 3];
      float[] m4 = sub[g + 4];
      float[] m5 = sub[g + 5];
      float[] m6 = sub[g + 6];
      float[] m7 = sub[g + 7];
      float d0 = divisors[g];
      float d1 = divisors[g + 1];
      float d2 = divisors[g + 2];
      float d3 = divisors[g + 3];
      float d4 = divisors[g + 4];
      float d5 = divisors[g + 5];
      float d6 = divisors[g + 6];
      float d7 = divisors[g + 7];
      for (c = from; c < end; c += STRIP) {
        int p = (c & mask) * BLOCK;
        FloatVector a = FloatVector.fromArray(S8, acc, c);
        a = a.add(FloatVector.fromArray(S8, p0, c)).sub(FloatVector.fromArray(S8, m0, c));
        IntVector v0 = a.div(d0).reinterpretAsInts();
        a = a.add(FloatVector.fromArray(S8, p1, c))
            .sub(FloatVector.fromArray(S8, m1, c));
        IntVector v1 = a.div(d1).reinterpretAsInts();
        a = a.add(FloatVector.fromArray(S8, p2, c))
            .sub(FloatVector.fromArray(S8, m2, c));
        IntVector v2 = a.div(d2).reinterpretAsInts();
        a = a.add(FloatVector.fromArray(S8, p3, c))
            .sub(FloatVector.fromArray(S8, m3, c));
        IntVector v3 = a.div(d3).reinterpretAsInts();
        a = a.add(FloatVector.fromArray(S8, p4, c))
            .sub(FloatVector.fromArray(S8, m4, c));
        IntVector v4 = a.div(d4).reinterpretAsInts();
        a = a.add(FloatVector.fromArray(S8, p5, c))
            .sub(FloatVector.fromArray(S8, m5, c));
        IntVector v5 = a.div(d5).reinterpretAsInts();
        a = a.add(FloatVector.fromArray(S8, p6, c))
            .sub(FloatVector.fromArray(S8, m6, c));
        IntVector v6 = a.div(d6).reinterpretAsInts();
        a = a.add(FloatVector.fromArray(S8, p7, c))
            .sub(FloatVector.fromArray(S8, m7, c));
        IntVector v7 = a.div(d7).reinterpretAsInts();
        IntVector w0 = LO.selectFrom(v0, v4);
        IntVector w1 = HI.selectFrom(v0, v4);
        IntVector w2 = LO.selectFrom(v1, v5);
        IntVector w3 = HI.selectFrom(v1, v5);
        IntVector w4 = LO.selectFrom(v2, v6);
        IntVector w5 = HI.selectFrom(v2, v6);
        IntVector w6 = LO.selectFrom(v3, v7);
        IntVector w7 = HI.selectFrom(v3, v7);
        v0 = LO.selectFrom(w0, w4);
        v1 = HI.selectFrom(w0, w4);
        v2 = LO.selectFrom(w1, w5);
        v3 = HI.selectFrom(w1, w5);
        v4 = LO.selectFrom(w2, w6);
        v5 = HI.selectFrom(w2, w6);
        v6 = LO.selectFrom(w3, w7);
        v7 = HI.selectFrom(w3, w7);
        int q = p + g;
        LO.selectFrom(v0, v4).reinterpretAsFloats().intoArray(t, q);
        HI.selectFrom(v0, v4).reinterpretAsFloats().intoArray(t, q + BLOCK);
        LO.selectFrom(v1, v5).reinterpretAsFloats().intoArray(t, q + 2 * BLOCK);
        HI.selectFrom(v1, v5).reinterpretAsFloats().intoArray(t, q + 3 * BLOCK);
        LO.selectFrom(v2, v6).reinterpretAsFloats().intoArray(t, q + 4 * BLOCK);
        HI.selectFrom(v2, v6).reinterpretAsFloats().intoArray(t, q + 5 * BLOCK);
        LO.selectFrom(v3, v7).reinterpretAsFloats().intoArray(t, q + 6 * BLOCK);
        HI.selectFrom(v3, v7).reinterpretAsFloats().intoArray(t, q + 7 * BLOCK);
        a.intoArray(acc, c);
      }
    }
    c = end;
    if (c < until) {
      for (; c < n; c++) {
        float a = acc[c];
        for (int k = 0; k < BLOCK; k++) {
          a = (a + add[k][c]) - sub[k][c];
          t[(c & mask) * BLOCK + k] = a / divisors[k];
        }
        acc[c] = a;
      }
    }
    return c;
  }

  /**
   * Outputs {@code from .. to - 1} (multiples of 8) of both strips, all with a full window: per
   * output one add, one subtract and a division by {@code window}, which is a multiplication by
   * the exact reciprocal when {@code window} is a power of two (then {@code x * (1 / window)} and
   * {@code x / window} are the same correctly rounded number for every {@code x}). Every eight
   * outputs are transposed back and stored into {@code out[0 .. 15][o ..]}.
   * The strips run one after the other: stepping both chains in one loop measured slower (more
   * live vectors than registers).
   */
  private static void full(
      float[] t, int mask, int from, int to, int half, int lead, int window, int state,
      float[][] out) {
    boolean power = (window & (window - 1)) == 0;
    float divisor = window;
    float reciprocal = 1.0f / window;
    for (int g = 0; g < BLOCK; g += STRIP) {
      float[] o0 = out[g];
      float[] o1 = out[g + 1];
      float[] o2 = out[g + 2];
      float[] o3 = out[g + 3];
      float[] o4 = out[g + 4];
      float[] o5 = out[g + 5];
      float[] o6 = out[g + 6];
      float[] o7 = out[g + 7];
      FloatVector s = FloatVector.fromArray(S8, t, state + g);
      for (int o = from; o < to; o += STRIP) {
        int e = o + half - 1;
        int l = o - lead;
        s = s.add(FloatVector.fromArray(S8, t, (e & mask) * BLOCK + g))
            .sub(FloatVector.fromArray(S8, t, (l & mask) * BLOCK + g));
        FloatVector r0 = s;
        s = s.add(FloatVector.fromArray(S8, t, ((e + 1) & mask) * BLOCK + g))
            .sub(FloatVector.fromArray(S8, t, ((l + 1) & mask) * BLOCK + g));
        FloatVector r1 = s;
        s = s.add(FloatVector.fromArray(S8, t, ((e + 2) & mask) * BLOCK + g))
            .sub(FloatVector.fromArray(S8, t, ((l + 2) & mask) * BLOCK + g));
        FloatVector r2 = s;
        s = s.add(FloatVector.fromArray(S8, t, ((e + 3) & mask) * BLOCK + g))
            .sub(FloatVector.fromArray(S8, t, ((l + 3) & mask) * BLOCK + g));
        FloatVector r3 = s;
        s = s.add(FloatVector.fromArray(S8, t, ((e + 4) & mask) * BLOCK + g))
            .sub(FloatVector.fromArray(S8, t, ((l + 4) & mask) * BLOCK + g));
        FloatVector r4 = s;
        s = s.add(FloatVector.fromArray(S8, t, ((e + 5) & mask) * BLOCK + g))
            .sub(FloatVector.fromArray(S8, t, ((l + 5) & mask) * BLOCK + g));
        FloatVector r5 = s;
        s = s.add(FloatVector.fromArray(S8, t, ((e + 6) & mask) * BLOCK + g))
            .sub(FloatVector.fromArray(S8, t, ((l + 6) & mask) * BLOCK + g));
        FloatVector r6 = s;
        s = s.add(FloatVector.fromArray(S8, t, ((e + 7) & mask) * BLOCK + g))
            .sub(FloatVector.fromArray(S8, t, ((l + 7) & mask) * BLOCK + g));
        FloatVector r7 = s;
        if (power) {
          r0 = r0.mul(reciprocal);
          r1 = r1.mul(reciprocal);
          r2 = r2.mul(reciprocal);
          r3 = r3.mul(reciprocal);
          r4 = r4.mul(reciprocal);
          r5 = r5.mul(reciprocal);
          r6 = r6.mul(reciprocal);
          r7 = r7.mul(reciprocal);
        } else {
          r0 = r0.div(divisor);
          r1 = r1.div(divisor);
          r2 = r2.div(divisor);
          r3 = r3.div(divisor);
          r4 = r4.div(divisor);
          r5 = r5.div(divisor);
          r6 = r6.div(divisor);
          r7 = r7.div(divisor);
        }
        // Back to rows: row g + k of the result is lane k of r0 .. r7.
        IntVector x0 = r0.reinterpretAsInts();
        IntVector x1 = r1.reinterpretAsInts();
        IntVector x2 = r2.reinterpretAsInts();
        IntVector x3 = r3.reinterpretAsInts();
        IntVector x4 = r4.reinterpretAsInts();
        IntVector x5 = r5.reinterpretAsInts();
        IntVector x6 = r6.reinterpretAsInts();
        IntVector x7 = r7.reinterpretAsInts();
        IntVector b0 = LO.selectFrom(x0, x4);
        IntVector b1 = HI.selectFrom(x0, x4);
        IntVector b2 = LO.selectFrom(x1, x5);
        IntVector b3 = HI.selectFrom(x1, x5);
        IntVector b4 = LO.selectFrom(x2, x6);
        IntVector b5 = HI.selectFrom(x2, x6);
        IntVector b6 = LO.selectFrom(x3, x7);
        IntVector b7 = HI.selectFrom(x3, x7);
        x0 = LO.selectFrom(b0, b4);
        x1 = HI.selectFrom(b0, b4);
        x2 = LO.selectFrom(b1, b5);
        x3 = HI.selectFrom(b1, b5);
        x4 = LO.selectFrom(b2, b6);
        x5 = HI.selectFrom(b2, b6);
        x6 = LO.selectFrom(b3, b7);
        x7 = HI.selectFrom(b3, b7);
        LO.selectFrom(x0, x4).reinterpretAsFloats().intoArray(o0, o);
        HI.selectFrom(x0, x4).reinterpretAsFloats().intoArray(o1, o);
        LO.selectFrom(x1, x5).reinterpretAsFloats().intoArray(o2, o);
        HI.selectFrom(x1, x5).reinterpretAsFloats().intoArray(o3, o);
        LO.selectFrom(x2, x6).reinterpretAsFloats().intoArray(o4, o);
        HI.selectFrom(x2, x6).reinterpretAsFloats().intoArray(o5, o);
        LO.selectFrom(x3, x7).reinterpretAsFloats().intoArray(o6, o);
        HI.selectFrom(x3, x7).reinterpretAsFloats().intoArray(o7, o);
      }
      s.intoArray(t, state + g);
    }
  }

  /** Steps {@code from .. to - 1} (multiples of 8, full window) of both chains, keeping nothing. */
  private static void advance(
      float[] t, int mask, int from, int to, int half, int lead, int state) {
    FloatVector s0 = FloatVector.fromArray(S8, t, state);
    FloatVector s1 = FloatVector.fromArray(S8, t, state + STRIP);
    for (int o = from + half - 1, end = to + half - 1, d = half - 1 + lead; o < end; o++) {
      int pe = (o & mask) * BLOCK;
      int pl = ((o - d) & mask) * BLOCK;
      s0 = s0.add(FloatVector.fromArray(S8, t, pe)).sub(FloatVector.fromArray(S8, t, pl));
      s1 = s1.add(FloatVector.fromArray(S8, t, pe + STRIP))
          .sub(FloatVector.fromArray(S8, t, pl + STRIP));
    }
    s0.intoArray(t, state);
    s1.intoArray(t, state + STRIP);
  }

  /**
   * Outputs {@code o0 .. min(n, o0+8) - 1} where the window is not full or the row ends: the
   * general recurrence step by step, through the output tile.
   */
  private static void edge(
      float[] t, int mask, int o0, int n, int window, int tile, int state, float[][] out) {
    int half = (window + 2) / 2;
    int lead = window - half + 1;
    int addEnd = n - half + 1;
    int end = Math.min(n, o0 + STRIP);
    for (int g = 0; g < BLOCK; g += STRIP) {
      FloatVector s = FloatVector.fromArray(S8, t, state + g);
      for (int o = o0; o < end; o++) {
        if (o < addEnd) {
          s = s.add(FloatVector.fromArray(S8, t, ((o + half - 1) & mask) * BLOCK + g));
        }
        if (o >= lead) {
          s = s.sub(FloatVector.fromArray(S8, t, ((o - lead) & mask) * BLOCK + g));
        }
        float count = Math.min(o + half, n) - Math.max(0, o - lead + 1);
        s.div(count).intoArray(t, tile + (o - o0) * BLOCK + g);
      }
      s.intoArray(t, state + g);
    }
    for (int o = o0; o < end; o++) {
      for (int k = 0; k < BLOCK; k++) {
        out[k][o] = t[tile + (o - o0) * BLOCK + k];
      }
    }
  }

  @Override
  public void dct64To16(float[] a, float[] t, float[] b) {
    float[] d = DctBasis.ROW_MAJOR;
    float[] dt = DctBasis.TRANSPOSED;
    int lanes = SPECIES.length();
    // t = D a: lane j of row i accumulates d[i][k] * a[k][j] for k = 0, 1, ..., 63 in order,
    // mul then add (two roundings), starting from +0.0f like the reference's "sumk = 0".
    for (int i = 0; i < 16; i++) {
      int ti = i * 64;
      for (int j = 0; j < 64; j += lanes) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int k = 0; k < 64; k++) {
          FloatVector ak = FloatVector.fromArray(SPECIES, a, k * 64 + j);
          acc = acc.add(ak.mul(d[i * 64 + k]));
        }
        acc.intoArray(t, ti + j);
      }
    }
    // b = t D^T through the transposed basis: lane j of row i accumulates t[i][k] * d[j][k].
    int lanes16 = SPECIES_16.length();
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j += lanes16) {
        FloatVector acc = FloatVector.zero(SPECIES_16);
        for (int k = 0; k < 64; k++) {
          FloatVector dk = FloatVector.fromArray(SPECIES_16, dt, k * 16 + j);
          acc = acc.add(dk.mul(t[i * 64 + k]));
        }
        acc.intoArray(b, i * 16 + j);
      }
    }
  }
}

package org.hashmatch.hashing.dct;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The same loops as {@link ScalarDctKernel} on the JDK Vector API. Loaded only by {@link
 * DctKernelProvider} after it has checked that {@code jdk.incubator.vector} is in the boot layer;
 * nothing else may refer to this class, so the rest of the module links without the incubator.
 *
 * <p>Numerics: every lane performs the scalar recurrence of one column, with separate {@code add},
 * {@code sub}, {@code mul} and {@code div} (each rounded once, as the reference's float32 C++ and
 * Java do). FMA is deliberately not used: it rounds once instead of twice and would flip hash bits.
 * No loop is unrolled by hand: each iteration is already independent across lanes, these loops are
 * bound by the divider or by loads, and C2 unrolls counted vector loops itself.
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
  private static final FloatVector LO = perfectShuffle(0);
  private static final FloatVector HI = perfectShuffle(STRIP / 2);

  VectorDctKernel() {}

  private static FloatVector perfectShuffle(int from) {
    float[] idx = new float[STRIP];
    for (int i = 0; i < STRIP; i++) {
      idx[i] = (i & 1) == 0 ? from + i / 2 : STRIP + from + i / 2;
    }
    return FloatVector.fromArray(S8, idx, 0);
  }

  /** Lanes per vector, for the provider's log line. */
  static int lanes() {
    return SPECIES.length();
  }

  @Override
  public String name() {
    return "vector-" + SPECIES.vectorBitSize();
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
    // Below 256-bit vectors the transposes cost more than the scalar chains save.
    return SPECIES.length() >= STRIP ? BLOCK : 0;
  }

  @Override
  public int boxRowScratchFloats(int window) {
    return ringSize(window) * BLOCK + STRIP * BLOCK + BLOCK;
  }

  /** Ring length: a power of two holding the window plus one tile of look-ahead. */
  private static int ringSize(int window) {
    return Integer.highestOneBit(window + 2 * STRIP - 1) << 1;
  }

  @Override
  public boolean boxRows(
      float[] in, int inOff, int n, int window, float[][] out, float[] scratch) {
    int half = (window + 2) / 2;
    int lead = window - half + 1;
    int addEnd = n - half + 1;
    int mask = ringSize(window) - 1;
    int tile = (mask + 1) * BLOCK;
    int state = tile + STRIP * BLOCK;
    int next = start(in, inOff, n, half, scratch, mask, state);
    float full = window;
    for (int o0 = 0; o0 < n; o0 += STRIP) {
      next = fill(in, inOff, n, next, Math.min(n, o0 + STRIP + half - 1), scratch, mask);
      if (o0 >= lead && o0 + STRIP <= addEnd) {
        interior(scratch, mask, 0, o0 + half - 1, o0 - lead, full, state, out, o0);
        interior(scratch, mask, STRIP, o0 + half - 1, o0 - lead, full, state, out, o0);
      } else {
        edge(scratch, mask, o0, n, window, tile, state, out);
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
    int half = (window + 2) / 2;
    int lead = window - half + 1;
    int addEnd = n - half + 1;
    int mask = ringSize(window) - 1;
    int tile = (mask + 1) * BLOCK;
    int state = tile + STRIP * BLOCK;
    int next = start(in, inOff, n, half, scratch, mask, state);
    int j = 0;
    for (int o0 = 0; j < 64; o0 += STRIP) {
      next = fill(in, inOff, n, next, Math.min(n, o0 + STRIP + half - 1), scratch, mask);
      if (o0 >= lead && o0 + STRIP <= addEnd && cols[j] >= o0 + STRIP) {
        advance(scratch, mask, o0 + half - 1, o0 - lead, state);
        continue;
      }
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
    }
  }

  /**
   * Transposes columns {@code 0 .. half-2} into the ring and adds them to fresh chain states, as
   * the reference does before its first output.
   *
   * @return the next column to transpose
   */
  private static int start(
      float[] in, int inOff, int n, int half, float[] t, int mask, int state) {
    int next = fill(in, inOff, n, 0, half - 1, t, mask);
    FloatVector s0 = FloatVector.zero(S8);
    FloatVector s1 = FloatVector.zero(S8);
    for (int k = 0; k < half - 1; k++) {
      s0 = s0.add(FloatVector.fromArray(S8, t, (k & mask) * BLOCK));
      s1 = s1.add(FloatVector.fromArray(S8, t, (k & mask) * BLOCK + STRIP));
    }
    s0.intoArray(t, state);
    s1.intoArray(t, state + STRIP);
    return next;
  }

  /**
   * Transposes columns {@code from ..} of the block into the ring until column {@code until - 1}
   * is in, a tile of eight at a time ({@code from} is a multiple of 8 or {@code n}).
   *
   * @return the next column to transpose
   */
  private static int fill(float[] in, int inOff, int n, int from, int until, float[] t, int mask) {
    int c = from;
    while (c < until) {
      if (c + STRIP <= n) {
        transposeIn(in, inOff + c, n, t, (c & mask) * BLOCK);
        c += STRIP;
      } else {
        for (; c < n; c++) {
          for (int k = 0; k < BLOCK; k++) {
            t[(c & mask) * BLOCK + k] = in[inOff + k * n + c];
          }
        }
      }
    }
    return c;
  }

  /** Two 8x8 tiles (rows 0-7 and 8-15 of the block, 8 columns from {@code off}) into the ring. */
  private static void transposeIn(float[] in, int off, int n, float[] t, int to) {
    for (int g = 0; g < BLOCK; g += STRIP) {
      int r = off + g * n;
      FloatVector a0 = FloatVector.fromArray(S8, in, r);
      FloatVector a1 = FloatVector.fromArray(S8, in, r + n);
      FloatVector a2 = FloatVector.fromArray(S8, in, r + 2 * n);
      FloatVector a3 = FloatVector.fromArray(S8, in, r + 3 * n);
      FloatVector a4 = FloatVector.fromArray(S8, in, r + 4 * n);
      FloatVector a5 = FloatVector.fromArray(S8, in, r + 5 * n);
      FloatVector a6 = FloatVector.fromArray(S8, in, r + 6 * n);
      FloatVector a7 = FloatVector.fromArray(S8, in, r + 7 * n);
      FloatVector b0 = LO.selectFrom(a0, a4);
      FloatVector b1 = HI.selectFrom(a0, a4);
      FloatVector b2 = LO.selectFrom(a1, a5);
      FloatVector b3 = HI.selectFrom(a1, a5);
      FloatVector b4 = LO.selectFrom(a2, a6);
      FloatVector b5 = HI.selectFrom(a2, a6);
      FloatVector b6 = LO.selectFrom(a3, a7);
      FloatVector b7 = HI.selectFrom(a3, a7);
      a0 = LO.selectFrom(b0, b4);
      a1 = HI.selectFrom(b0, b4);
      a2 = LO.selectFrom(b1, b5);
      a3 = HI.selectFrom(b1, b5);
      a4 = LO.selectFrom(b2, b6);
      a5 = HI.selectFrom(b2, b6);
      a6 = LO.selectFrom(b3, b7);
      a7 = HI.selectFrom(b3, b7);
      int p = to + g;
      LO.selectFrom(a0, a4).intoArray(t, p);
      HI.selectFrom(a0, a4).intoArray(t, p + BLOCK);
      LO.selectFrom(a1, a5).intoArray(t, p + 2 * BLOCK);
      HI.selectFrom(a1, a5).intoArray(t, p + 3 * BLOCK);
      LO.selectFrom(a2, a6).intoArray(t, p + 4 * BLOCK);
      HI.selectFrom(a2, a6).intoArray(t, p + 5 * BLOCK);
      LO.selectFrom(a3, a7).intoArray(t, p + 6 * BLOCK);
      HI.selectFrom(a3, a7).intoArray(t, p + 7 * BLOCK);
    }
  }

  /**
   * Eight interior outputs (window full: one add, one subtract, divisor = window) of the strip at
   * lane offset {@code g}: column {@code e + i} enters and {@code l + i} leaves for output {@code
   * col + i}. The quotients are transposed back and stored into {@code out[g .. g+7][col ..]}.
   */
  private static void interior(
      float[] t, int mask, int g, int e, int l, float divisor, int state, float[][] out, int col) {
    FloatVector s = FloatVector.fromArray(S8, t, state + g);
    s = s.add(FloatVector.fromArray(S8, t, (e & mask) * BLOCK + g))
        .sub(FloatVector.fromArray(S8, t, (l & mask) * BLOCK + g));
    FloatVector r0 = s.div(divisor);
    s = s.add(FloatVector.fromArray(S8, t, ((e + 1) & mask) * BLOCK + g))
        .sub(FloatVector.fromArray(S8, t, ((l + 1) & mask) * BLOCK + g));
    FloatVector r1 = s.div(divisor);
    s = s.add(FloatVector.fromArray(S8, t, ((e + 2) & mask) * BLOCK + g))
        .sub(FloatVector.fromArray(S8, t, ((l + 2) & mask) * BLOCK + g));
    FloatVector r2 = s.div(divisor);
    s = s.add(FloatVector.fromArray(S8, t, ((e + 3) & mask) * BLOCK + g))
        .sub(FloatVector.fromArray(S8, t, ((l + 3) & mask) * BLOCK + g));
    FloatVector r3 = s.div(divisor);
    s = s.add(FloatVector.fromArray(S8, t, ((e + 4) & mask) * BLOCK + g))
        .sub(FloatVector.fromArray(S8, t, ((l + 4) & mask) * BLOCK + g));
    FloatVector r4 = s.div(divisor);
    s = s.add(FloatVector.fromArray(S8, t, ((e + 5) & mask) * BLOCK + g))
        .sub(FloatVector.fromArray(S8, t, ((l + 5) & mask) * BLOCK + g));
    FloatVector r5 = s.div(divisor);
    s = s.add(FloatVector.fromArray(S8, t, ((e + 6) & mask) * BLOCK + g))
        .sub(FloatVector.fromArray(S8, t, ((l + 6) & mask) * BLOCK + g));
    FloatVector r6 = s.div(divisor);
    s = s.add(FloatVector.fromArray(S8, t, ((e + 7) & mask) * BLOCK + g))
        .sub(FloatVector.fromArray(S8, t, ((l + 7) & mask) * BLOCK + g));
    FloatVector r7 = s.div(divisor);
    s.intoArray(t, state + g);
    // Transposed back: row g + k of the result is lane k of r0 .. r7. (Written out here rather
    // than in a helper: vectors passed to a method that is not inlined would be boxed.)
    FloatVector b0 = LO.selectFrom(r0, r4);
    FloatVector b1 = HI.selectFrom(r0, r4);
    FloatVector b2 = LO.selectFrom(r1, r5);
    FloatVector b3 = HI.selectFrom(r1, r5);
    FloatVector b4 = LO.selectFrom(r2, r6);
    FloatVector b5 = HI.selectFrom(r2, r6);
    FloatVector b6 = LO.selectFrom(r3, r7);
    FloatVector b7 = HI.selectFrom(r3, r7);
    r0 = LO.selectFrom(b0, b4);
    r1 = HI.selectFrom(b0, b4);
    r2 = LO.selectFrom(b1, b5);
    r3 = HI.selectFrom(b1, b5);
    r4 = LO.selectFrom(b2, b6);
    r5 = HI.selectFrom(b2, b6);
    r6 = LO.selectFrom(b3, b7);
    r7 = HI.selectFrom(b3, b7);
    LO.selectFrom(r0, r4).intoArray(out[g], col);
    HI.selectFrom(r0, r4).intoArray(out[g + 1], col);
    LO.selectFrom(r1, r5).intoArray(out[g + 2], col);
    HI.selectFrom(r1, r5).intoArray(out[g + 3], col);
    LO.selectFrom(r2, r6).intoArray(out[g + 4], col);
    HI.selectFrom(r2, r6).intoArray(out[g + 5], col);
    LO.selectFrom(r3, r7).intoArray(out[g + 6], col);
    HI.selectFrom(r3, r7).intoArray(out[g + 7], col);
  }

  /** Eight interior steps of both chains without outputs (the sampled pass between samples). */
  private static void advance(float[] t, int mask, int e, int l, int state) {
    FloatVector s0 = FloatVector.fromArray(S8, t, state);
    FloatVector s1 = FloatVector.fromArray(S8, t, state + STRIP);
    for (int i = 0; i < STRIP; i++) {
      int pe = ((e + i) & mask) * BLOCK;
      int pl = ((l + i) & mask) * BLOCK;
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

package org.hashmatch.hashing.dct;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * The row-block box filter of {@link VectorDctKernel} on 512-bit vectors: a block of sixteen rows
 * is one dependency chain, row {@code k} in lane {@code k}, where the 256-bit variant in {@link
 * VectorDctKernel} runs two 8-lane chains. A 16x16 tile is transposed in registers by four rounds
 * of perfect shuffles (two-source permutes over the pairs {@code (k, k + 8)}): 64 permutes per 256
 * floats, half of what two 8x8 transposes per 16 columns cost. It measured faster than the two
 * 8-lane chains on Zen 5 (full-width AVX-512) and, since the flat and row-array transposes were
 * split, on Zen 4 too, although Zen 4 splits each 512-bit permute in two (see {@link
 * DctKernelProvider}). The numerics are the same either way (each lane runs one row's reference
 * recurrence, in order, rounded per operation).
 *
 * <p>Layout of the scratch: a column ring of {@code positions} (a power of two) 16-float columns,
 * column {@code c} at position {@code (c - phase) & mask}, followed by a copy of its first sixteen
 * positions so that sixteen consecutive positions starting anywhere are one contiguous run (the
 * chain methods then need one base offset, not sixteen wrapped ones); then a 16x16 tile and the
 * chain state (16 floats).
 *
 * <p>Plane phase. The loads of the input rows are the only ones from main memory (a 12 MP plane is
 * 48 MB), and a 64-byte load that straddles two cache lines costs about twice as much there. The
 * tiles of {@link #boxRows} therefore start at the columns whose elements are 64-byte aligned if
 * the plane's array data is: G1 puts an array too big for half a region (a full-resolution plane)
 * at a region boundary, and its first element sits 16 bytes (the array header) after it, so
 * element 12 is 64-byte aligned. Alignment changes speed only, never a result.
 *
 * <p>Vectors never cross a method boundary (C2 boxes vectors passed to a method it does not
 * inline) and no method holds more than one 16x16 tile of vectors (C1 fails with "out of virtual
 * registers" on larger ones, and such a method never reaches C2).
 */
final class WideRowBlocks {

  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  private static final int L = 16;
  /** Element of a G1 humongous float array that starts a 64-byte line (see class comment). */
  private static final int PLANE_PHASE = 12;
  /** {@code LO.selectFrom(a, b)} is {@code a0 b0 a1 b1 .. a7 b7}; {@code HI} the same from 8. */
  private static final IntVector LO = perfectShuffle(0);
  private static final IntVector HI = perfectShuffle(L / 2);

  private WideRowBlocks() {}

  private static IntVector perfectShuffle(int from) {
    int[] idx = new int[L];
    for (int i = 0; i < L; i++) {
      idx[i] = (i & 1) == 0 ? from + i / 2 : L + from + i / 2;
    }
    return IntVector.fromArray(IntVector.SPECIES_512, idx, 0);
  }

  /**
   * Ring positions for a window: a power of two holding the window's span, one tile of look-ahead
   * and one of phase offset.
   */
  private static int positions(int window) {
    return Integer.highestOneBit(window + 2 * L - 1) << 1;
  }

  static int scratchFloats(int window) {
    return (positions(window) + L) * L + L * L + L;
  }

  /** {@link DctKernel#boxRows} for sixteen rows. */
  static boolean boxRows(float[] in, int inOff, int n, int window, float[][] out, float[] t) {
    int half = (window + 2) / 2;
    int lead = window - half + 1;
    int positions = positions(window);
    int mask = positions - 1;
    int phase = Math.floorMod(PLANE_PHASE - inOff, L);
    int tile = (positions + L) * L;
    int state = tile + L * L;
    int addEnd = n - half + 1;
    int endFull = addEnd >= lead ? lead + (addEnd - lead) / L * L : lead;
    int next = fillRows(in, inOff, n, 0, Math.min(n, half - 1), t, mask, positions, phase);
    start(t, half, mask, phase, state);
    float divisor = window;
    int o0 = 0;
    while (o0 < n) {
      if (o0 >= lead && o0 < endFull) {
        // Sixteen outputs with a full window: one add, one subtract, one divisor. (Multiplying by
        // the exact reciprocal of a power-of-two window, as the 8-lane chains do, measured no
        // different here: the divisions hide behind the chain.)
        int until = Math.min(n, o0 + L + half - 1);
        if (next < until) {
          next = fillRows(in, inOff, n, next, until, t, mask, positions, phase);
        }
        int e = ((o0 + half - 1 - phase) & mask) * L;
        int l = ((o0 - lead - phase) & mask) * L;
        chain(t, e, l, state, divisor, tile);
        transposeIntoRows(t, tile, out, o0);
        o0 += L;
      } else {
        int end = Math.min(n, o0 < lead ? Math.min(lead, o0 + L) : o0 + L);
        next =
            fillRows(in, inOff, n, next, Math.min(n, end + half - 1), t, mask, positions, phase);
        edge(t, mask, phase, o0, end, n, window, tile, state, out);
        o0 = end;
      }
    }
    return FloatVector.fromArray(S, t, state).test(VectorOperators.IS_FINITE).allTrue();
  }

  /** {@link DctKernel#boxRowsSampled} for sixteen rows. */
  static void boxRowsSampled(
      float[] in, int inOff, int n, int window, int[] cols, float[] out, int outOff, float[] t) {
    sampled(in, inOff, null, null, null, null, n, window, cols, out, outOff, t);
  }

  /** {@link DctKernel#columnsThenRowsSampled} for sixteen rows. */
  static void columnsThenRowsSampled(
      float[] acc, float[][] add, float[][] sub, float[] divisors, int n, int window, int[] cols,
      float[] out, int outOff, float[] t) {
    int next = sampled(null, 0, acc, add, sub, divisors, n, window, cols, out, outOff, t);
    finishColumns(acc, add, sub, L, next, n);
  }

  /**
   * The column sums' steps for columns {@code from .. n-1}, right of the last one the sampled sums
   * needed: {@code acc[c] = (acc[c] + add[k][c]) - sub[k][c]} for rows {@code k < rows} in order.
   * Shared with the 8-lane row blocks of {@link VectorDctKernel}.
   */
  static void finishColumns(float[] acc, float[][] add, float[][] sub, int rows, int from, int n) {
    for (int c = from; c < n; c++) {
      float a = acc[c];
      for (int k = 0; k < rows; k++) {
        a = (a + add[k][c]) - sub[k][c];
      }
      acc[c] = a;
    }
  }

  /**
   * The sampled horizontal sums of a block whose rows are either {@code in} (when {@code acc} is
   * null) or the vertical outputs of {@code acc}, {@code add}, {@code sub}, {@code divisors},
   * produced sixteen columns at a time into the ring.
   *
   * @return the first column not produced
   */
  private static int sampled(
      float @Nullable [] in, int inOff, float @Nullable [] acc, float[] @Nullable [] add,
      float[] @Nullable [] sub, float @Nullable [] divisors, int n, int window, int[] cols,
      float[] out, int outOff, float[] t) {
    int half = (window + 2) / 2;
    int lead = window - half + 1;
    int addEnd = n - half + 1;
    int positions = positions(window);
    int mask = positions - 1;
    int tile = (positions + L) * L;
    int state = tile + L * L;
    int c = 0; // next column to produce
    int o = 0; // next output
    int j = 0; // next sample
    boolean started = false;
    while (j < 64) {
      if (c + L <= n) {
        int p = (c & mask) * L;
        if (acc == null) {
          transpose(in, inOff + c, n, t, p, L);
        } else {
          columnChunk(acc, add, sub, divisors, c, t, tile);
          transpose(t, tile, L, t, p, L);
        }
        if (p == 0) {
          System.arraycopy(t, 0, t, positions * L, L * L);
        }
        c += L;
      } else {
        for (; c < n; c++) {
          int p = (c & mask) * L;
          float a = acc == null ? 0.0f : acc[c];
          for (int k = 0; k < L; k++) {
            float v;
            if (acc == null) {
              v = in[inOff + k * n + c];
            } else {
              a = (a + add[k][c]) - sub[k][c];
              v = a / divisors[k];
            }
            t[p + k] = v;
            if (p < L * L) {
              t[positions * L + p + k] = v;
            }
          }
          if (acc != null) {
            acc[c] = a;
          }
        }
      }
      if (!started) {
        if (c < Math.min(n, half - 1)) {
          continue;
        }
        start(t, half, mask, 0, state);
        started = true;
      }
      // Outputs whose entering column has been produced (all of them once the row is).
      int available = c >= n ? n : c - half + 1;
      while (o < available && j < 64) {
        if (o >= lead && o < addEnd) {
          int stop = Math.min(Math.min(available, addEnd), cols[j] + 1);
          while (stop - o >= L) {
            advance16(t, ((o + half - 1) & mask) * L, ((o - lead) & mask) * L, state);
            o += L;
          }
          if (stop > o) {
            advance(t, ((o + half - 1) & mask) * L, ((o - lead) & mask) * L, state, stop - o);
            o = stop;
          }
          j = emit(t, state, o - 1, cols, j, out, outOff);
        } else {
          step(t, mask, o, n, half, lead, state);
          o++;
          j = emit(t, state, o - 1, cols, j, out, outOff);
        }
      }
    }
    return c;
  }

  /** Copies the chain state into every sample taken at output {@code o}. */
  private static int emit(float[] t, int state, int o, int[] cols, int j, float[] out, int outOff) {
    for (; j < 64 && cols[j] == o; j++) {
      for (int k = 0; k < L; k++) {
        out[outOff + k * 64 + j] = t[state + k];
      }
    }
    return j;
  }

  /**
   * A fresh chain state holding columns {@code 0 .. half-2} (already in the ring), added in order
   * as the reference does before its first output.
   */
  private static void start(float[] t, int half, int mask, int phase, int state) {
    FloatVector s = FloatVector.zero(S);
    for (int k = 0; k < half - 1; k++) {
      s = s.add(FloatVector.fromArray(S, t, ((k - phase) & mask) * L));
    }
    s.intoArray(t, state);
  }

  /**
   * Transposes columns {@code from ..} of the sixteen rows into the ring until column {@code until
   * - 1} is in: whole tiles at the columns {@code c = phase (mod 16)}, single columns elsewhere.
   *
   * @return the next column to transpose
   */
  private static int fillRows(
      float[] in, int inOff, int n, int from, int until, float[] t, int mask, int positions,
      int phase) {
    int c = from;
    while (c < until) {
      int p = ((c - phase) & mask) * L;
      if (((c - phase) & (L - 1)) == 0 && c + L <= n) {
        transpose(in, inOff + c, n, t, p, L);
        if (p == 0) {
          System.arraycopy(t, 0, t, positions * L, L * L);
        }
        c += L;
      } else {
        for (int k = 0; k < L; k++) {
          float v = in[inOff + k * n + c];
          t[p + k] = v;
          if (p < L * L) {
            t[positions * L + p + k] = v;
          }
        }
        c++;
      }
    }
    return c;
  }

  /**
   * {@code dst[d + k * dstStride + j] = src[s + j * srcStride + k]} for {@code j, k < 16}: four
   * rounds of perfect shuffles of the pairs {@code (k, k + 8)}.
   */
  private static void transpose(
      float[] src, int s, int srcStride, float[] dst, int d, int dstStride) {
    IntVector a0 = FloatVector.fromArray(S, src, s).reinterpretAsInts();
    IntVector a1 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a2 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a3 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a4 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a5 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a6 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a7 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a8 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a9 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a10 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a11 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a12 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a13 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a14 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector a15 = FloatVector.fromArray(S, src, s += srcStride).reinterpretAsInts();
    IntVector b0 = LO.selectFrom(a0, a8);
    IntVector b1 = HI.selectFrom(a0, a8);
    IntVector b2 = LO.selectFrom(a1, a9);
    IntVector b3 = HI.selectFrom(a1, a9);
    IntVector b4 = LO.selectFrom(a2, a10);
    IntVector b5 = HI.selectFrom(a2, a10);
    IntVector b6 = LO.selectFrom(a3, a11);
    IntVector b7 = HI.selectFrom(a3, a11);
    IntVector b8 = LO.selectFrom(a4, a12);
    IntVector b9 = HI.selectFrom(a4, a12);
    IntVector b10 = LO.selectFrom(a5, a13);
    IntVector b11 = HI.selectFrom(a5, a13);
    IntVector b12 = LO.selectFrom(a6, a14);
    IntVector b13 = HI.selectFrom(a6, a14);
    IntVector b14 = LO.selectFrom(a7, a15);
    IntVector b15 = HI.selectFrom(a7, a15);
    IntVector c0 = LO.selectFrom(b0, b8);
    IntVector c1 = HI.selectFrom(b0, b8);
    IntVector c2 = LO.selectFrom(b1, b9);
    IntVector c3 = HI.selectFrom(b1, b9);
    IntVector c4 = LO.selectFrom(b2, b10);
    IntVector c5 = HI.selectFrom(b2, b10);
    IntVector c6 = LO.selectFrom(b3, b11);
    IntVector c7 = HI.selectFrom(b3, b11);
    IntVector c8 = LO.selectFrom(b4, b12);
    IntVector c9 = HI.selectFrom(b4, b12);
    IntVector c10 = LO.selectFrom(b5, b13);
    IntVector c11 = HI.selectFrom(b5, b13);
    IntVector c12 = LO.selectFrom(b6, b14);
    IntVector c13 = HI.selectFrom(b6, b14);
    IntVector c14 = LO.selectFrom(b7, b15);
    IntVector c15 = HI.selectFrom(b7, b15);
    IntVector d0 = LO.selectFrom(c0, c8);
    IntVector d1 = HI.selectFrom(c0, c8);
    IntVector d2 = LO.selectFrom(c1, c9);
    IntVector d3 = HI.selectFrom(c1, c9);
    IntVector d4 = LO.selectFrom(c2, c10);
    IntVector d5 = HI.selectFrom(c2, c10);
    IntVector d6 = LO.selectFrom(c3, c11);
    IntVector d7 = HI.selectFrom(c3, c11);
    IntVector d8 = LO.selectFrom(c4, c12);
    IntVector d9 = HI.selectFrom(c4, c12);
    IntVector d10 = LO.selectFrom(c5, c13);
    IntVector d11 = HI.selectFrom(c5, c13);
    IntVector d12 = LO.selectFrom(c6, c14);
    IntVector d13 = HI.selectFrom(c6, c14);
    IntVector d14 = LO.selectFrom(c7, c15);
    IntVector d15 = HI.selectFrom(c7, c15);
    IntVector e0 = LO.selectFrom(d0, d8);
    IntVector e1 = HI.selectFrom(d0, d8);
    IntVector e2 = LO.selectFrom(d1, d9);
    IntVector e3 = HI.selectFrom(d1, d9);
    IntVector e4 = LO.selectFrom(d2, d10);
    IntVector e5 = HI.selectFrom(d2, d10);
    IntVector e6 = LO.selectFrom(d3, d11);
    IntVector e7 = HI.selectFrom(d3, d11);
    IntVector e8 = LO.selectFrom(d4, d12);
    IntVector e9 = HI.selectFrom(d4, d12);
    IntVector e10 = LO.selectFrom(d5, d13);
    IntVector e11 = HI.selectFrom(d5, d13);
    IntVector e12 = LO.selectFrom(d6, d14);
    IntVector e13 = HI.selectFrom(d6, d14);
    IntVector e14 = LO.selectFrom(d7, d15);
    IntVector e15 = HI.selectFrom(d7, d15);
    e0.reinterpretAsFloats().intoArray(dst, d);
    e1.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e2.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e3.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e4.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e5.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e6.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e7.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e8.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e9.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e10.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e11.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e12.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e13.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e14.reinterpretAsFloats().intoArray(dst, d += dstStride);
    e15.reinterpretAsFloats().intoArray(dst, d += dstStride);
  }

  /**
   * {@link #transpose} of the tile at {@code src[s ..]} (stride 16) into sixteen row arrays, {@code
   * rows[k][d + j] = src[s + 16 * j + k]}: H1's outputs into the pipeline's ring rows. The same
   * shuffles written out a second time on purpose: one method for both destinations (choosing
   * the array per store) measured 5-12% slower for the whole pipeline, and copying through a
   * staging tile slower still.
   */
  private static void transposeIntoRows(float[] src, int s, float[][] rows, int d) {
    IntVector a0 = FloatVector.fromArray(S, src, s).reinterpretAsInts();
    IntVector a1 = FloatVector.fromArray(S, src, s + 16).reinterpretAsInts();
    IntVector a2 = FloatVector.fromArray(S, src, s + 32).reinterpretAsInts();
    IntVector a3 = FloatVector.fromArray(S, src, s + 48).reinterpretAsInts();
    IntVector a4 = FloatVector.fromArray(S, src, s + 64).reinterpretAsInts();
    IntVector a5 = FloatVector.fromArray(S, src, s + 80).reinterpretAsInts();
    IntVector a6 = FloatVector.fromArray(S, src, s + 96).reinterpretAsInts();
    IntVector a7 = FloatVector.fromArray(S, src, s + 112).reinterpretAsInts();
    IntVector a8 = FloatVector.fromArray(S, src, s + 128).reinterpretAsInts();
    IntVector a9 = FloatVector.fromArray(S, src, s + 144).reinterpretAsInts();
    IntVector a10 = FloatVector.fromArray(S, src, s + 160).reinterpretAsInts();
    IntVector a11 = FloatVector.fromArray(S, src, s + 176).reinterpretAsInts();
    IntVector a12 = FloatVector.fromArray(S, src, s + 192).reinterpretAsInts();
    IntVector a13 = FloatVector.fromArray(S, src, s + 208).reinterpretAsInts();
    IntVector a14 = FloatVector.fromArray(S, src, s + 224).reinterpretAsInts();
    IntVector a15 = FloatVector.fromArray(S, src, s + 240).reinterpretAsInts();
    IntVector b0 = LO.selectFrom(a0, a8);
    IntVector b1 = HI.selectFrom(a0, a8);
    IntVector b2 = LO.selectFrom(a1, a9);
    IntVector b3 = HI.selectFrom(a1, a9);
    IntVector b4 = LO.selectFrom(a2, a10);
    IntVector b5 = HI.selectFrom(a2, a10);
    IntVector b6 = LO.selectFrom(a3, a11);
    IntVector b7 = HI.selectFrom(a3, a11);
    IntVector b8 = LO.selectFrom(a4, a12);
    IntVector b9 = HI.selectFrom(a4, a12);
    IntVector b10 = LO.selectFrom(a5, a13);
    IntVector b11 = HI.selectFrom(a5, a13);
    IntVector b12 = LO.selectFrom(a6, a14);
    IntVector b13 = HI.selectFrom(a6, a14);
    IntVector b14 = LO.selectFrom(a7, a15);
    IntVector b15 = HI.selectFrom(a7, a15);
    IntVector c0 = LO.selectFrom(b0, b8);
    IntVector c1 = HI.selectFrom(b0, b8);
    IntVector c2 = LO.selectFrom(b1, b9);
    IntVector c3 = HI.selectFrom(b1, b9);
    IntVector c4 = LO.selectFrom(b2, b10);
    IntVector c5 = HI.selectFrom(b2, b10);
    IntVector c6 = LO.selectFrom(b3, b11);
    IntVector c7 = HI.selectFrom(b3, b11);
    IntVector c8 = LO.selectFrom(b4, b12);
    IntVector c9 = HI.selectFrom(b4, b12);
    IntVector c10 = LO.selectFrom(b5, b13);
    IntVector c11 = HI.selectFrom(b5, b13);
    IntVector c12 = LO.selectFrom(b6, b14);
    IntVector c13 = HI.selectFrom(b6, b14);
    IntVector c14 = LO.selectFrom(b7, b15);
    IntVector c15 = HI.selectFrom(b7, b15);
    IntVector d0 = LO.selectFrom(c0, c8);
    IntVector d1 = HI.selectFrom(c0, c8);
    IntVector d2 = LO.selectFrom(c1, c9);
    IntVector d3 = HI.selectFrom(c1, c9);
    IntVector d4 = LO.selectFrom(c2, c10);
    IntVector d5 = HI.selectFrom(c2, c10);
    IntVector d6 = LO.selectFrom(c3, c11);
    IntVector d7 = HI.selectFrom(c3, c11);
    IntVector d8 = LO.selectFrom(c4, c12);
    IntVector d9 = HI.selectFrom(c4, c12);
    IntVector d10 = LO.selectFrom(c5, c13);
    IntVector d11 = HI.selectFrom(c5, c13);
    IntVector d12 = LO.selectFrom(c6, c14);
    IntVector d13 = HI.selectFrom(c6, c14);
    IntVector d14 = LO.selectFrom(c7, c15);
    IntVector d15 = HI.selectFrom(c7, c15);
    IntVector e0 = LO.selectFrom(d0, d8);
    IntVector e1 = HI.selectFrom(d0, d8);
    IntVector e2 = LO.selectFrom(d1, d9);
    IntVector e3 = HI.selectFrom(d1, d9);
    IntVector e4 = LO.selectFrom(d2, d10);
    IntVector e5 = HI.selectFrom(d2, d10);
    IntVector e6 = LO.selectFrom(d3, d11);
    IntVector e7 = HI.selectFrom(d3, d11);
    IntVector e8 = LO.selectFrom(d4, d12);
    IntVector e9 = HI.selectFrom(d4, d12);
    IntVector e10 = LO.selectFrom(d5, d13);
    IntVector e11 = HI.selectFrom(d5, d13);
    IntVector e12 = LO.selectFrom(d6, d14);
    IntVector e13 = HI.selectFrom(d6, d14);
    IntVector e14 = LO.selectFrom(d7, d15);
    IntVector e15 = HI.selectFrom(d7, d15);
    e0.reinterpretAsFloats().intoArray(rows[0], d);
    e1.reinterpretAsFloats().intoArray(rows[1], d);
    e2.reinterpretAsFloats().intoArray(rows[2], d);
    e3.reinterpretAsFloats().intoArray(rows[3], d);
    e4.reinterpretAsFloats().intoArray(rows[4], d);
    e5.reinterpretAsFloats().intoArray(rows[5], d);
    e6.reinterpretAsFloats().intoArray(rows[6], d);
    e7.reinterpretAsFloats().intoArray(rows[7], d);
    e8.reinterpretAsFloats().intoArray(rows[8], d);
    e9.reinterpretAsFloats().intoArray(rows[9], d);
    e10.reinterpretAsFloats().intoArray(rows[10], d);
    e11.reinterpretAsFloats().intoArray(rows[11], d);
    e12.reinterpretAsFloats().intoArray(rows[12], d);
    e13.reinterpretAsFloats().intoArray(rows[13], d);
    e14.reinterpretAsFloats().intoArray(rows[14], d);
    e15.reinterpretAsFloats().intoArray(rows[15], d);
  }

  /**
   * Sixteen full-window outputs of the chain: ring positions from {@code e} enter and from {@code
   * l} leave (contiguous, thanks to the ring's mirrored head); each output, divided by {@code x},
   * goes into the tile as one column of sixteen rows.
   */
  private static void chain(float[] t, int e, int l, int state, float x, int tile) {
    FloatVector s = FloatVector.fromArray(S, t, state);
    s = s.add(FloatVector.fromArray(S, t, e + 0)).sub(FloatVector.fromArray(S, t, l + 0));
    s.div(x).intoArray(t, tile + 0);
    s = s.add(FloatVector.fromArray(S, t, e + 16)).sub(FloatVector.fromArray(S, t, l + 16));
    s.div(x).intoArray(t, tile + 16);
    s = s.add(FloatVector.fromArray(S, t, e + 32)).sub(FloatVector.fromArray(S, t, l + 32));
    s.div(x).intoArray(t, tile + 32);
    s = s.add(FloatVector.fromArray(S, t, e + 48)).sub(FloatVector.fromArray(S, t, l + 48));
    s.div(x).intoArray(t, tile + 48);
    s = s.add(FloatVector.fromArray(S, t, e + 64)).sub(FloatVector.fromArray(S, t, l + 64));
    s.div(x).intoArray(t, tile + 64);
    s = s.add(FloatVector.fromArray(S, t, e + 80)).sub(FloatVector.fromArray(S, t, l + 80));
    s.div(x).intoArray(t, tile + 80);
    s = s.add(FloatVector.fromArray(S, t, e + 96)).sub(FloatVector.fromArray(S, t, l + 96));
    s.div(x).intoArray(t, tile + 96);
    s = s.add(FloatVector.fromArray(S, t, e + 112)).sub(FloatVector.fromArray(S, t, l + 112));
    s.div(x).intoArray(t, tile + 112);
    s = s.add(FloatVector.fromArray(S, t, e + 128)).sub(FloatVector.fromArray(S, t, l + 128));
    s.div(x).intoArray(t, tile + 128);
    s = s.add(FloatVector.fromArray(S, t, e + 144)).sub(FloatVector.fromArray(S, t, l + 144));
    s.div(x).intoArray(t, tile + 144);
    s = s.add(FloatVector.fromArray(S, t, e + 160)).sub(FloatVector.fromArray(S, t, l + 160));
    s.div(x).intoArray(t, tile + 160);
    s = s.add(FloatVector.fromArray(S, t, e + 176)).sub(FloatVector.fromArray(S, t, l + 176));
    s.div(x).intoArray(t, tile + 176);
    s = s.add(FloatVector.fromArray(S, t, e + 192)).sub(FloatVector.fromArray(S, t, l + 192));
    s.div(x).intoArray(t, tile + 192);
    s = s.add(FloatVector.fromArray(S, t, e + 208)).sub(FloatVector.fromArray(S, t, l + 208));
    s.div(x).intoArray(t, tile + 208);
    s = s.add(FloatVector.fromArray(S, t, e + 224)).sub(FloatVector.fromArray(S, t, l + 224));
    s.div(x).intoArray(t, tile + 224);
    s = s.add(FloatVector.fromArray(S, t, e + 240)).sub(FloatVector.fromArray(S, t, l + 240));
    s.div(x).intoArray(t, tile + 240);
    s.intoArray(t, state);
  }

  /**
   * The vertical pass on columns {@code c .. c+15} of the sixteen rows: each column's sum steps
   * down the rows in order ({@code (acc + add) - sub}, then {@code / divisor} for the row's
   * output); outputs go row-major into the tile.
   */
  private static void columnChunk(
      float[] acc, float[][] add, float[][] sub, float[] divisors, int c, float[] t, int tile) {
    FloatVector a = FloatVector.fromArray(S, acc, c);
    a = a.add(FloatVector.fromArray(S, add[0], c)).sub(FloatVector.fromArray(S, sub[0], c));
    a.div(divisors[0]).intoArray(t, tile + 0);
    a = a.add(FloatVector.fromArray(S, add[1], c)).sub(FloatVector.fromArray(S, sub[1], c));
    a.div(divisors[1]).intoArray(t, tile + 16);
    a = a.add(FloatVector.fromArray(S, add[2], c)).sub(FloatVector.fromArray(S, sub[2], c));
    a.div(divisors[2]).intoArray(t, tile + 32);
    a = a.add(FloatVector.fromArray(S, add[3], c)).sub(FloatVector.fromArray(S, sub[3], c));
    a.div(divisors[3]).intoArray(t, tile + 48);
    a = a.add(FloatVector.fromArray(S, add[4], c)).sub(FloatVector.fromArray(S, sub[4], c));
    a.div(divisors[4]).intoArray(t, tile + 64);
    a = a.add(FloatVector.fromArray(S, add[5], c)).sub(FloatVector.fromArray(S, sub[5], c));
    a.div(divisors[5]).intoArray(t, tile + 80);
    a = a.add(FloatVector.fromArray(S, add[6], c)).sub(FloatVector.fromArray(S, sub[6], c));
    a.div(divisors[6]).intoArray(t, tile + 96);
    a = a.add(FloatVector.fromArray(S, add[7], c)).sub(FloatVector.fromArray(S, sub[7], c));
    a.div(divisors[7]).intoArray(t, tile + 112);
    a = a.add(FloatVector.fromArray(S, add[8], c)).sub(FloatVector.fromArray(S, sub[8], c));
    a.div(divisors[8]).intoArray(t, tile + 128);
    a = a.add(FloatVector.fromArray(S, add[9], c)).sub(FloatVector.fromArray(S, sub[9], c));
    a.div(divisors[9]).intoArray(t, tile + 144);
    a = a.add(FloatVector.fromArray(S, add[10], c)).sub(FloatVector.fromArray(S, sub[10], c));
    a.div(divisors[10]).intoArray(t, tile + 160);
    a = a.add(FloatVector.fromArray(S, add[11], c)).sub(FloatVector.fromArray(S, sub[11], c));
    a.div(divisors[11]).intoArray(t, tile + 176);
    a = a.add(FloatVector.fromArray(S, add[12], c)).sub(FloatVector.fromArray(S, sub[12], c));
    a.div(divisors[12]).intoArray(t, tile + 192);
    a = a.add(FloatVector.fromArray(S, add[13], c)).sub(FloatVector.fromArray(S, sub[13], c));
    a.div(divisors[13]).intoArray(t, tile + 208);
    a = a.add(FloatVector.fromArray(S, add[14], c)).sub(FloatVector.fromArray(S, sub[14], c));
    a.div(divisors[14]).intoArray(t, tile + 224);
    a = a.add(FloatVector.fromArray(S, add[15], c)).sub(FloatVector.fromArray(S, sub[15], c));
    a.div(divisors[15]).intoArray(t, tile + 240);
    a.intoArray(acc, c);
  }

  /** Sixteen full-window chain steps, nothing kept. */
  private static void advance16(float[] t, int e, int l, int state) {
    FloatVector s = FloatVector.fromArray(S, t, state);
    s = s.add(FloatVector.fromArray(S, t, e + 0)).sub(FloatVector.fromArray(S, t, l + 0));
    s = s.add(FloatVector.fromArray(S, t, e + 16)).sub(FloatVector.fromArray(S, t, l + 16));
    s = s.add(FloatVector.fromArray(S, t, e + 32)).sub(FloatVector.fromArray(S, t, l + 32));
    s = s.add(FloatVector.fromArray(S, t, e + 48)).sub(FloatVector.fromArray(S, t, l + 48));
    s = s.add(FloatVector.fromArray(S, t, e + 64)).sub(FloatVector.fromArray(S, t, l + 64));
    s = s.add(FloatVector.fromArray(S, t, e + 80)).sub(FloatVector.fromArray(S, t, l + 80));
    s = s.add(FloatVector.fromArray(S, t, e + 96)).sub(FloatVector.fromArray(S, t, l + 96));
    s = s.add(FloatVector.fromArray(S, t, e + 112)).sub(FloatVector.fromArray(S, t, l + 112));
    s = s.add(FloatVector.fromArray(S, t, e + 128)).sub(FloatVector.fromArray(S, t, l + 128));
    s = s.add(FloatVector.fromArray(S, t, e + 144)).sub(FloatVector.fromArray(S, t, l + 144));
    s = s.add(FloatVector.fromArray(S, t, e + 160)).sub(FloatVector.fromArray(S, t, l + 160));
    s = s.add(FloatVector.fromArray(S, t, e + 176)).sub(FloatVector.fromArray(S, t, l + 176));
    s = s.add(FloatVector.fromArray(S, t, e + 192)).sub(FloatVector.fromArray(S, t, l + 192));
    s = s.add(FloatVector.fromArray(S, t, e + 208)).sub(FloatVector.fromArray(S, t, l + 208));
    s = s.add(FloatVector.fromArray(S, t, e + 224)).sub(FloatVector.fromArray(S, t, l + 224));
    s = s.add(FloatVector.fromArray(S, t, e + 240)).sub(FloatVector.fromArray(S, t, l + 240));
    s.intoArray(t, state);
  }

  /** {@code count} (below 16) full-window chain steps, nothing kept. */
  private static void advance(float[] t, int e, int l, int state, int count) {
    FloatVector s = FloatVector.fromArray(S, t, state);
    for (int i = 0; i < count; i++, e += L, l += L) {
      s = s.add(FloatVector.fromArray(S, t, e)).sub(FloatVector.fromArray(S, t, l));
    }
    s.intoArray(t, state);
  }

  /** One step of the general recurrence at output {@code o} (window not full). */
  private static void step(float[] t, int mask, int o, int n, int half, int lead, int state) {
    FloatVector s = FloatVector.fromArray(S, t, state);
    if (o < n - half + 1) {
      s = s.add(FloatVector.fromArray(S, t, ((o + half - 1) & mask) * L));
    }
    if (o >= lead) {
      s = s.sub(FloatVector.fromArray(S, t, ((o - lead) & mask) * L));
    }
    s.intoArray(t, state);
  }

  /**
   * Outputs {@code o0 .. end - 1} (at most sixteen) where the window is not full or the row ends:
   * the general recurrence step by step, divided by the window count, through the tile.
   */
  private static void edge(
      float[] t, int mask, int phase, int o0, int end, int n, int window, int tile, int state,
      float[][] out) {
    int half = (window + 2) / 2;
    int lead = window - half + 1;
    int addEnd = n - half + 1;
    FloatVector s = FloatVector.fromArray(S, t, state);
    for (int o = o0; o < end; o++) {
      if (o < addEnd) {
        s = s.add(FloatVector.fromArray(S, t, ((o + half - 1 - phase) & mask) * L));
      }
      if (o >= lead) {
        s = s.sub(FloatVector.fromArray(S, t, ((o - lead - phase) & mask) * L));
      }
      float count = Math.min(o + half, n) - Math.max(0, o - lead + 1);
      s.div(count).intoArray(t, tile + (o - o0) * L);
    }
    s.intoArray(t, state);
    for (int o = o0; o < end; o++) {
      for (int k = 0; k < L; k++) {
        out[k][o] = t[tile + (o - o0) * L + k];
      }
    }
  }
}

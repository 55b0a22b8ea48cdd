package org.hashmatch.hashing.internal;

import java.util.EnumMap;
import java.util.Map;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.dct.DctKernel;

/**
 * PDQ at full resolution, bit-identical to {@link PdqReference} and an order of magnitude faster.
 *
 * <h2>Why it can be both</h2>
 *
 * Bit-exactness needs each surviving value to see the reference's float32 operations in the
 * reference's order; it does not need the reference's memory traffic or its dead work. The
 * reference blurs with four 1-D passes over two full-size buffers: H1 (along rows), V1 (along
 * columns), H2, V2, then keeps 64x64 samples. Its column passes stride down the image one column at
 * a time, touching a new cache line per element. Here:
 *
 * <ul>
 *   <li>Column passes run row by row: a running-sum row {@code acc} holds one column's recurrence
 *       per lane, and each step adds the row entering the window and subtracts the one leaving it,
 *       exactly the per-column sequence of the reference, but over contiguous memory and in SIMD
 *       lanes ({@link DctKernel}).
 *   <li>The passes are fused and streamed. H1 rows go into a ring just deep enough for V1's window
 *       ({@code wc + slack} rows), each V1 row feeds H2 at once, and H2 keeps only its 64 sampled
 *       columns (a ring of 64-float rows) on which V2 runs. The image is read once; everything else
 *       stays in cache.
 *   <li>Dead work is skipped: V2 is computed only for the 64 sampled columns and divided only at
 *       the 64 sampled rows; H2 divides only at the 64 sampled columns; rows below the last one V2
 *       needs are never blurred. Running sums themselves cannot be skipped: each output depends on
 *       every rounding before it in its row or column.
 *   <li>The horizontal recurrences are serial chains of float adds; rows are independent chains.
 *       With a kernel that has a row block ({@link DctKernel#boxRowBlock()}: the Vector API one,
 *       16 rows, where the CPU has AVX-512's two-source permutes), each row runs in one SIMD
 *       lane: tiles of the block are transposed in registers into a small column ring, the chains
 *       step along it, and H1's outputs are divided, transposed back and stored as ring rows. The
 *       block is one 16-lane chain with 16x16 transposes by default, or, selected by a property,
 *       two 8-lane chains with 8x8 transposes (see {@code DctKernelProvider}). V1 for a 16-row
 *       block away from the image's top and bottom edges is computed inside H2's transposes
 *       ({@link DctKernel#columnsThenRowsSampled}): its rows are never stored. Without a row block (the scalar kernel, or AVX2 only), four rows run as
 *       interleaved scalar chains, and H1's divisions are a vector pass over the row afterwards.
 *   <li>H2 stores and divides nothing but its 64 sampled sums.
 * </ul>
 *
 * Stage diagram for one image ({@code w} wide, {@code h} tall, windows {@code wr}, {@code wc}),
 * vector kernel:
 *
 * <pre>
 *   luma rows r..r+15 ──16x16 transposes──▶ column ring ──H1 (16 lanes), ÷count, transpose back
 *       ──▶ ring[r mod R] ... (w-float rows, R = wc + 16)
 *   ring rows q+half-1 (in), q-lead (out), q = o..o+15 ──V1 (16 columns at a time, down the rows)
 *       ──16x16 transposes──▶ column ring ──H2 (16 lanes)──▶ 64 sampled sums ÷count ──▶ narrow
 *   narrow rows ──V2 (64 lanes)──▶ at the 64 sampled rows ÷count ──▶ 64x64
 *   64x64 ──quality, DCT 16x64 (kernel), median, bits, dihedral──▶ result
 * </pre>
 *
 * With the 8-lane shape the tiles are 8x8 and each block is two 8-lane chains. Without row blocks
 * the pipeline streams the same way, four rows per step, V1 into a row buffer.
 *
 * <h2>Measurements behind the choices</h2>
 *
 * <p>16-lane row blocks (2026-12-07, the same 2-core EPYC VM, now on Zen 5 with full-width
 * AVX-512; memory bandwidth shared with neighbours and noisy). {@code bin/hashmatch bench pdq} at
 * 4032x3024, three runs: reference port 214-221 ms CPU, vector kernel with 16-lane blocks 8.3-8.4
 * ms (25.5-26.8x), with the 8-lane blocks 10.4-13.3 ms in the same runs, scalar kernel 21.5-23.2
 * ms. Zen 5 runs the reference port much faster than Zen 4 did (about 215 vs 330 ms), which is
 * most of why the ratio did not grow with the kernel. The reference's time depends on the width
 * far more than ours, because its column pass strides by one row: at 4000x3000 it took 192 ms
 * (ours 8.6 ms, 22x), at 4096x3072, whose 16 KB row stride maps every row to the same cache
 * sets, 512 ms (ours 8.8 ms, 59x), at 1536x1024 (1.6 MP) 62 ms (ours 1.1 ms, 55x). Steps, each
 * an interleaved A/B in one JVM: 16-lane blocks with one transpose method for every destination
 * 11.0 to 9.8 ms; separate flat and row-array transposes 16% less; H1 blocks aligned to V1's
 * batches (ring wc + 16 rows instead of wc + 32) 2-3% less; H1's multiplication by the exact
 * reciprocal of a power-of-two window, kept in the 8-lane chains, measured no different in the
 * 16-lane one (within the noise of three A/B runs), which therefore always divides. Where the 8.3 ms go (JFR): transposes
 * 36% (H1's in, including the plane's 48 MB from memory, V1's into H2's ring, H1's back to rows),
 * V1's column steps with their 12 million divisions 24%, H1's chains 10%, H2's chains 8%. With
 * the H1 chain's dependency cut (wrong results, as a bound) the pipeline ran 7-16% faster: the
 * chain's latency is not fully hidden.
 *
 * <p>Tried and rejected this round, each bit-exact: two 16-row blocks per H1 call with their two
 * chains interleaved, to hide that latency (30% slower, also once the interleaved chain method,
 * at first too large for C1, was split in two; probably the 32 rows streamed from memory at
 * once); touching the plane ahead with scalar loads as a software prefetch (30% slower; such
 * loads miss and hold up retirement, unlike prefetch instructions, which Java lacks); the ring
 * and the scratch in humongous, hence 64-byte aligned, arrays (10-25% slower, with or without
 * padded row strides; cause not found); a staging tile for H1's outputs.
 *
 * <p>Measured later the same day, none kept (each bit-exact where it computes): H1's tiles
 * software-pipelined (the chain's outputs wait in a second tile and are transposed back after
 * the next chain is issued, so the transposes need not wait on the chain): no change in an
 * interleaved A/B. H1's chain, transposes and stores fused into one method: C1 gives up on it
 * ("out of virtual registers") and it stays at tier 2, 20 times slower. V1 over one flat ring
 * array instead of row arrays: 4% faster for V1 alone, about 1% of the whole. The Vector API's
 * bounds checks switched off ({@code -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0}, which
 * is unsafe, so only as a bound): about 5%. Transparent huge pages for the heap: no change for
 * either path. Hot-cache parts (one 16-row block, 4032 wide): the plane transpose ~20 ns per
 * 16x16 tile, the H1 chain ~23 ns per tile (latency: 32 dependent adds), the transpose back
 * ~20 ns; the three together 55 ns, against 8.3 ms / 47,600 tiles = 175 ns per tile for the
 * whole pipeline (H1 plus V1 and H2).
 *
 * <p>Measured later still (Zen 4 VM, 16-lane blocks, interleaved A/Bs at 4032x3024), none kept:
 * H1's plane transpose with the 4x4-block level done by loads (four masked 512-bit loads per
 * vector, each taking four floats of another row, then blends, leaving 32 instead of 64 permutes
 * per tile): twice as slow in isolation (58 against 29 ns per tile), because each offset masked
 * load straddles two cache lines; 128-bit loads widened with {@code reinterpretShape} were six
 * times as slow (not intrinsified). H1 of block {@code r} in lockstep with V1 and H2 of the block
 * whose entering rows it writes, tile by tile, so that V1 reads those rows from L1 and the H1 and
 * H2 chains overlap: bit-exact but twice as slow at one tile per step, 1.33 times at four, 1.1
 * times at sixteen, with or without a lag between writer and reader; about 65 concurrent row
 * streams. The same calls one after the other in 16-column steps cost nothing extra, so it is not
 * the calls. Fewer row streams for V1 (all sixteen subtracted rows, then also all added rows, from
 * one array; wrong results, as a bound): no measurable change in the pipeline, although a
 * tile-major ring measured 35 against 51 ns per V1 tile in isolation; so a tile-major ring is not
 * worth its rewrite of every path.
 *
 * <p>Measured on a later Zen 5 host (reference port 127 ms, this pipeline 6.3-6.8 ms at 4032x3024,
 * 132 ns per 16x16 tile; about 4.3 GHz), with throwaway probes that call the kernel's methods. The
 * floors: reading the 48 MB plane once, 16 rows at a time as H1 does, takes 1.2-1.4 ms, so memory
 * is not the limit. The two-source permute the transposes use ({@code selectFrom}) issues about
 * 1.6 times per cycle, so the 192 permutes per tile account for about 28 ns. A float add's
 * latency is 2 cycles, so each chain's 32 dependent steps per tile take at least 15 ns. Per tile,
 * hot in cache: the plane transpose 14 ns, H1's chain 18, its transpose back 16, together 44; V1's
 * column steps 27 (no faster with multiplications instead of its divisions), V1's transpose into
 * H2's ring 14, H2's chain 17, together 51. H1 on the plane from memory takes 64 ns, V1 and H2 on
 * ring rows 67, and the two together 130. So the parts add up: the out-of-order core overlaps
 * almost nothing across them. Even two independent chains (H1's and H2's) called one after the
 * other took 20-31 ns together, in different runs, where each alone takes 17. JFR samples in the kernel agree: V1's column steps 25%, H1's plane
 * transposes 17%, H1's transposes back 13%, H1's chains 11%, V1's transposes into H2's ring 10%,
 * H2's chains and edge steps 13%. Overlap needs the independent work interleaved within one
 * method, and methods that size are where the JIT fails (below; a V1 step over two column chunks
 * at once sometimes stayed uncompiled and ran 40 times slower).
 *
 * <p>Neither change below was kept. V1's divisions replaced by multiplications (wrong results, as a
 * bound): no change in three alternating runs each, so they hide completely and an FMA-corrected
 * reciprocal would gain nothing. V1's column steps fused with the transpose into H2's ring (16
 * stores and loads fewer per tile): C1 gives up on the method ("out of virtual registers"), so it
 * runs about 30 times slower. With {@code -XX:-TieredCompilation} (C2 only) it took 5.9-6.4 ms
 * against 7.0-7.1 ms for the unfused code in that mode, two runs each: no faster than the tiered
 * default, and C2 alone would slow every JVM's warm-up. Larger inlining limits, so that C2
 * inlines the transposes into their callers ({@code -XX:FreqInlineSize=3000
 * -XX:InlineSmallCode=30000 -XX:MaxInlineLevel=20}): no change in two alternating runs each.
 *
 * <p>8-lane row blocks (2026-11-29). {@code bin/hashmatch bench pdq} (thread CPU time, median of 7
 * interleaved rounds, same run as the reference port) on a 2-core AMD EPYC VM with AVX-512 (Zen 4;
 * the row blocks use 256-bit vectors) shared with other builds, four runs: reference port 328-351
 * ms, vector kernel 12.2-12.7 ms, i.e. 26-29x (wall clock 29-34x); before the row blocks the
 * vector kernel took 18.7-19.0 ms against a 313 ms reference on the same VM (16.5-16.8x). The
 * scalar kernel is unchanged (24-26 ms). Where the 12 ms go (JFR samples at 12 MP): H1's
 * transposes in, including reading the 49 MB plane, 30%; V1 with H2's transposes 26% (V1's 12
 * million divisions alone are about 1.3 ms); H1's chains and transposes back 22%; H2's chains 7%.
 * The per-pixel cost grows by about 8% from a 6 MP to a 12 MP plane of the same width (the ring of
 * H1 rows, {@code wc + 32} rows of {@code w} floats, outgrows L2).
 *
 * <p>Kept, each measured faster: 64-column segments per call instead of one tile per call (about a
 * third); V1 fused into H2's transposes instead of stored and re-read; integer shuffle indexes
 * (with float indexes C2 re-did a checked float-to-int conversion before every permute, about ten
 * instructions each, seen in the disassembly; 15.5 to 12.3 ms); H1's division by a power-of-two
 * window as a multiplication by its exact reciprocal (x / 2^k and x * 2^-k round identically;
 * width 4032 gives window 32); the strip's row arrays hoisted out of the column loops; the ring
 * depth from the real read span ({@code wc + batch + group}).
 *
 * <p>Tried and rejected, each bit-exact: 16-lane (512-bit) 16x16 transposes on Zen 4 (a 512-bit
 * permute costs about 2.7 times a 256-bit one there: 0.13 vs 0.073 ns per element per transpose;
 * on Zen 5 they won, see above);
 * stepping both strips' chains in one loop (more live vectors than registers; in its largest form
 * C1 gives up with "out of virtual registers" and the method never reaches C2, running about 30
 * times slower, so the kernel's methods stay below that size); H1's chains into a segment buffer
 * with a separate transpose pass (about 10% slower); copying rows into an L1 staging block before
 * transposing (about 30% slower, for H1 and for V1); strips as the outer loop of H1's transposes
 * (15% slower); the row blocks on AVX2 alone (-XX:UseAVX=2: each two-source shuffle expands into
 * several instructions; 0-7% slower than the scalar chains, which AVX2 machines therefore keep);
 * a mirrored ring tail so that eight positions need one bounds check, 8-row H1 groups for a
 * shorter ring, and an unrolled H2 advance (no measurable change). Earlier, with
 * scalar chains (Zen 3 AVX2 VM, reference 400-500 ms, pipeline 20-23 ms): eight interleaved chains
 * instead of four (11 vs 9 ms for H1); vector gathers across rows for H2 (13 vs 6.5 ms); one
 * 8-lane vector chain for H2 (as latency-bound as four scalar chains); a scalar transpose of the
 * whole plane (9.6 ms for 12 MP). Not attempted: replacing V1's divisions by a reciprocal multiply
 * with an FMA correction, which is not provably correctly rounded for every input.
 *
 * <p>Thread-safe if each thread passes its own {@link PdqScratch}.
 */
public final class PdqPipeline {

  private static final int MIN_HASHABLE_DIM = 5;
  /** Rows processed together in the horizontal recurrences (see class comment). */
  private static final int BATCH = 4;
  /** Beyond this width, batches would cost too much scratch; rows go one by one. */
  private static final int MAX_BATCHED_WIDTH = 1 << 20;

  private final DctKernel kernel;

  /** A pipeline on the given kernel. */
  public PdqPipeline(DctKernel kernel) {
    this.kernel = kernel;
  }

  /** The kernel this pipeline runs on. */
  public DctKernel kernel() {
    return kernel;
  }

  /**
   * Hashes a row-major luminance plane. The caller has checked that {@code luma.length == width *
   * height} and both are positive; {@code luma} is only read.
   *
   * @throws IllegalArgumentException if {@code luma} holds NaN or an infinity
   */
  public PdqResult hash(
      float[] luma, int width, int height, boolean withDihedral, PdqScratch s) {
    if (width < MIN_HASHABLE_DIM || height < MIN_HASHABLE_DIM) {
      return zero(withDihedral);
    }
    if (width == 64 && height == 64) {
      // The C++ library uses a 64x64 input as the decimated image directly, without blurring.
      checkFinite(luma, 0, 64 * 64, -1);
      System.arraycopy(luma, 0, s.buf64, 0, 64 * 64);
    } else {
      blurAndDecimate(luma, width, height, s);
    }
    int quality = PdqQuality.of(s.buf64);
    kernel.dct64To16(s.buf64, s.t16x64, s.b16x16);
    Hash256 hash = PdqBits.toHash(s.b16x16);
    Map<Dihedral, Hash256> dihedral =
        withDihedral ? PdqBits.allVariants(s.b16x16, s.aux16x16) : Map.of();
    return new PdqResult(hash, quality, dihedral);
  }

  /**
   * The blurred and decimated 64x64 image of a plane at least 5x5, copied out of the scratch; for
   * bit-level tests against {@link PdqReference#decimated}.
   */
  float[] decimated(float[] luma, int width, int height, PdqScratch s) {
    if (width == 64 && height == 64) {
      return luma.clone();
    }
    blurAndDecimate(luma, width, height, s);
    return s.buf64.clone();
  }

  private static PdqResult zero(boolean withDihedral) {
    Map<Dihedral, Hash256> m = new EnumMap<>(Dihedral.class);
    if (withDihedral) {
      for (Dihedral d : Dihedral.values()) {
        m.put(d, Hash256.ZERO);
      }
    }
    return new PdqResult(Hash256.ZERO, 0, m);
  }

  private void blurAndDecimate(float[] luma, int w, int h, PdqScratch s) {
    final int wr = BoxFilter.windowSize(w);
    final int wc = BoxFilter.windowSize(h);
    final int halfC = BoxFilter.half(wc);
    final int leadC = BoxFilter.lead(wc);
    // Rows per step of the horizontal passes: the kernel's row block when it has one, else four
    // interleaved scalar chains; one row at a time for absurd widths (scratch grows with batch).
    final int block = w <= MAX_BATCHED_WIDTH ? kernel.boxRowBlock() : 0;
    final int batch = w > MAX_BATCHED_WIDTH ? 1 : Math.max(block, BATCH);

    PdqSampling.centres(h, s.rowSamples);
    PdqSampling.centres(w, s.colSamples);
    for (int j = 0; j < 64; j++) {
      s.colDivisors[j] = BoxFilter.count(s.colSamples[j], w, wr);
    }
    final int lastRow = s.rowSamples[63];
    // Rows of V1/H2 (= rows of the narrow buffer) that V2 reads, and rows of H1 that V1 reads.
    final int narrowRows = Math.min(h, lastRow + halfC);
    final int h1Rows = Math.min(h, narrowRows - 1 + halfC);

    // Ring depth: a batch of V1 rows reads H1 rows o - leadC .. o + batch + halfC - 2, and a row
    // may only overwrite one that no later V1 row reads. With row blocks, H1's blocks start at the
    // rows = blockPhase (mod block), so that each ends exactly where a batch of V1 needs it and H1
    // never runs ahead: wc + block rows suffice (40 instead of 56 at 12 MP, a ring of 0.65 MB
    // instead of 0.9 MB; 2-3% faster in an interleaved A/B). The rows above the first block go
    // through the scalar chains. Without row blocks H1 may run up to BATCH rows ahead: wc + batch
    // + BATCH.
    final int ringRows = block > 0 ? wc + block : wc + batch + BATCH;
    final int blockPhase = block > 0 ? (halfC + block - 1) % block : 0;
    // Narrow rows: a window's worth of rows plus slack for rows computed a batch ahead.
    final int narrowRing = wc + 2 * batch + 4;
    s.ensure(ringRows, w, batch * w, batch * 64, narrowRing * 64,
        block > 0 ? kernel.boxRowScratchFloats(wr) : 0, batch);
    final float[][] ring = s.ring;
    final float[] acc = s.acc;
    final float[] v1 = s.v1;
    final float[] h2 = s.h2;
    final float[] narrow = s.narrow;
    final float[] acc64 = s.acc64;
    java.util.Arrays.fill(acc, 0, w, 0.0f);
    java.util.Arrays.fill(acc64, 0.0f);

    int nextH1 = 0; // next H1 row to compute
    int nextQ = 0; // next V2 output row
    int nextSample = 0; // next of the 64 sampled rows to emit

    // V1 phase 1: rows 0 .. halfC-2 enter the column sums before the first output.
    nextH1 = computeH1(
        luma, w, wr, ring, ringRows, nextH1, Math.min(h1Rows, halfC - 1), block, blockPhase, s);
    for (int r = 0; r < halfC - 1; r++) {
      kernel.add(acc, ring[r % ringRows], 0, w);
    }

    for (int o = 0; o < narrowRows; o += batch) {
      int rows = Math.min(batch, narrowRows - o);
      int need = Math.min(h1Rows, o + rows - 1 + halfC); // exclusive bound of H1 rows used
      nextH1 = computeH1(luma, w, wr, ring, ringRows, nextH1, need, block, blockPhase, s);

      if (block > 0 && rows == block && o - leadC >= 0 && o + rows + halfC - 2 < h) {
        // V1 and H2 in one kernel call: V1's rows go into H2's lanes without being stored.
        for (int k = 0; k < rows; k++) {
          int q = o + k;
          s.addRows[k] = ring[(q + halfC - 1) % ringRows];
          s.subRows[k] = ring[(q - leadC) % ringRows];
          s.rowDivisors[k] = BoxFilter.count(q, h, wc);
        }
        kernel.columnsThenRowsSampled(acc, s.addRows, s.subRows, s.rowDivisors, w, wr,
            s.colSamples, h2, 0, s.boxScratch);
      } else {
        verticalThenSampled(o, rows, w, h, wr, wc, block, ring, ringRows, s);
      }
      for (int k = 0; k < rows; k++) {
        int slot = ((o + k) % narrowRing) * 64;
        int base = k * 64;
        for (int j = 0; j < 64; j++) {
          narrow[slot + j] = h2[base + j] / s.colDivisors[j];
        }
        if (o + k < halfC - 1) {
          // V2 phase 1: rows 0 .. halfC-2 enter the sums, in order, before any V2 output.
          kernel.add(acc64, narrow, slot, 64);
        }
      }

      // V2 on the narrow rows, as far as the rows available so far allow.
      int available = o + rows;
      while (nextQ <= lastRow && Math.min(nextQ + halfC - 1, h - 1) < available) {
        int q = nextQ++;
        int in = q + halfC - 1;
        int out = q - leadC;
        if (in < h && out >= 0) {
          kernel.addSub(acc64, narrow, (in % narrowRing) * 64, narrow, (out % narrowRing) * 64, 64);
        } else if (in < h) {
          kernel.add(acc64, narrow, (in % narrowRing) * 64, 64);
        } else {
          kernel.sub(acc64, narrow, (out % narrowRing) * 64, 64);
        }
        while (nextSample < 64 && s.rowSamples[nextSample] == q) {
          kernel.divide(acc64, 0, BoxFilter.count(q, h, wc), s.buf64, nextSample * 64, 64);
          nextSample++;
        }
      }
    }
    // Rows below the last one the blur reaches do not affect the hash, but the input contract
    // (finite values) holds for the whole plane, as it does for the reference path.
    for (int r = nextH1; r < h; r++) {
      checkFinite(luma, r * w, w, r);
    }
    if (nextSample != 64) {
      throw new IllegalStateException(
          "PDQ pipeline emitted " + nextSample + " of 64 rows for a " + w + "x" + h + " image");
    }
  }

  /**
   * V1 for rows {@code o .. o+rows-1} into {@code s.v1}, then H2's sampled sums of those rows into
   * {@code s.h2}: the general path (edges of the image, row blocks the kernel does not fuse).
   */
  private void verticalThenSampled(
      int o, int rows, int w, int h, int wr, int wc, int block, float[][] ring, int ringRows,
      PdqScratch s) {
    final int halfC = BoxFilter.half(wc);
    final int leadC = BoxFilter.lead(wc);
    final float[] acc = s.acc;
    final float[] v1 = s.v1;
    final float[] h2 = s.h2;
    // V1 for rows o .. o+rows-1.
    for (int k = 0; k < rows; k++) {
      int q = o + k;
      int in = q + halfC - 1;
      int out = q - leadC;
      float divisor = BoxFilter.count(q, h, wc);
      if (in < h && out >= 0) {
        kernel.addSubDivide(
            acc, ring[in % ringRows], 0, ring[out % ringRows], 0, divisor, v1, k * w, w);
      } else if (in < h) {
        kernel.addDivide(acc, ring[in % ringRows], 0, divisor, v1, k * w, w);
      } else {
        kernel.subDivide(acc, ring[out % ringRows], 0, divisor, v1, k * w, w);
      }
    }

    // H2 running sums; only the 64 sampled columns are kept and divided.
    int k0 = 0;
    if (block > 0 && rows == block) {
      kernel.boxRowsSampled(v1, 0, w, wr, s.colSamples, h2, 0, s.boxScratch);
      k0 = rows;
    }
    for (; k0 + BATCH <= rows; k0 += BATCH) {
      BoxFilter.sampledSums4(
          v1, k0 * w, (k0 + 1) * w, (k0 + 2) * w, (k0 + 3) * w, w, wr, s.colSamples, h2, k0 * 64);
    }
    for (; k0 < rows; k0++) {
      BoxFilter.sampledSums(v1, k0 * w, w, wr, s.colSamples, h2, k0 * 64);
    }
  }

  /**
   * Computes H1 rows {@code from} up to {@code until - 1} into the ring, divided by their window
   * counts. With {@code block > 0}: blocks of {@code block} rows on the kernel where a block starts
   * at a row = {@code blockPhase} (mod {@code block}) and ends by {@code until}, four or one rows
   * of scalar chains elsewhere, never past {@code until}. Without: four rows at a time while four
   * remain in the image (possibly past {@code until}), then one.
   *
   * @return the next row to compute
   */
  private int computeH1(
      float[] luma, int w, int wr, float[][] ring, int ringRows, int from, int until, int block,
      int blockPhase, PdqScratch s) {
    int r = from;
    int h = luma.length / w;
    while (r < until) {
      if (block > 0 && r + block <= until && r >= blockPhase && (r - blockPhase) % block == 0) {
        float[][] rows = s.blockRows;
        for (int k = 0; k < block; k++) {
          rows[k] = ring[(r + k) % ringRows];
        }
        if (!kernel.boxRows(luma, r * w, w, wr, rows, s.boxScratch)) {
          for (int k = 0; k < block; k++) {
            checkFinite(luma, (r + k) * w, w, r + k);
          }
        }
        r += block;
      } else if ((block > 0 ? r + BATCH <= (r < blockPhase ? blockPhase : until) : h - r >= BATCH)
          && w <= MAX_BATCHED_WIDTH) {
        float[] o0 = ring[r % ringRows];
        float[] o1 = ring[(r + 1) % ringRows];
        float[] o2 = ring[(r + 2) % ringRows];
        float[] o3 = ring[(r + 3) % ringRows];
        boolean finite = BoxFilter.runningSums4(
            luma, r * w, (r + 1) * w, (r + 2) * w, (r + 3) * w, o0, o1, o2, o3, w, wr);
        if (!finite) {
          for (int k = 0; k < 4; k++) {
            checkFinite(luma, (r + k) * w, w, r + k);
          }
        }
        divideByCounts(o0, w, wr);
        divideByCounts(o1, w, wr);
        divideByCounts(o2, w, wr);
        divideByCounts(o3, w, wr);
        r += BATCH;
      } else {
        float[] o = ring[r % ringRows];
        float last = BoxFilter.runningSums(luma, r * w, o, 0, w, wr);
        if (!Float.isFinite(last)) {
          checkFinite(luma, r * w, w, r);
        }
        divideByCounts(o, w, wr);
        r++;
      }
    }
    return r;
  }

  /** Turns one row of running sums into the reference's {@code sum / count} outputs, in place. */
  private void divideByCounts(float[] buf, int n, int window) {
    int lead = BoxFilter.lead(window);
    int fullEnd = n - BoxFilter.half(window) + 1;
    for (int c = 0; c < lead; c++) {
      buf[c] = buf[c] / BoxFilter.count(c, n, window);
    }
    kernel.divide(buf, lead, window, buf, lead, fullEnd - lead);
    for (int c = fullEnd; c < n; c++) {
      buf[c] = buf[c] / BoxFilter.count(c, n, window);
    }
  }

  private static void checkFinite(float[] luma, int off, int n, int row) {
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(luma[off + i])) {
        throw new IllegalArgumentException(
            "luma must be finite, got " + luma[off + i] + " at index " + (off + i)
                + (row >= 0 ? " (row " + row + ")" : ""));
      }
    }
  }
}

package org.hashmatch.index.search;

import java.util.Arrays;

/**
 * How a multi-index hash table cuts a hash of {@code totalBits} bits into consecutive chunks.
 *
 * <p>Chunk {@code i} covers the bits {@code [start(i), start(i) + width(i))}, counted from the most
 * significant bit of the first word (for a PDQ hash: from the first hex digit). Widths are 1..28
 * bits and sum to {@code totalBits}. The order matters for the per-chunk search budget (see {@link
 * #budget}): the first chunks receive the larger budget, so plans list narrower chunks first.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChunkPlan {

  /** Widest chunk supported (chunk values and packed entries are 32-bit ints). */
  public static final int MAX_CHUNK_BITS = 28;

  private final int totalBits;
  private final int[] widths;
  private final int[] starts;

  private ChunkPlan(int totalBits, int[] widths) {
    this.totalBits = totalBits;
    this.widths = widths;
    this.starts = new int[widths.length];
    int s = 0;
    for (int i = 0; i < widths.length; i++) {
      starts[i] = s;
      s += widths[i];
    }
  }

  /**
   * A plan with explicit widths, in order.
   *
   * @throws IllegalArgumentException if a width is outside 1..{@value #MAX_CHUNK_BITS} or the
   *     widths do not sum to {@code totalBits}
   */
  public static ChunkPlan of(int totalBits, int... widths) {
    if (totalBits != 64 && totalBits != 256) {
      throw new IllegalArgumentException("totalBits must be 64 or 256, got " + totalBits);
    }
    if (widths.length == 0) {
      throw new IllegalArgumentException("a plan needs at least one chunk");
    }
    int sum = 0;
    for (int w : widths) {
      if (w < 1 || w > MAX_CHUNK_BITS) {
        throw new IllegalArgumentException(
            "chunk width must be in [1, " + MAX_CHUNK_BITS + "], got " + w);
      }
      sum += w;
    }
    if (sum != totalBits) {
      throw new IllegalArgumentException(
          "chunk widths must sum to " + totalBits + ", got " + sum + " " + Arrays.toString(widths));
    }
    return new ChunkPlan(totalBits, widths.clone());
  }

  /**
   * {@code chunks} chunks as equal as possible, narrower ones first (e.g. 256 bits in 11 chunks: 8
   * of 23 bits, then 3 of 24).
   *
   * @throws IllegalArgumentException if the chunks would be wider than {@value #MAX_CHUNK_BITS} or
   *     there are more chunks than bits
   */
  public static ChunkPlan even(int totalBits, int chunks) {
    if (chunks < 1 || chunks > totalBits) {
      throw new IllegalArgumentException("chunks must be in [1, " + totalBits + "], got " + chunks);
    }
    int[] w = new int[chunks];
    int base = totalBits / chunks;
    int wide = totalBits % chunks;
    for (int i = 0; i < chunks; i++) {
      w[i] = i < chunks - wide ? base : base + 1;
    }
    return of(totalBits, w);
  }

  /**
   * The default plan for a table of {@code count} hashes of {@code totalBits} bits. PDQ: 16 chunks
   * of 16 bits below 2^15 hashes, 13 chunks of 19/20 bits below 2^18, 11 chunks of 23/24 bits from
   * there on (chosen by measurement, see {@link PdqSearchTable}). 64-bit hashes: chunks of about
   * {@code log2(count)} bits (Norouzi et al.), 3 to 8 of them.
   */
  public static ChunkPlan forSize(int totalBits, int count) {
    if (totalBits == 256) {
      // Measured (PdqSearchTable design notes): a lookup in the batched search costs less than a
      // verified candidate, so chunks wider than log2(N) win from about 2^18 hashes on; 11 chunks
      // (23/24 bits) is the fewest with a directory of at most 2^21 slots per chunk at 10M.
      int m = count >= 1 << 18 ? 11 : count >= 1 << 15 ? 13 : 16;
      return even(256, m);
    }
    double log2 = Math.log(Math.max(count, 2)) / Math.log(2);
    int m = (int) Math.round(64 / Math.max(log2, 8.0));
    return even(totalBits, Math.clamp(m, 3, 8));
  }

  /** Bits per hash. */
  public int totalBits() {
    return totalBits;
  }

  /** Number of chunks. */
  public int chunks() {
    return widths.length;
  }

  /** Width of chunk {@code i} in bits. */
  public int width(int i) {
    return widths[i];
  }

  /** First bit of chunk {@code i}, counted from the most significant bit of word 0. */
  public int start(int i) {
    return starts[i];
  }

  /**
   * The largest chunk distance searched in chunk {@code i} for a query of radius {@code
   * radiusBits}, or -1 if the chunk need not be searched. Exhaustive by the generalized pigeonhole
   * principle: with {@code m} chunks and {@code r = a*m + b} ({@code 0 <= b < m}), a hash within
   * {@code r} of the query is within {@code a} in one of the first {@code b + 1} chunks or within
   * {@code a - 1} in one of the others; otherwise its distance would be at least {@code (b + 1)(a +
   * 1) + (m - b - 1) a = r + 1}.
   */
  public int budget(int i, int radiusBits) {
    int m = widths.length;
    int a = radiusBits / m;
    int b = radiusBits % m;
    return Math.min(i <= b ? a : a - 1, widths[i]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkPlan p && p.totalBits == totalBits && Arrays.equals(p.widths, widths);
  }

  @Override
  public int hashCode() {
    return 31 * totalBits + Arrays.hashCode(widths);
  }

  /** For example {@code 11x[23,23,23,23,23,23,23,23,24,24,24]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(widths.length).append("x[");
    for (int i = 0; i < widths.length; i++) {
      sb.append(i == 0 ? "" : ",").append(widths[i]);
    }
    return sb.append(']').toString();
  }
}

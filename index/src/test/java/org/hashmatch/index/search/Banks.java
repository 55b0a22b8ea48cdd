package org.hashmatch.index.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.util.FixedBitSet;
import org.hashmatch.hashing.Hash256;
import org.jspecify.annotations.Nullable;

/** Synthetic banks, queries and the linear-scan oracle for the search-table tests. */
final class Banks {

  private Banks() {}

  /** Kinds of synthetic bank. */
  enum Kind {
    /** Independent uniform 256-bit hashes. */
    UNIFORM,
    /** Uniform among hashes of weight exactly 128, like PDQ (median threshold). */
    WEIGHT128,
    /** Near-duplicate families: a few centres, each with many copies at 0..12 bit flips. */
    CLUSTERED,
    /** Few distinct hashes, many exact duplicates. */
    DUPLICATES
  }

  /** {@code count} hashes, 4 words each. */
  static long[] bank(Kind kind, int count, SplittableRandom rnd) {
    long[] w = new long[4 * count];
    switch (kind) {
      case UNIFORM -> {
        for (int i = 0; i < w.length; i++) {
          w[i] = rnd.nextLong();
        }
      }
      case WEIGHT128 -> {
        for (int d = 0; d < count; d++) {
          put(w, d, weight128(rnd));
        }
      }
      case CLUSTERED -> {
        int families = Math.max(1, count / 200);
        long[][] centres = new long[families][];
        for (int f = 0; f < families; f++) {
          centres[f] = weight128(rnd);
        }
        for (int d = 0; d < count; d++) {
          long[] h = centres[rnd.nextInt(families)].clone();
          flip(h, rnd.nextInt(13), rnd);
          put(w, d, h);
        }
      }
      case DUPLICATES -> {
        int distinct = Math.max(1, count / 50);
        long[][] pool = new long[distinct][];
        for (int i = 0; i < distinct; i++) {
          pool[i] = new long[] {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
        }
        for (int d = 0; d < count; d++) {
          put(w, d, pool[rnd.nextInt(distinct)]);
        }
      }
    }
    return w;
  }

  static long[] weight128(SplittableRandom rnd) {
    long[] h = new long[4];
    int[] bits = new int[256];
    for (int i = 0; i < 256; i++) {
      bits[i] = i;
    }
    for (int i = 0; i < 128; i++) {
      int j = i + rnd.nextInt(256 - i);
      int t = bits[i];
      bits[i] = bits[j];
      bits[j] = t;
      h[bits[i] >>> 6] |= 1L << (bits[i] & 63);
    }
    return h;
  }

  /** Flips {@code n} distinct random bits of the 4-word hash in place. */
  static void flip(long[] h, int n, SplittableRandom rnd) {
    long[] done = new long[4];
    int flipped = 0;
    while (flipped < n) {
      int k = rnd.nextInt(256);
      if ((done[k >>> 6] & (1L << (k & 63))) == 0) {
        done[k >>> 6] |= 1L << (k & 63);
        h[k >>> 6] ^= 1L << (k & 63);
        flipped++;
      }
    }
  }

  static void put(long[] w, int d, long[] h) {
    System.arraycopy(h, 0, w, 4 * d, 4);
  }

  static long[] get(long[] w, int d) {
    return new long[] {w[4 * d], w[4 * d + 1], w[4 * d + 2], w[4 * d + 3]};
  }

  /**
   * Queries: alternately a bank hash with 0..maxFlips flips, a random weight-128 hash and a uniform
   * random hash.
   */
  static List<long[]> queries(long[] bank, int count, int n, int maxFlips, SplittableRandom rnd) {
    List<long[]> qs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (count > 0 && i % 3 == 0) {
        long[] h = get(bank, rnd.nextInt(count));
        flip(h, rnd.nextInt(Math.min(256, maxFlips) + 1), rnd);
        qs.add(h);
      } else if (i % 3 == 1) {
        qs.add(weight128(rnd));
      } else {
        qs.add(new long[] {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()});
      }
    }
    return qs;
  }

  /** Hamming distance computed through {@link Hash256}, independently of the tables. */
  static int distance(long[] bank, int d, long[] q) {
    return new Hash256(bank[4 * d], bank[4 * d + 1], bank[4 * d + 2], bank[4 * d + 3])
        .distance(new Hash256(q[0], q[1], q[2], q[3]));
  }

  /** Oracle: distance per doc, or -1 where out of radius or deleted. */
  static int[] expected(long[] bank, int count, long[] q, int radius, @Nullable FixedBitSet live) {
    int[] out = new int[count];
    for (int d = 0; d < count; d++) {
      int dist = distance(bank, d, q);
      out[d] = dist <= radius && (live == null || live.get(d)) ? dist : -1;
    }
    return out;
  }

  /** Random live docs: about {@code deletedPercent}% deleted. */
  static FixedBitSet live(int count, int deletedPercent, SplittableRandom rnd) {
    FixedBitSet live = new FixedBitSet(Math.max(count, 1));
    for (int d = 0; d < count; d++) {
      if (rnd.nextInt(100) >= deletedPercent) {
        live.set(d);
      }
    }
    return live;
  }

  /**
   * A random plan for 256 bits with chunk widths in [minWidth, maxWidth] (last may be narrower).
   */
  static ChunkPlan randomPlan(SplittableRandom rnd, int minWidth, int maxWidth) {
    List<Integer> widths = new ArrayList<>();
    int left = 256;
    while (left > 0) {
      int w = Math.min(left, minWidth + rnd.nextInt(maxWidth - minWidth + 1));
      widths.add(w);
      left -= w;
    }
    return ChunkPlan.of(256, widths.stream().mapToInt(Integer::intValue).toArray());
  }
}

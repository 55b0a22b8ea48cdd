package org.hashmatch.index.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.lucene.util.FixedBitSet;
import org.jspecify.annotations.Nullable;

/** Every search of a {@link Hash64SearchTable} equals a linear scan (radii 0..64). */
class Hash64SearchTableProperties {

  @Property(tries = 80, seed = "577215664")
  void search_anyBankAndRadius_equalsLinearScan(
      @ForAll @IntRange(min = 0, max = 3000) int count,
      @ForAll @IntRange(min = 0, max = 64) int radius,
      @ForAll @IntRange(min = 3, max = 16) int chunks,
      @ForAll boolean clustered,
      @ForAll boolean withDeletions,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] bank = new long[count];
    long centre = rnd.nextLong();
    for (int d = 0; d < count; d++) {
      bank[d] = clustered ? flip(centre, rnd.nextInt(10), rnd) : rnd.nextLong();
    }
    ChunkPlan plan = rnd.nextBoolean() ? ChunkPlan.forSize(64, count) : ChunkPlan.even(64, chunks);
    boolean cheap = PdqSearchTableProperties.probes(plan, radius) <= 100_000;
    Hash64SearchTable table =
        Hash64SearchTable.build(
            bank.clone(),
            count,
            plan,
            cheap ? MultiIndex.Strategy.ALWAYS_INDEX : MultiIndex.Strategy.AUTO);
    FixedBitSet live = withDeletions ? Banks.live(count, 25, rnd) : null;
    for (int i = 0; i < 16; i++) {
      long q =
          count > 0 && i % 2 == 0
              ? flip(bank[rnd.nextInt(count)], rnd.nextInt(radius + 4), rnd)
              : rnd.nextLong();
      int[] want = new int[count];
      for (int d = 0; d < count; d++) {
        int dist = Long.bitCount(bank[d] ^ q);
        want[d] = dist <= radius && (live == null || live.get(d)) ? dist : -1;
      }
      assertThat(collect(table, q, radius, live, false))
          .as("index %s n=%d r=%d seed=%d", plan, count, radius, seed)
          .isEqualTo(want);
      assertThat(collect(table, q, radius, live, true)).as("scan").isEqualTo(want);
    }
  }

  private static long flip(long h, int n, SplittableRandom rnd) {
    long mask = 0;
    while (Long.bitCount(mask) < Math.min(n, 64)) {
      mask |= 1L << rnd.nextInt(64);
    }
    return h ^ mask;
  }

  private static int[] collect(
      Hash64SearchTable table, long q, int radius, @Nullable FixedBitSet live, boolean scan) {
    int[] got = new int[table.size()];
    Arrays.fill(got, -1);
    HitCollector c =
        (doc, dist) -> {
          assertThat(got[doc]).as("doc %d reported twice", doc).isEqualTo(-1);
          got[doc] = dist;
        };
    if (scan) {
      table.scan(q, radius, live, c, null);
    } else {
      table.search(q, radius, live, c, null);
    }
    return got;
  }
}

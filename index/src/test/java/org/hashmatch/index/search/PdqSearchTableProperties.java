package org.hashmatch.index.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.lucene.util.FixedBitSet;
import org.hashmatch.index.search.Banks.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Every search of a {@link PdqSearchTable} equals a linear scan: random, weight-128, clustered and
 * duplicate-heavy banks, radii 0..80 (and some up to 256), many chunk plans (including irregular
 * ones whose chunks straddle word boundaries), with and without deleted documents, single and
 * 8-probe (dihedral) queries. Plans are forced through the chunk index where enumeration stays
 * cheap, so the index path is exercised even on small banks.
 */
class PdqSearchTableProperties {

  /** Above this many lookups per query a forced-index test would be slow; use AUTO (scan). */
  private static final long MAX_FORCED_PROBES = 150_000;

  @Provide
  Arbitrary<String> plans() {
    return Arbitraries.of(
        "default", "11", "12", "13", "16", "22", "32", "random-3-14", "random-1-9");
  }

  static ChunkPlan plan(String name, int count, SplittableRandom rnd) {
    return switch (name) {
      case "default" -> ChunkPlan.forSize(256, count);
      case "random-3-14" -> Banks.randomPlan(rnd, 3, 14);
      case "random-1-9" -> Banks.randomPlan(rnd, 1, 9);
      default -> ChunkPlan.even(256, Integer.parseInt(name));
    };
  }

  static long probes(ChunkPlan plan, int radius) {
    long total = 0;
    for (int c = 0; c < plan.chunks(); c++) {
      long binom = 1;
      for (int k = 0; k <= plan.budget(c, radius); k++) {
        total += binom;
        binom = binom * (plan.width(c) - k) / (k + 1);
      }
    }
    return total;
  }

  static PdqSearchTable table(long[] bank, int count, ChunkPlan plan, int radius) {
    MultiIndex.Strategy s =
        probes(plan, radius) <= MAX_FORCED_PROBES
            ? MultiIndex.Strategy.ALWAYS_INDEX
            : MultiIndex.Strategy.AUTO;
    return PdqSearchTable.build(bank.clone(), count, plan, s);
  }

  @Property(tries = 120, seed = "3141592653")
  void search_anyBankAndRadius_equalsLinearScan(
      @ForAll Kind kind,
      @ForAll @IntRange(min = 0, max = 2500) int count,
      @ForAll("plans") String planName,
      @ForAll @IntRange(min = 0, max = 80) int radius,
      @ForAll boolean withDeletions,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] bank = Banks.bank(kind, count, rnd);
    ChunkPlan plan = plan(planName, count, rnd);
    PdqSearchTable table = table(bank, count, plan, radius);
    FixedBitSet live = withDeletions ? Banks.live(count, 20, rnd) : null;
    for (long[] q : Banks.queries(bank, count, 12, radius + 8, rnd)) {
      int[] want = Banks.expected(bank, count, q, radius, live);
      assertThat(collect(table, q, radius, live, false))
          .as("index, %s %s n=%d r=%d seed=%d", kind, plan, count, radius, seed)
          .isEqualTo(want);
      assertThat(collect(table, q, radius, live, true)).as("scan").isEqualTo(want);
    }
  }

  @Property(tries = 12, seed = "2718281828")
  void search_largeRadius_equalsLinearScan(
      @ForAll Kind kind, @ForAll @IntRange(min = 81, max = 300) int radius, @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int count = 1 + rnd.nextInt(1500);
    long[] bank = Banks.bank(kind, count, rnd);
    ChunkPlan plan = ChunkPlan.even(256, rnd.nextBoolean() ? 32 : 64);
    PdqSearchTable table = table(bank, count, plan, radius);
    for (long[] q : Banks.queries(bank, count, 4, radius, rnd)) {
      assertThat(collect(table, q, radius, null, false))
          .as("%s %s n=%d r=%d seed=%d", kind, plan, count, radius, seed)
          .isEqualTo(Banks.expected(bank, count, q, radius, null));
    }
  }

  @Property(tries = 60, seed = "1618033988")
  void searchMultiProbe_eightProbes_eachDocOnceWithMinDistance(
      @ForAll Kind kind,
      @ForAll @IntRange(min = 0, max = 2500) int count,
      @ForAll("plans") String planName,
      @ForAll @IntRange(min = 0, max = 80) int radius,
      @ForAll boolean withDeletions,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] bank = Banks.bank(kind, count, rnd);
    ChunkPlan plan = plan(planName, count, rnd);
    PdqSearchTable table = table(bank, count, plan, radius);
    FixedBitSet live = withDeletions ? Banks.live(count, 20, rnd) : null;
    for (int round = 0; round < 4; round++) {
      List<long[]> qs = Banks.queries(bank, count, 8, radius + 8, rnd);
      if (round == 1) {
        qs.set(5, qs.get(2).clone()); // identical probes: the earlier one must win ties
      }
      long[] probes = new long[32];
      for (int p = 0; p < 8; p++) {
        System.arraycopy(qs.get(p), 0, probes, 4 * p, 4);
      }
      int[] wantDist = new int[count];
      int[] wantProbe = new int[count];
      Arrays.fill(wantDist, -1);
      Arrays.fill(wantProbe, -1);
      for (int d = 0; d < count; d++) {
        for (int p = 0; p < 8; p++) {
          int dist = Banks.distance(bank, d, qs.get(p));
          if (dist <= radius
              && (live == null || live.get(d))
              && (wantDist[d] < 0 || dist < wantDist[d])) {
            wantDist[d] = dist;
            wantProbe[d] = p;
          }
        }
      }
      int[] gotDist = new int[count];
      int[] gotProbe = new int[count];
      Arrays.fill(gotDist, -1);
      Arrays.fill(gotProbe, -1);
      table.search(
          probes,
          8,
          radius,
          live,
          (doc, dist, probe) -> {
            assertThat(gotDist[doc]).as("doc %d reported twice", doc).isEqualTo(-1);
            gotDist[doc] = dist;
            gotProbe[doc] = probe;
          },
          null);
      String what = String.format("%s %s n=%d r=%d seed=%d", kind, plan, count, radius, seed);
      assertThat(gotDist).as(what).isEqualTo(wantDist);
      assertThat(gotProbe).as(what).isEqualTo(wantProbe);
    }
  }

  /** Distance per doc as reported (-1 = not reported); fails on a doc reported twice. */
  static int[] collect(
      PdqSearchTable table, long[] q, int radius, @Nullable FixedBitSet live, boolean scan) {
    int[] got = new int[table.size()];
    Arrays.fill(got, -1);
    HitCollector c =
        (doc, dist) -> {
          assertThat(got[doc]).as("doc %d reported twice", doc).isEqualTo(-1);
          got[doc] = dist;
        };
    if (scan) {
      table.scan(q[0], q[1], q[2], q[3], radius, live, c, null);
    } else {
      table.search(q[0], q[1], q[2], q[3], radius, live, c, null);
    }
    return got;
  }
}

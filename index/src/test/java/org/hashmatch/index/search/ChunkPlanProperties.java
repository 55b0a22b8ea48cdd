package org.hashmatch.index.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The per-chunk budgets are exhaustive (pigeonhole) and no looser than needed. */
class ChunkPlanProperties {

  @Property(tries = 300, seed = "1414213562")
  void budget_anySplitOfDistance_someChunkWithinBudget(
      @ForAll @IntRange(min = 10, max = 64) int chunks,
      @ForAll @IntRange(min = 0, max = 256) int radius,
      @ForAll long seed) {
    ChunkPlan plan = ChunkPlan.even(256, chunks);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int trial = 0; trial < 50; trial++) {
      // Spread a total distance <= radius over the chunks, respecting their widths, adversarially
      // filling chunks to just above their budgets first.
      int[] dist = new int[chunks];
      int left = radius - rnd.nextInt(Math.min(radius, 3) + 1);
      for (int c = 0; c < chunks && left > 0; c++) {
        int add = Math.min(Math.min(left, plan.width(c)), plan.budget(c, radius) + 1);
        dist[c] = add;
        left -= add;
      }
      while (left > 0) {
        int c = rnd.nextInt(chunks);
        if (dist[c] < plan.width(c)) {
          dist[c]++;
          left--;
        }
      }
      boolean found = false;
      for (int c = 0; c < chunks; c++) {
        found |= dist[c] <= plan.budget(c, radius);
      }
      assertThat(found)
          .as("distances %s radius %d", java.util.Arrays.toString(dist), radius)
          .isTrue();
    }
  }

  @Property(tries = 200, seed = "1732050807")
  void budget_uncapped_totalJustAboveRadius(
      @ForAll @IntRange(min = 10, max = 32) int chunks,
      @ForAll @IntRange(min = 0, max = 200) int radius) {
    ChunkPlan plan = ChunkPlan.even(256, chunks);
    // Every chunk one bit above its budget is exactly radius + 1 bits: budgets are exhaustive
    // (a hash within the radius is within budget somewhere) and no budget is larger than needed.
    int total = 0;
    boolean capped = false;
    for (int c = 0; c < chunks; c++) {
      capped |= plan.budget(c, radius) >= plan.width(c);
      total += plan.budget(c, radius) + 1;
    }
    if (!capped) {
      assertThat(total).isEqualTo(radius + 1);
    }
  }
}

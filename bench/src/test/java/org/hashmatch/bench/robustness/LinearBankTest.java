package org.hashmatch.bench.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.hashmatch.hashing.Hash256;
import org.junit.jupiter.api.Test;

/** The bench's tiered quality gate: a pair with a low-quality side matches only close by. */
class LinearBankTest {

  private static Hash256 flip(Hash256 h, int bits) {
    long[] w = {h.w0(), h.w1(), h.w2(), h.w3()};
    for (int i = 0; i < bits; i++) {
      w[i / 64] ^= 1L << (i % 64);
    }
    return new Hash256(w[0], w[1], w[2], w[3]);
  }

  @Test
  void lowQualityPair_matchesOnlyWithinTheLowRadius_onEitherSide() {
    Random r = new Random(5);
    Hash256 a = new Hash256(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    int full = MatcherVariant.MIN_QUALITY;
    int low = MatcherVariant.LOW_RADIUS;
    int lowQ = MatcherVariant.LOW_FLOOR;
    LinearBank highEntry = MatcherVariant.QUALITY.bank(
        List.of(List.of(new LinearBank.Labeled(null, a, full))));
    LinearBank lowEntry = MatcherVariant.QUALITY.bank(
        List.of(List.of(new LinearBank.Labeled(null, a, lowQ))));

    for (LinearBank bank : List.of(highEntry, lowEntry)) {
      int probeQ = bank == highEntry ? lowQ : full;
      assertThat(bank.search(List.of(new LinearBank.Labeled("p", flip(a, low), probeQ))))
          .singleElement().extracting(LinearBank.Hit::distance).isEqualTo(low);
      assertThat(bank.search(List.of(new LinearBank.Labeled("p", flip(a, low + 1), probeQ))))
          .isEmpty();
    }
    // two full-quality sides: the whole radius
    assertThat(highEntry.search(List.of(new LinearBank.Labeled("p", flip(a, 31), full))))
        .hasSize(1);
    // the ungated variant ignores quality
    LinearBank plain = MatcherVariant.PDQ.bank(
        List.of(List.of(new LinearBank.Labeled(null, a, 0))));
    assertThat(plain.search(List.of(new LinearBank.Labeled("p", flip(a, 31), 0)))).hasSize(1);
  }
}

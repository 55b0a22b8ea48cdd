package org.hashmatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.hashmatch.hashing.Hash256;
import org.junit.jupiter.api.Test;

class SyntheticHashesTest {

  @Test
  void hash_sameSeedAndIndex_sameHash_otherwiseDifferent() {
    assertThat(SyntheticHashes.hash(1, 5)).isEqualTo(SyntheticHashes.hash(1, 5));
    assertThat(SyntheticHashes.hash(1, 5)).isNotEqualTo(SyntheticHashes.hash(2, 5));
    Set<Hash256> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(SyntheticHashes.hash(3, i))).isTrue();
    }
  }

  @Test
  void hash_distinctIndexes_lookLikeIndependentRandomHashes() {
    // Distances between uniform 256-bit words: mean 128, sd 8. Far from that means correlation.
    long sum = 0;
    int n = 2_000;
    for (int i = 0; i < n; i++) {
      int d = SyntheticHashes.hash(7, i).distance(SyntheticHashes.hash(7, i + 1));
      assertThat(d).isBetween(80, 176);
      sum += d;
    }
    assertThat(sum / (double) n).isBetween(126.0, 130.0);
  }

  @Test
  void flipBits_flipsExactlyThatManyBits() {
    SplittableRandom r = new SplittableRandom(1);
    Hash256 h = SyntheticHashes.hash(1, 1);
    for (int bits = 0; bits <= 256; bits += 17) {
      assertThat(SyntheticHashes.flipBits(h, bits, r).distance(h)).isEqualTo(bits);
    }
    assertThatThrownBy(() -> SyntheticHashes.flipBits(h, 257, r))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("257");
  }
}

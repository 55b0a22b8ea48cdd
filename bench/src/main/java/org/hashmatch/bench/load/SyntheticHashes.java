package org.hashmatch.bench.load;

import java.util.SplittableRandom;
import org.hashmatch.hashing.Hash256;

/**
 * Deterministic synthetic PDQ hashes: entry {@code i} of a bank seeded with {@code seed} is always
 * the same hash, so a load run can regenerate what {@code bench seed} planted without listing the
 * bank. Hashes are uniform 256-bit words (about 128 bits set), which is how distinct real PDQ hashes
 * look to an index: their pairwise distances concentrate around 128 bits.
 *
 * <p>Stateless and thread-safe.
 */
public final class SyntheticHashes {

  private SyntheticHashes() {}

  /** Hash number {@code index} of the sequence for {@code seed}. */
  public static Hash256 hash(long seed, long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    // SplitMix64 over a per-index counter: independent words, O(1) random access.
    long base = mix(seed) ^ (index * 0x9E3779B97F4A7C15L * 4);
    return new Hash256(mix(base + 1), mix(base + 2), mix(base + 3), mix(base + 4));
  }

  /** A uniformly random hash. */
  public static Hash256 random(SplittableRandom random) {
    return new Hash256(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  /**
   * {@code hash} with exactly {@code bits} distinct bits flipped at random positions.
   *
   * @throws IllegalArgumentException if {@code bits} is not in [0, 256]
   */
  public static Hash256 flipBits(Hash256 hash, int bits, SplittableRandom random) {
    if (bits < 0 || bits > Hash256.BITS) {
      throw new IllegalArgumentException("bits to flip must be in [0, 256], got " + bits);
    }
    boolean[] chosen = new boolean[Hash256.BITS];
    Hash256 h = hash;
    int flipped = 0;
    while (flipped < bits) {
      int k = random.nextInt(Hash256.BITS);
      if (!chosen[k]) {
        chosen[k] = true;
        h = h.flip(k);
        flipped++;
      }
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

package org.hashmatch.bench.robustness;

import java.util.ArrayList;
import java.util.List;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.jspecify.annotations.Nullable;

/**
 * An exact linear scan over a small bank with the index's semantics: an entry matches if any
 * query probe is within the radius of its primary hash or of any stored variant; one hit per
 * entry, with the smallest distance (ties: the earliest probe in query order, then the primary
 * before variants in stored order). The tiered quality gate: a pair where the probe or the stored
 * hash has a quality below {@code fullQuality} matches only within {@code min(radius,
 * lowRadius)}. Immutable and thread-safe.
 */
final class LinearBank {

  /**
   * A labelled hash: a query probe, or a stored hash of an entry.
   *
   * @param label the probe's name, or the stored variant's label; null for an entry's primary
   * @param quality the hash's PDQ quality (the image's effective quality for the untrimmed hash)
   */
  record Labeled(@Nullable String label, Hash256 hash, int quality) {
    /** A hash of full quality. */
    Labeled(@Nullable String label, Hash256 hash) {
      this(label, hash, 100);
    }
  }

  /**
   * A matched entry.
   *
   * @param entry the entry's position in the bank
   * @param distance Hamming distance of the best pair
   * @param probe the query probe of the best pair
   * @param entryVariant the stored variant of the best pair, null for the primary hash
   */
  record Hit(int entry, int distance, String probe, @Nullable String entryVariant) {}

  private final List<List<Labeled>> entries;
  private final int radius;
  private final int fullQuality;
  private final int lowRadius;

  /**
   * A bank without the tiered gate: every pair matches within {@code radius}.
   *
   * @param entries per entry its stored hashes (primary first when present), copied
   * @param radius inclusive Hamming radius
   */
  LinearBank(List<List<Labeled>> entries, int radius) {
    this(entries, radius, 0, radius);
  }

  /**
   * @param entries per entry its stored hashes (primary first when present), copied
   * @param radius inclusive Hamming radius
   * @param fullQuality a pair whose lower quality is below this matches within {@code lowRadius}
   * @param lowRadius the radius of such pairs, capped at {@code radius}
   */
  LinearBank(List<List<Labeled>> entries, int radius, int fullQuality, int lowRadius) {
    this.entries = entries.stream().map(List::copyOf).toList();
    this.radius = radius;
    this.fullQuality = fullQuality;
    this.lowRadius = Math.min(radius, lowRadius);
  }

  /** The radius of one probe/stored pair under the tiered gate. */
  int pairRadius(Labeled probe, Labeled stored) {
    return Math.min(probe.quality(), stored.quality()) < fullQuality ? lowRadius : radius;
  }

  /**
   * Per entry the closest pair between the probes and its stored hashes among the pairs in the low
   * tier (lower quality below {@code fullQuality}), whatever the radius; null where there is none.
   */
  List<@Nullable Hit> nearestLowTier(List<Labeled> probes) {
    List<@Nullable Hit> out = new ArrayList<>(entries.size());
    for (int e = 0; e < entries.size(); e++) {
      Hit best = null;
      for (Labeled p : probes) {
        for (Labeled s : entries.get(e)) {
          if (Math.min(p.quality(), s.quality()) >= fullQuality) {
            continue;
          }
          int d = p.hash().distance(s.hash());
          if (best == null || d < best.distance()) {
            best = new Hit(e, d, String.valueOf(p.label()), s.label());
          }
        }
      }
      out.add(best);
    }
    return out;
  }

  int size() {
    return entries.size();
  }

  /** The entries matched by any of the probes, in entry order. */
  List<Hit> search(List<Labeled> probes) {
    List<Hit> hits = new ArrayList<>();
    if (probes.isEmpty()) {
      return hits;
    }
    for (int e = 0; e < entries.size(); e++) {
      Hit best = null;
      for (Labeled p : probes) {
        for (Labeled s : entries.get(e)) {
          int d = p.hash().distance(s.hash());
          if (d <= pairRadius(p, s) && (best == null || d < best.distance())) {
            best = new Hit(e, d, String.valueOf(p.label()), s.label());
          }
        }
      }
      if (best != null) {
        hits.add(best);
      }
    }
    return hits;
  }

  /**
   * The closest pair between the probes and any stored hash, whatever the radius, or null without
   * probes or entries (ties as in {@link #search}).
   */
  @Nullable Hit nearest(List<Labeled> probes) {
    Hit best = null;
    for (int e = 0; e < entries.size(); e++) {
      for (Labeled p : probes) {
        for (Labeled s : entries.get(e)) {
          int d = p.hash().distance(s.hash());
          if (best == null || d < best.distance()) {
            best = new Hit(e, d, String.valueOf(p.label()), s.label());
          }
        }
      }
    }
    return best;
  }

  /** pHash: the entry closest to the query, or null for an empty bank. */
  static @Nullable Hit nearestPhash(List<Hash64> bank, Hash64 query) {
    Hit best = null;
    for (int e = 0; e < bank.size(); e++) {
      int d = query.distance(bank.get(e));
      if (best == null || d < best.distance()) {
        best = new Hit(e, d, "phash", null);
      }
    }
    return best;
  }

  /** pHash: entries whose pHash is within {@code radius} of the query's. */
  static List<Hit> searchPhash(List<Hash64> bank, Hash64 query, int radius) {
    List<Hit> hits = new ArrayList<>();
    for (int e = 0; e < bank.size(); e++) {
      int d = query.distance(bank.get(e));
      if (d <= radius) {
        hits.add(new Hit(e, d, "phash", null));
      }
    }
    return hits;
  }
}

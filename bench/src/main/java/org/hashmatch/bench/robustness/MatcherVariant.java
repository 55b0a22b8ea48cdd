package org.hashmatch.bench.robustness;

import java.util.ArrayList;
import java.util.List;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.index.BankConfig;
import org.hashmatch.service.match.MatchEngine;

/**
 * The matcher variants (columns of the table). The PDQ variants are cumulative, each adding one
 * technique to the one before; pHash stands alone for comparison.
 */
enum MatcherVariant {
  /** PDQ of the query against each entry's PDQ, radius 31, no quality gate. */
  PDQ("pdq", "plain PDQ, radius 31, no quality gate", false),
  /**
   * + the tiered quality gate: query and entry PDQ quality both at least {@link #LOW_FLOOR}; a
   * pair where either is below {@link #MIN_QUALITY} matches only within {@link #LOW_RADIUS}.
   */
  QUALITY("+quality", "+ tiered quality gate: query and bank PDQ quality >= "
      + MatchEngine.LOW_QUALITY_FLOOR + "; a pair where either is below "
      + BankConfig.DEFAULT_MIN_QUALITY + " matches only within radius "
      + MatchEngine.LOW_QUALITY_RADIUS, false),
  /** + the 8 dihedral variants of the query as probes. */
  DIHEDRAL("+dihedral", "+ the query's 8 dihedral variants as probes", false),
  /** + trimming: the trimmed query (8 variants) as probes too; the bank stores its trimmed hash. */
  TRIM("+trim", "+ border trimming: the trimmed query's 8 variants as further probes (each gated"
      + " on its own quality); each entry also stores the PDQ of its trimmed image; an image that"
      + " is flat inside its borders counts as quality 0, as in the service", true),
  /** + bank-side augmentation: each entry stores RobustPdq's bank variants. */
  AUGMENT("+augment", "+ bank-side augmentation: each entry stores RobustPdq.bankVariants (the"
      + " trimmed hash and the augmentations of the default configuration)", true),
  /** pHash alone, radius 8. */
  PHASH("phash", "pHash (64 bits), radius 8, no gate, no dihedral", false);

  /** Pairs with a PDQ quality below this match only within {@link #LOW_RADIUS} (gated variants). */
  static final int MIN_QUALITY = BankConfig.DEFAULT_MIN_QUALITY;

  /** Hashes below this PDQ quality are never matched (gated variants). */
  static final int LOW_FLOOR = MatchEngine.LOW_QUALITY_FLOOR;

  /** The radius of a pair with a quality in [{@link #LOW_FLOOR}, {@link #MIN_QUALITY}). */
  static final int LOW_RADIUS = MatchEngine.LOW_QUALITY_RADIUS;

  private final String label;
  private final String description;
  private final boolean needsRobust;

  MatcherVariant(String label, String description, boolean needsRobust) {
    this.label = label;
    this.description = description;
    this.needsRobust = needsRobust;
  }

  /** Column label. */
  String label() {
    return label;
  }

  String description() {
    return description;
  }

  /** Whether the variant measures {@link RobustSide} (trimming, augmentation). */
  boolean needsRobust() {
    return needsRobust;
  }

  /** The match radius in bits. */
  int radius() {
    return this == PHASH ? BankConfig.DEFAULT_PHASH_RADIUS : BankConfig.DEFAULT_PDQ_RADIUS;
  }

  /** Whether the variant applies the tiered quality gate. */
  boolean gated() {
    return this != PDQ && this != PHASH;
  }

  /** The exact scan over {@code stored} with this variant's radius and tiered gate. */
  LinearBank bank(List<List<LinearBank.Labeled>> stored) {
    return gated()
        ? new LinearBank(stored, radius(), MIN_QUALITY, LOW_RADIUS)
        : new LinearBank(stored, radius());
  }

  /** The query's PDQ probes for this variant, in probe order (empty for {@link #PHASH}). */
  List<LinearBank.Labeled> probes(HashedImage q) {
    return collectProbes(q, gated() ? LOW_FLOOR : 0);
  }

  private List<LinearBank.Labeled> collectProbes(HashedImage q, int floor) {
    List<LinearBank.Labeled> out = new ArrayList<>();
    switch (this) {
      case PHASH -> {}
      case PDQ -> out.add(
          new LinearBank.Labeled(Dihedral.ORIGINAL.jsonName(), q.pdq().hash(), q.pdq().quality()));
      case QUALITY -> {
        if (q.pdq().quality() >= floor) {
          out.add(new LinearBank.Labeled(
              Dihedral.ORIGINAL.jsonName(), q.pdq().hash(), q.pdq().quality()));
        }
      }
      case DIHEDRAL -> addDihedral(out, "", q.pdq(), q.pdq().quality(), floor);
      case TRIM, AUGMENT -> {
        addDihedral(out, "", q.pdq(), q.effectiveQuality(), floor);
        RobustSide.Trimmed t = q.trimmed();
        if (t != null) {
          addDihedral(out, "trim/", t.pdq(), t.pdq().quality(), floor);
        }
      }
    }
    return out;
  }

  private static void addDihedral(
      List<LinearBank.Labeled> out, String prefix, PdqResult r, int quality, int floor) {
    if (quality < floor) {
      return;
    }
    for (Dihedral d : Dihedral.values()) {
      Hash256 h = r.dihedral().get(d);
      if (h == null) {
        throw new IllegalStateException("PDQ result without dihedral variant " + d);
      }
      out.add(new LinearBank.Labeled(prefix + d.jsonName(), h, quality));
    }
  }

  /**
   * The hashes an entry stores for this variant: its primary (label null) unless gated out, then
   * its variants (empty for {@link #PHASH}).
   */
  List<LinearBank.Labeled> stored(HashedImage entry) {
    return collectStored(entry, gated() ? LOW_FLOOR : 0);
  }

  private List<LinearBank.Labeled> collectStored(HashedImage entry, int floor) {
    List<LinearBank.Labeled> out = new ArrayList<>();
    if (this == PHASH) {
      return out;
    }
    int quality = needsRobust ? entry.effectiveQuality() : entry.pdq().quality();
    if (quality >= floor) {
      out.add(new LinearBank.Labeled(null, entry.pdq().hash(), quality));
    }
    RobustSide.Trimmed t = entry.trimmed();
    if (this == TRIM && t != null && t.pdq().quality() >= floor) {
      out.add(new LinearBank.Labeled("trim", t.pdq().hash(), t.pdq().quality()));
    }
    if (this == AUGMENT) {
      for (PdqVariant v : entry.bankVariants()) {
        if (v.quality() >= floor) {
          out.add(new LinearBank.Labeled(v.label(), v.hash(), v.quality()));
        }
      }
    }
    return out;
  }
}

package org.hashmatch.bench.robustness;

import java.util.ArrayList;
import java.util.List;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.index.BankConfig;

/**
 * The matcher variants (columns of the table). The PDQ variants are cumulative, each adding one
 * technique to the one before; pHash stands alone for comparison.
 */
enum MatcherVariant {
  /** PDQ of the query against each entry's PDQ, radius 31, no quality gate. */
  PDQ("pdq", "plain PDQ, radius 31, no quality gate", false),
  /** + the quality gate: query and entry PDQ quality both at least 50. */
  QUALITY("+quality", "+ quality gate: query and bank PDQ quality >= 50", false),
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

  /** Probes below this PDQ quality are not matched (variants with the gate). */
  static final int MIN_QUALITY = BankConfig.DEFAULT_MIN_QUALITY;

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

  private boolean gated() {
    return this != PDQ && this != PHASH;
  }

  /** The query's PDQ probes for this variant, in probe order (empty for {@link #PHASH}). */
  List<LinearBank.Labeled> probes(HashedImage q) {
    List<LinearBank.Labeled> out = new ArrayList<>();
    switch (this) {
      case PHASH -> {}
      case PDQ -> out.add(new LinearBank.Labeled(Dihedral.ORIGINAL.jsonName(), q.pdq().hash()));
      case QUALITY -> {
        if (q.pdq().quality() >= MIN_QUALITY) {
          out.add(new LinearBank.Labeled(Dihedral.ORIGINAL.jsonName(), q.pdq().hash()));
        }
      }
      case DIHEDRAL -> addDihedral(out, "", q.pdq(), q.pdq().quality());
      case TRIM, AUGMENT -> {
        addDihedral(out, "", q.pdq(), q.effectiveQuality());
        RobustSide.Trimmed t = q.trimmed();
        if (t != null) {
          addDihedral(out, "trim/", t.pdq(), t.pdq().quality());
        }
      }
    }
    return out;
  }

  private static void addDihedral(
      List<LinearBank.Labeled> out, String prefix, PdqResult r, int quality) {
    if (quality < MIN_QUALITY) {
      return;
    }
    for (Dihedral d : Dihedral.values()) {
      Hash256 h = r.dihedral().get(d);
      if (h == null) {
        throw new IllegalStateException("PDQ result without dihedral variant " + d);
      }
      out.add(new LinearBank.Labeled(prefix + d.jsonName(), h));
    }
  }

  /**
   * The hashes an entry stores for this variant: its primary (label null) unless gated out, then
   * its variants (empty for {@link #PHASH}).
   */
  List<LinearBank.Labeled> stored(HashedImage entry) {
    List<LinearBank.Labeled> out = new ArrayList<>();
    if (this == PHASH) {
      return out;
    }
    int quality = needsRobust ? entry.effectiveQuality() : entry.pdq().quality();
    if (!gated() || quality >= MIN_QUALITY) {
      out.add(new LinearBank.Labeled(null, entry.pdq().hash()));
    }
    RobustSide.Trimmed t = entry.trimmed();
    if (this == TRIM && t != null && t.pdq().quality() >= MIN_QUALITY) {
      out.add(new LinearBank.Labeled("trim", t.pdq().hash()));
    }
    if (this == AUGMENT) {
      for (PdqVariant v : entry.bankVariants()) {
        if (v.quality() >= MIN_QUALITY) {
          out.add(new LinearBank.Labeled(v.label(), v.hash()));
        }
      }
    }
    return out;
  }
}

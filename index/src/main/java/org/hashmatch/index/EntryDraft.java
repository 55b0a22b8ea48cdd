package org.hashmatch.index;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.robust.PdqVariant;
import org.jspecify.annotations.Nullable;

/**
 * An entry to be added: its hashes and provenance. The index assigns the id and the time.
 *
 * @param pdq PDQ hash, or null for an exact-hash-only entry (at least one hash must be present)
 * @param quality PDQ quality 0..100 (ignored without a PDQ hash)
 * @param phash optional pHash
 * @param md5 optional 32 lowercase hex digits
 * @param sha256 optional 64 lowercase hex digits
 * @param pdqVariants extra PDQ hashes of the same image under named edits (for example {@code
 *     "trim"}, a crop, a small rotation): a search matches the entry if a probe is within the
 *     radius of its primary hash or of any variant, and reports which one hit. At most {@value
 *     #MAX_PDQ_VARIANTS}, labels unique, only together with a primary {@code pdq}; copied.
 */
public record EntryDraft(
    @Nullable Hash256 pdq,
    int quality,
    @Nullable Hash64 phash,
    @Nullable String md5,
    @Nullable String sha256,
    @Nullable String reference,
    @Nullable String source,
    @Nullable String note,
    String addedBy,
    Map<String, String> metadata,
    List<PdqVariant> pdqVariants) {

  /** The most PDQ variants one entry may carry. */
  public static final int MAX_PDQ_VARIANTS = 32;

  public EntryDraft {
    if (pdq == null && phash == null && md5 == null && sha256 == null) {
      throw new IllegalArgumentException("an entry needs at least one of pdq, phash, md5, sha256");
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be in [0, 100], got " + quality);
    }
    if (md5 != null && !md5.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("md5 must be 32 lowercase hex digits");
    }
    if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
    metadata = Map.copyOf(metadata);
    pdqVariants = List.copyOf(pdqVariants);
    checkVariants(pdq, pdqVariants);
  }

  /** An entry without PDQ variants. */
  public EntryDraft(
      @Nullable Hash256 pdq,
      int quality,
      @Nullable Hash64 phash,
      @Nullable String md5,
      @Nullable String sha256,
      @Nullable String reference,
      @Nullable String source,
      @Nullable String note,
      String addedBy,
      Map<String, String> metadata) {
    this(pdq, quality, phash, md5, sha256, reference, source, note, addedBy, metadata, List.of());
  }

  /** A PDQ-only draft, as bulk loads and benchmarks use. */
  public static EntryDraft ofPdq(Hash256 pdq, int quality, String addedBy) {
    return new EntryDraft(pdq, quality, null, null, null, null, null, null, addedBy, Map.of());
  }

  /** This draft with {@code variants} instead of its PDQ variants; validated as a new draft. */
  public EntryDraft withPdqVariants(List<PdqVariant> variants) {
    return new EntryDraft(
        pdq, quality, phash, md5, sha256, reference, source, note, addedBy, metadata, variants);
  }

  private static void checkVariants(@Nullable Hash256 pdq, List<PdqVariant> variants) {
    if (variants.isEmpty()) {
      return;
    }
    if (pdq == null) {
      throw new IllegalArgumentException("pdqVariants need a primary pdq hash");
    }
    if (variants.size() > MAX_PDQ_VARIANTS) {
      throw new IllegalArgumentException(
          "at most " + MAX_PDQ_VARIANTS + " pdqVariants, got " + variants.size());
    }
    Set<String> labels = new HashSet<>();
    for (PdqVariant v : variants) {
      if (!labels.add(v.label())) {
        throw new IllegalArgumentException("pdqVariants label '" + v.label() + "' is repeated");
      }
    }
  }
}

package org.hashmatch.index;

import java.util.Map;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.jspecify.annotations.Nullable;

/**
 * An entry to be added: its hashes and provenance. The index assigns the id and the time.
 *
 * @param pdq PDQ hash, or null for an exact-hash-only entry (at least one hash must be present)
 * @param quality PDQ quality 0..100 (ignored without a PDQ hash)
 * @param phash optional pHash
 * @param md5 optional 32 lowercase hex digits
 * @param sha256 optional 64 lowercase hex digits
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
    Map<String, String> metadata) {

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
  }

  /** A PDQ-only draft, as bulk loads and benchmarks use. */
  public static EntryDraft ofPdq(Hash256 pdq, int quality, String addedBy) {
    return new EntryDraft(pdq, quality, null, null, null, null, null, null, addedBy, Map.of());
  }
}

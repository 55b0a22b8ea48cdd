package org.hashmatch.index;

import java.util.List;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.robust.PdqVariant;
import org.jspecify.annotations.Nullable;

/**
 * A stored entry.
 *
 * @param pdqVariants extra PDQ hashes of the entry's image under named edits (see {@link
 *     EntryDraft#pdqVariants()}), in the order they were added; empty for most entries
 */
public record Entry(
    String id,
    String bank,
    @Nullable Hash256 pdq,
    int quality,
    @Nullable Hash64 phash,
    @Nullable String md5,
    @Nullable String sha256,
    Provenance provenance,
    List<PdqVariant> pdqVariants) {

  public Entry {
    pdqVariants = List.copyOf(pdqVariants);
  }

  /** An entry without PDQ variants. */
  public Entry(
      String id,
      String bank,
      @Nullable Hash256 pdq,
      int quality,
      @Nullable Hash64 phash,
      @Nullable String md5,
      @Nullable String sha256,
      Provenance provenance) {
    this(id, bank, pdq, quality, phash, md5, sha256, provenance, List.of());
  }
}

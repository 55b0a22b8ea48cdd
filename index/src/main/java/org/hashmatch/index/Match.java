package org.hashmatch.index;

import org.hashmatch.hashing.Dihedral;
import org.jspecify.annotations.Nullable;

/**
 * One bank entry that matched.
 *
 * @param signal which hash matched
 * @param distance Hamming distance (0 for exact hashes)
 * @param variant the dihedral variant of the query probe that matched, for PDQ; null otherwise
 * @param trimmed for PDQ, whether the matching probe was of the border-trimmed query image; false
 *     otherwise
 * @param entryVariant the label of the entry's stored {@link Entry#pdqVariants() PDQ variant} that
 *     matched, or null if the entry's primary hash did (and for every other signal)
 * @param entry the matched entry
 */
public record Match(
    Signal signal,
    int distance,
    @Nullable Dihedral variant,
    boolean trimmed,
    @Nullable String entryVariant,
    Entry entry) {

  /** A match on the entry's primary hash by a probe of the untrimmed query. */
  public Match(Signal signal, int distance, @Nullable Dihedral variant, Entry entry) {
    this(signal, distance, variant, false, null, entry);
  }
}

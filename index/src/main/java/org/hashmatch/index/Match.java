package org.hashmatch.index;

import org.hashmatch.hashing.Dihedral;
import org.jspecify.annotations.Nullable;

/**
 * One bank entry that matched.
 *
 * @param signal which hash matched
 * @param distance Hamming distance (0 for exact hashes)
 * @param variant the dihedral variant of the query that matched, for PDQ; null otherwise
 * @param entry the matched entry
 */
public record Match(Signal signal, int distance, @Nullable Dihedral variant, Entry entry) {}

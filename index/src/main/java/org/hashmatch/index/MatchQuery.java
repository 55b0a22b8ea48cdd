package org.hashmatch.index;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.hashmatch.hashing.Hash64;
import org.jspecify.annotations.Nullable;

/**
 * What to search for.
 *
 * @param banks banks to search; empty means every enabled bank
 * @param pdq PDQ probes (one per dihedral variant wanted), may be empty
 * @param phash optional pHash
 * @param md5 optional 32 lowercase hex digits
 * @param sha256 optional 64 lowercase hex digits
 * @param pdqRadiusOverride when present, used instead of each bank's PDQ radius (benchmarks, tools)
 */
public record MatchQuery(
    Set<String> banks,
    List<PdqProbe> pdq,
    @Nullable Hash64 phash,
    @Nullable String md5,
    @Nullable String sha256,
    OptionalInt pdqRadiusOverride) {

  public MatchQuery {
    banks = Set.copyOf(banks);
    pdq = List.copyOf(pdq);
  }
}

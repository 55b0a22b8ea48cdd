package org.hashmatch.hashing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.hashing.robust.RobustQuery;

/**
 * Every hash of one image plus the robust-matching hashes ({@link
 * org.hashmatch.hashing.robust.RobustPdq}).
 *
 * @param hashes the image's hashes, {@link HashResult#pdqDihedral()} filled; its PDQ equals {@code
 *     query.original()}
 * @param query the query-side PDQ hashes: the image as given and, when borders were trimmed, the
 *     trimmed image, each with 8 dihedral variants
 * @param bankVariants the extra hashes an entry of this image stores (not the primary hash); empty
 *     for a query; labels unique, at most {@link org.hashmatch.hashing.robust.RobustPdq#MAX_VARIANTS}
 */
public record RobustHashes(HashResult hashes, RobustQuery query, List<PdqVariant> bankVariants) {

  public RobustHashes {
    bankVariants = List.copyOf(bankVariants);
    if (!hashes.pdq().equals(query.original().hash())) {
      throw new IllegalArgumentException(
          "hashes.pdq " + hashes.pdq() + " differs from query.original " + query.original().hash());
    }
    if (bankVariants.size() > org.hashmatch.hashing.robust.RobustPdq.MAX_VARIANTS) {
      throw new IllegalArgumentException(
          "at most " + org.hashmatch.hashing.robust.RobustPdq.MAX_VARIANTS + " variants, got "
              + bankVariants.size());
    }
    Set<String> labels = new HashSet<>();
    for (PdqVariant v : bankVariants) {
      if (!labels.add(v.label())) {
        throw new IllegalArgumentException("duplicate variant label " + v.label());
      }
    }
  }
}

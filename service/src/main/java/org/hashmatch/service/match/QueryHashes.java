package org.hashmatch.service.match;

import java.util.List;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.index.PdqProbe;
import org.jspecify.annotations.Nullable;

/**
 * The hashes of one query.
 *
 * @param pdq the PDQ hash of the image as given (null if the query has none)
 * @param probes PDQ probes to search: the original and, for images, its dihedral variants; empty
 *     without a PDQ hash
 * @param quality PDQ quality 0..100 of {@code pdq}
 * @param phash optional pHash
 * @param md5 optional lowercase hex MD5
 * @param sha256 optional lowercase hex SHA-256
 */
public record QueryHashes(
    @Nullable Hash256 pdq,
    List<PdqProbe> probes,
    int quality,
    @Nullable Hash64 phash,
    @Nullable String md5,
    @Nullable String sha256) {

  public QueryHashes {
    probes = List.copyOf(probes);
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be in [0, 100], got " + quality);
    }
    if (pdq == null && !probes.isEmpty()) {
      throw new IllegalArgumentException("PDQ probes without a PDQ hash");
    }
    if (pdq == null && phash == null && md5 == null && sha256 == null) {
      throw new IllegalArgumentException("a query needs at least one of pdq, phash, md5, sha256");
    }
  }
}

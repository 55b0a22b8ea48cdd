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
 * @param probes PDQ probes to search, in tie-break order: the original and, for images, its
 *     dihedral variants; then, when the image's uniform borders were trimmed, the same for the
 *     trimmed image ({@link PdqProbe#trimmed()} true); empty without a PDQ hash
 * @param quality PDQ quality 0..100 of {@code pdq}, gating the untrimmed probes
 * @param phash optional pHash
 * @param md5 optional lowercase hex MD5
 * @param sha256 optional lowercase hex SHA-256
 * @param trimmedPdq the PDQ hash of the trimmed image, or null when nothing was trimmed (then no
 *     probe is trimmed)
 * @param trimmedQuality PDQ quality 0..100 of {@code trimmedPdq}, gating the trimmed probes; 0
 *     without one
 */
public record QueryHashes(
    @Nullable Hash256 pdq,
    List<PdqProbe> probes,
    int quality,
    @Nullable Hash64 phash,
    @Nullable String md5,
    @Nullable String sha256,
    @Nullable Hash256 trimmedPdq,
    int trimmedQuality) {

  public QueryHashes {
    probes = List.copyOf(probes);
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be in [0, 100], got " + quality);
    }
    if (trimmedQuality < 0 || trimmedQuality > 100) {
      throw new IllegalArgumentException(
          "trimmedQuality must be in [0, 100], got " + trimmedQuality);
    }
    if (pdq == null && !probes.isEmpty()) {
      throw new IllegalArgumentException("PDQ probes without a PDQ hash");
    }
    if (trimmedPdq == null && probes.stream().anyMatch(PdqProbe::trimmed)) {
      throw new IllegalArgumentException("trimmed PDQ probes without a trimmed PDQ hash");
    }
    if (pdq == null && phash == null && md5 == null && sha256 == null) {
      throw new IllegalArgumentException("a query needs at least one of pdq, phash, md5, sha256");
    }
  }

  /** A query without a trimmed image (hash sets, images whose borders were not trimmed). */
  public QueryHashes(
      @Nullable Hash256 pdq,
      List<PdqProbe> probes,
      int quality,
      @Nullable Hash64 phash,
      @Nullable String md5,
      @Nullable String sha256) {
    this(pdq, probes, quality, phash, md5, sha256, null, 0);
  }
}

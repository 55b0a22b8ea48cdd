package org.hashmatch.bench.robustness;

import java.util.List;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.robust.PdqVariant;
import org.jspecify.annotations.Nullable;

/**
 * Everything the matcher variants need of one image.
 *
 * @param pdq PDQ of the image as given, with the 8 dihedral variants
 * @param phash 64-bit pHash
 * @param trimmed the border-trimmed PDQ, or null when nothing was trimmed or no {@link RobustSide}
 *     was measured
 * @param flatContent the robust side found the image flat inside its borders (false without
 *     {@link RobustSide})
 * @param bankVariants extra hashes for a bank entry (empty for queries or without {@link
 *     RobustSide})
 * @param width width of the image that was hashed
 * @param height height of the image that was hashed
 */
record HashedImage(
    PdqResult pdq,
    Hash64 phash,
    RobustSide.@Nullable Trimmed trimmed,
    boolean flatContent,
    List<PdqVariant> bankVariants,
    int width,
    int height) {

  HashedImage {
    bankVariants = List.copyOf(bankVariants);
  }

  /**
   * The PDQ quality the robust columns gate the image as given on: 0 for flat content, as the
   * service does, else its PDQ quality.
   */
  int effectiveQuality() {
    return flatContent ? 0 : pdq.quality();
  }
}

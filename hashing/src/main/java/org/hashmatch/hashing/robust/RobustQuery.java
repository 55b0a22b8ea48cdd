package org.hashmatch.hashing.robust;

import org.hashmatch.hashing.PdqResult;
import org.jspecify.annotations.Nullable;

/**
 * Query-side PDQ hashes of one image: the image as given and, when {@link BorderTrimmer} found
 * borders, the trimmed image; each with all 8 dihedral variants ({@link PdqResult#dihedral()}
 * filled).
 *
 * @param original PDQ of the image as given
 * @param trimmed PDQ of {@code trimRegion}, or null when nothing was trimmed
 * @param trimRegion the content region that {@code trimmed} was computed from, null exactly when
 *     {@code trimmed} is
 * @param flatContent true when the image is flat inside its borders ({@link
 *     BorderTrimmer.Outcome#FLAT}): a plain box in a frame, whose PDQ describes only the frame
 *     (PDQ rates such outlines far above the quality gate, so the hash's quality does not tell).
 *     Matching should treat such an image as having no perceptual content (quality 0).
 */
public record RobustQuery(
    PdqResult original,
    @Nullable PdqResult trimmed,
    @Nullable Region trimRegion,
    boolean flatContent) {

  public RobustQuery {
    if (flatContent && trimmed != null) {
      throw new IllegalArgumentException("an image with flat content has no trimmed hash");
    }
    if ((trimmed == null) != (trimRegion == null)) {
      throw new IllegalArgumentException(
          "trimmed and trimRegion must both be null or both be set, got trimmed="
              + (trimmed == null ? "null" : "set")
              + ", trimRegion="
              + trimRegion);
    }
  }

  /** A query of an image with content ({@code flatContent} false). */
  public RobustQuery(PdqResult original, @Nullable PdqResult trimmed, @Nullable Region trimRegion) {
    this(original, trimmed, trimRegion, false);
  }

  /**
   * The PDQ quality matching should gate on: 0 for {@linkplain #flatContent() flat content},
   * otherwise the quality of the image as given.
   */
  public int effectiveQuality() {
    return flatContent ? 0 : original.quality();
  }

  /** True if borders were trimmed and {@link #trimmed()} is set. */
  public boolean wasTrimmed() {
    return trimmed != null;
  }
}

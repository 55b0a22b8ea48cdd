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
 */
public record RobustQuery(PdqResult original, @Nullable PdqResult trimmed, @Nullable Region trimRegion) {

  public RobustQuery {
    if ((trimmed == null) != (trimRegion == null)) {
      throw new IllegalArgumentException(
          "trimmed and trimRegion must both be null or both be set, got trimmed="
              + (trimmed == null ? "null" : "set")
              + ", trimRegion="
              + trimRegion);
    }
  }

  /** True if borders were trimmed and {@link #trimmed()} is set. */
  public boolean wasTrimmed() {
    return trimmed != null;
  }
}

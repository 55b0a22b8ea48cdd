package org.hashmatch.index;

import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;

/**
 * One PDQ hash to search for, labelled with the dihedral variant of the query it came from.
 *
 * @param variant the dihedral variant of the query image this hash is of
 * @param hash the hash
 * @param trimmed true if the hash is of the query image after its uniform borders were trimmed
 */
public record PdqProbe(Dihedral variant, Hash256 hash, boolean trimmed) {

  /** A probe of the image as given (not trimmed). */
  public PdqProbe(Dihedral variant, Hash256 hash) {
    this(variant, hash, false);
  }
}

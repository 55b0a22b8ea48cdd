package org.hashmatch.hashing;

import java.util.Map;

/**
 * A PDQ hash with its quality.
 *
 * @param hash the hash of the image as given
 * @param quality 0..100; 0 for images under 5 pixels on a side
 * @param dihedral the hash of each of the 8 variants when asked for (ORIGINAL equals {@code hash}),
 *     otherwise empty
 */
public record PdqResult(Hash256 hash, int quality, Map<Dihedral, Hash256> dihedral) {
  public PdqResult {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be in [0, 100], got " + quality);
    }
    dihedral = Map.copyOf(dihedral);
  }
}

package org.hashmatch.hashing.robust;

import java.util.regex.Pattern;
import org.hashmatch.hashing.Hash256;

/**
 * One extra PDQ hash stored with a bank entry: the hash of the entry's image after a named
 * canonicalisation or edit (for example {@code "trim"} for the border-trimmed image, {@code
 * "crop5"} for a 5 % crop per side, {@code "rot-3"} for a 3 degree rotation). A match on a variant
 * is a match on its entry, reported with the variant's label.
 *
 * @param label 1..32 characters of {@code [a-z0-9+-]}, unique within an entry
 * @param hash the variant's PDQ hash
 * @param quality its PDQ quality, 0..100
 */
public record PdqVariant(String label, Hash256 hash, int quality) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9+-]{1,32}");

  public PdqVariant {
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "variant label must match [a-z0-9+-]{1,32}, got '" + label + "'");
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be in [0, 100], got " + quality);
    }
  }

  /** True if {@code label} is a valid variant label. */
  public static boolean isValidLabel(String label) {
    return LABEL.matcher(label).matches();
  }
}

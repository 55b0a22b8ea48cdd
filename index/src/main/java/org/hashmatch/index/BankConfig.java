package org.hashmatch.index;

import java.util.regex.Pattern;

/**
 * A bank's settings.
 *
 * @param name 1..64 characters of {@code [a-z0-9_-]}, starting with a letter or digit
 * @param enabled disabled banks are kept but not searched
 * @param pdqRadius largest PDQ Hamming distance that matches, 0..256
 * @param phashRadius largest pHash Hamming distance that matches, 0..64
 * @param minQuality PDQ query hashes below this quality are reported, not matched, 0..100
 * @param action what a match asks for
 */
public record BankConfig(
    String name, boolean enabled, int pdqRadius, int phashRadius, int minQuality, Action action) {

  public static final int DEFAULT_PDQ_RADIUS = 31;
  public static final int DEFAULT_PHASH_RADIUS = 8;
  public static final int DEFAULT_MIN_QUALITY = 50;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public BankConfig {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "bank name must match [a-z0-9][a-z0-9_-]{0,63}, got '" + name + "'");
    }
    checkRange("pdqRadius", pdqRadius, 0, 256);
    checkRange("phashRadius", phashRadius, 0, 64);
    checkRange("minQuality", minQuality, 0, 100);
  }

  /** A new enabled bank with the default thresholds. */
  public static BankConfig withDefaults(String name, Action action) {
    return new BankConfig(
        name, true, DEFAULT_PDQ_RADIUS, DEFAULT_PHASH_RADIUS, DEFAULT_MIN_QUALITY, action);
  }

  /** True if {@code name} is a valid bank name. */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  private static void checkRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + max + "], got " + value);
    }
  }
}

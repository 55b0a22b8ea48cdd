package org.hashmatch.hashing;

/**
 * Budgets that decoding enforces before it allocates pixel memory.
 *
 * @param maxPixels largest {@code width * height} accepted
 * @param maxBytes largest encoded input accepted
 */
public record DecodeLimits(long maxPixels, long maxBytes) {

  /** 100 megapixels and 50 MB. */
  public static final DecodeLimits DEFAULT = new DecodeLimits(100_000_000L, 50L * 1024 * 1024);

  public DecodeLimits {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
  }
}

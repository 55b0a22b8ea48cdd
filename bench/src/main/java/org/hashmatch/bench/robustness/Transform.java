package org.hashmatch.bench.robustness;

import java.awt.image.BufferedImage;

/**
 * One edit of the suite: pixel operations, then optionally a JPEG encode and decode.
 *
 * @param name short identifier, unique in a suite (a row of the table)
 * @param parameters what exactly is done, in words, with every number (printed with the table)
 * @param edit the pixel operation on a working image; the identity for pure re-encodes
 * @param jpegQuality 1..100 to encode the edited image as JPEG at this quality and hash the decoded
 *     bytes, or 0 to hash the edited pixels directly
 */
record Transform(String name, String parameters, Edit edit, int jpegQuality) {

  /** A pixel operation. Must not modify its input; must be thread-safe. */
  @FunctionalInterface
  interface Edit {
    /**
     * @param src a {@code TYPE_INT_RGB} working image
     * @param seed a per-image seed for edits with randomness (noise)
     * @return a new image: {@code TYPE_INT_RGB}, or {@code TYPE_BYTE_GRAY} for greyscale
     */
    BufferedImage apply(BufferedImage src, long seed);
  }

  Transform {
    if (!name.matches("[a-z0-9+._-]{1,40}")) {
      throw new IllegalArgumentException("transform name must match [a-z0-9+._-]{1,40}, got " + name);
    }
    if (jpegQuality < 0 || jpegQuality > 100) {
      throw new IllegalArgumentException("jpegQuality must be in [0, 100], got " + jpegQuality);
    }
  }
}

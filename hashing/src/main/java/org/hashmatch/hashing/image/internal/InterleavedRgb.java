package org.hashmatch.hashing.image.internal;

import org.jspecify.annotations.Nullable;

/**
 * A fast path from rows of interleaved 8-bit RGB samples to the luma and grey planes, by the
 * colour rule of {@code PixelPlanes}; implemented with the Vector API ({@link VectorRgbRows}) and
 * named through this interface so that its callers link without {@code jdk.incubator.vector}.
 */
public interface InterleavedRgb {

  /** Makes converters for a pixel layout. */
  interface Factory {
    /**
     * The converter for pixels of {@code pixelStride} bytes with red, green and blue at byte
     * offsets {@code ro}, {@code go}, {@code bo} of each pixel, or null if this factory does not
     * handle that layout.
     */
    @Nullable Rows forLayout(int pixelStride, int ro, int go, int bo);
  }

  /** Converts rows of one layout. Stateless and thread-safe. */
  interface Rows {
    /**
     * Converts {@code n} pixels starting at byte {@code p} of {@code data} into {@code luma[out
     * ..]} and {@code grey8[out ..]}. The caller has checked that the row lies within the arrays.
     */
    void row(byte[] data, int p, int n, float[] luma, byte[] grey8, int out);
  }
}

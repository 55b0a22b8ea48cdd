package org.hashmatch.hashing;

/** 64-bit pHash as defined by Python's {@code imagehash.phash}. Thread-safe. */
public final class PHasher {

  /**
   * Hashes an 8-bit-per-channel RGB image.
   *
   * @param rgb packed {@code 0xRRGGBB} pixels, row-major, read and never kept
   */
  public Hash64 hash(int[] rgb, int width, int height) {
    throw new UnsupportedOperationException("PHasher: not implemented yet (issue 2)");
  }
}

package org.hashmatch.hashing.internal;

/** PDQ decimation: the 64 centre-sample positions along a dimension. */
final class PdqSampling {

  /** Side of the decimated image. */
  static final int SIDE = 64;

  private PdqSampling() {}

  /**
   * Fills {@code out[0..63]} with the source index sampled for each of the 64 outputs: {@code
   * (int) (((i + 0.5) * dim) / 64)} evaluated in double, as the reference does. Non-decreasing;
   * repeats when {@code dim < 64}.
   */
  static void centres(int dim, int[] out) {
    for (int i = 0; i < SIDE; i++) {
      out[i] = (int) (((i + 0.5) * dim) / SIDE);
    }
  }
}

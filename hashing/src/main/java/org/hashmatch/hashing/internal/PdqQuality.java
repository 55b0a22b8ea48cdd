package org.hashmatch.hashing.internal;

/**
 * The PDQ image-domain quality metric: the sum of quantised absolute gradients of the 64x64
 * decimated image, scaled and capped at 100. Float32 steps as in the reference: {@code (int)
 * (((u - v) * 100) / 255)}, truncation toward zero.
 */
final class PdqQuality {

  private PdqQuality() {}

  /** Quality 0..100 of a row-major 64x64 buffer. */
  static int of(float[] b) {
    int sum = 0;
    for (int i = 0; i < 63; i++) {
      for (int j = 0; j < 64; j++) {
        float u = b[i * 64 + j];
        float v = b[(i + 1) * 64 + j];
        int d = (int) (((u - v) * 100) / 255);
        sum += Math.abs(d);
      }
    }
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 63; j++) {
        float u = b[i * 64 + j];
        float v = b[i * 64 + j + 1];
        int d = (int) (((u - v) * 100) / 255);
        sum += Math.abs(d);
      }
    }
    int quality = sum / 90;
    return Math.min(quality, 100);
  }
}

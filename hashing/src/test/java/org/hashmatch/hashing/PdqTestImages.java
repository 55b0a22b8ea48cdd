package org.hashmatch.hashing;

import java.util.SplittableRandom;

/** Deterministic synthetic luminance planes for PDQ tests. */
final class PdqTestImages {

  private PdqTestImages() {}

  /** Uniform noise in [0, 255), plus luma-like non-integer values. */
  static float[] randomLuma(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] luma = new float[w * h];
    for (int i = 0; i < luma.length; i++) {
      int red = r.nextInt(256);
      int green = r.nextInt(256);
      int blue = r.nextInt(256);
      luma[i] = 0.299f * red + 0.587f * green + 0.114f * blue;
    }
    return luma;
  }

  /** A smooth gradient with blobs and a little noise, closer to a photo than white noise. */
  static float[] smoothLuma(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double fx = 1 + r.nextDouble() * 5;
    double fy = 1 + r.nextDouble() * 5;
    double phase = r.nextDouble() * Math.PI;
    float[] luma = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // Not separable (a sum f(x) + g(y) has no energy in PDQ's 16x16 AC block, leaving only
        // rounding noise to hash): a product term and an off-centre bright block.
        double v = 110 + 60 * Math.sin(fx * Math.PI * x / w + phase) * Math.cos(fy * Math.PI * y / h)
            + 30 * Math.cos(fy * Math.PI * y / h)
            + (x < w / 3 && y < h / 4 ? 60 : 0) + 10 * (r.nextDouble() - 0.5);
        int g = (int) Math.max(0, Math.min(255, Math.round(v)));
        luma[y * w + x] = 0.299f * g + 0.587f * g + 0.114f * g;
      }
    }
    return luma;
  }
}

package org.hashmatch.hashing.image;

/**
 * Resizes an 8-bit grey plane the way Pillow's {@code Image.resize(size, Image.LANCZOS)} does for
 * mode {@code "L"} images, so that pHash agrees with Python's {@code imagehash}. Thread-safe
 * (stateless).
 *
 * <p>The published algorithm (Pillow {@code libImaging/Resample.c}), reimplemented: separable, a
 * horizontal pass then a vertical pass, each rounded back to 8 bits. For an output sample {@code
 * i} the filter is centred at {@code (i + 0.5) * scale} in input coordinates, where {@code scale =
 * in / out}; when shrinking, the Lanczos-3 kernel ({@code sinc(x) * sinc(x / 3)} on [-3, 3)) is
 * stretched by {@code scale} so that it averages every input pixel (area-aware antialiasing). The
 * taps cover input pixels {@code [(int) (centre - support + 0.5), (int) (centre + support + 0.5))}
 * clamped to the image, are normalised to sum 1, and are converted to 22-bit fixed point, rounding
 * half away from zero. Each output is {@code clip8((2^21 + sum(tap * pixel)) >> 22)}.
 */
public final class LanczosResampler {

  /** Fixed-point precision of Pillow's 8-bit path: {@code 32 - 8 - 2}. */
  private static final int PRECISION_BITS = 22;

  private static final double LANCZOS_SUPPORT = 3.0;

  private LanczosResampler() {}

  /**
   * Resizes {@code src} ({@code srcWidth * srcHeight} unsigned bytes, row-major, read only) to a
   * new {@code dstWidth * dstHeight} plane.
   */
  public static byte[] resize(byte[] src, int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
    if (srcWidth <= 0 || srcHeight <= 0 || dstWidth <= 0 || dstHeight <= 0) {
      throw new IllegalArgumentException(
          "sizes must be positive, got "
              + srcWidth
              + "x"
              + srcHeight
              + " -> "
              + dstWidth
              + "x"
              + dstHeight);
    }
    if (src.length != (long) srcWidth * srcHeight) {
      throw new IllegalArgumentException(
          "plane holds " + src.length + " bytes, expected " + (long) srcWidth * srcHeight);
    }
    byte[] horizontal = src;
    int width = srcWidth;
    if (dstWidth != srcWidth) {
      Coefficients cx = Coefficients.of(srcWidth, dstWidth);
      horizontal = new byte[Math.multiplyExact(dstWidth, srcHeight)];
      // Widening the row to int once lets C2 vectorise the int dot products below; the
      // arithmetic (and its int overflow behaviour) is unchanged.
      int[] row = new int[srcWidth];
      int[] taps = cx.taps;
      for (int y = 0; y < srcHeight; y++) {
        int rowIn = y * srcWidth;
        for (int i = 0; i < srcWidth; i++) {
          row[i] = src[rowIn + i] & 0xFF;
        }
        int rowOut = y * dstWidth;
        for (int x = 0; x < dstWidth; x++) {
          int min = cx.min[x];
          int n = cx.count[x];
          int k = x * cx.kernelSize;
          int ss = 1 << (PRECISION_BITS - 1);
          for (int i = 0; i < n; i++) {
            ss += row[min + i] * taps[k + i];
          }
          horizontal[rowOut + x] = clip8(ss);
        }
      }
      width = dstWidth;
    }
    if (dstHeight == srcHeight) {
      return horizontal == src ? src.clone() : horizontal;
    }
    Coefficients cy = Coefficients.of(srcHeight, dstHeight);
    byte[] out = new byte[Math.multiplyExact(width, dstHeight)];
    for (int y = 0; y < dstHeight; y++) {
      int min = cy.min[y];
      int n = cy.count[y];
      int k = y * cy.kernelSize;
      for (int x = 0; x < width; x++) {
        int ss = 1 << (PRECISION_BITS - 1);
        for (int i = 0; i < n; i++) {
          ss += (horizontal[(min + i) * width + x] & 0xFF) * cy.taps[k + i];
        }
        out[y * width + x] = clip8(ss);
      }
    }
    return out;
  }

  private static byte clip8(int v) {
    if (v >= (1 << PRECISION_BITS << 8)) {
      return (byte) 255;
    }
    if (v <= 0) {
      return 0;
    }
    return (byte) (v >> PRECISION_BITS);
  }

  static double lanczos(double x) {
    if (-LANCZOS_SUPPORT <= x && x < LANCZOS_SUPPORT) {
      return sinc(x) * sinc(x / 3.0);
    }
    return 0.0;
  }

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    double px = x * Math.PI;
    return StrictMath.sin(px) / px;
  }

  /** Fixed-point taps for one axis: output {@code i} reads {@code count[i]} inputs from {@code min[i]}. */
  private record Coefficients(int kernelSize, int[] min, int[] count, int[] taps) {

    static Coefficients of(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = LANCZOS_SUPPORT * filterScale;
      int kernelSize = (int) Math.ceil(support) * 2 + 1;
      int[] min = new int[outSize];
      int[] count = new int[outSize];
      int[] taps = new int[Math.multiplyExact(outSize, kernelSize)];
      double[] w = new double[kernelSize];
      double ss = 1.0 / filterScale;
      for (int i = 0; i < outSize; i++) {
        double centre = (i + 0.5) * scale;
        int lo = Math.max((int) (centre - support + 0.5), 0);
        int hi = Math.min((int) (centre + support + 0.5), inSize);
        int n = Math.min(hi - lo, kernelSize);
        double sum = 0.0;
        for (int j = 0; j < n; j++) {
          w[j] = lanczos((j + lo - centre + 0.5) * ss);
          sum += w[j];
        }
        for (int j = 0; j < n; j++) {
          double v = sum != 0.0 ? w[j] / sum : w[j];
          taps[i * kernelSize + j] =
              v < 0
                  ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                  : (int) (0.5 + v * (1 << PRECISION_BITS));
        }
        min[i] = lo;
        count[i] = Math.max(n, 0);
      }
      return new Coefficients(kernelSize, min, count, taps);
    }
  }
}

package org.hashmatch.bench.robustness;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * Pixel helpers on the working representation of the benchmark: {@link BufferedImage#TYPE_INT_RGB},
 * 8 bits per channel, no alpha. Every method returns a new image and leaves its input alone.
 */
final class Images {

  private Images() {}

  /** A new opaque RGB image filled with {@code fill}. */
  static BufferedImage canvas(int width, int height, Color fill) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] px = pixels(out);
    Arrays.fill(px, fill.getRGB() & 0xFFFFFF);
    return out;
  }

  /** The packed {@code 0xRRGGBB} pixels backing a {@code TYPE_INT_RGB} image (not a copy). */
  static int[] pixels(BufferedImage rgb) {
    if (rgb.getType() != BufferedImage.TYPE_INT_RGB) {
      throw new IllegalArgumentException("expected a TYPE_INT_RGB image, got type " + rgb.getType());
    }
    return ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
  }

  /**
   * Converts any decoded image to the working representation. Colours come from {@link
   * BufferedImage#getRGB} (sRGB, 8 bits). Alpha is either ignored, so the colour samples are used
   * as stored, which is what the service does with an upload, or composited onto white, which is
   * how a cut-out (a sticker or stamp) looks when it is shown or re-shared.
   */
  static BufferedImage toRgb(BufferedImage src, boolean compositeOnWhite) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] dst = pixels(out);
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      src.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int c = row[x];
        if (compositeOnWhite) {
          int a = c >>> 24;
          int r = (((c >>> 16) & 0xFF) * a + 255 * (255 - a) + 127) / 255;
          int g = (((c >>> 8) & 0xFF) * a + 255 * (255 - a) + 127) / 255;
          int b = ((c & 0xFF) * a + 255 * (255 - a) + 127) / 255;
          c = r << 16 | g << 8 | b;
        }
        dst[y * w + x] = c & 0xFFFFFF;
      }
    }
    return out;
  }

  /** True if the image has an alpha channel with at least one pixel that is not opaque. */
  static boolean hasTransparency(BufferedImage src) {
    if (!src.getColorModel().hasAlpha()) {
      return false;
    }
    int w = src.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < src.getHeight(); y++) {
      src.getRGB(0, y, w, 1, row, 0, w);
      for (int c : row) {
        if (c >>> 24 != 0xFF) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Scales so that the longest side is at most {@code maxSide}, by area averaging; smaller images
   * are returned as they are (same instance).
   */
  static BufferedImage limitLongestSide(BufferedImage src, int maxSide) {
    int w = src.getWidth();
    int h = src.getHeight();
    int longest = Math.max(w, h);
    if (longest <= maxSide) {
      return src;
    }
    double s = (double) maxSide / longest;
    int nw = Math.max(1, (int) Math.round(w * s));
    int nh = Math.max(1, (int) Math.round(h * s));
    return areaAverage(src, nw, nh);
  }

  /**
   * Resizes: area averaging when neither side grows (every source pixel contributes by its
   * covered area, the right filter for downscaling), bicubic interpolation otherwise.
   */
  static BufferedImage resize(BufferedImage src, int width, int height) {
    if (width <= src.getWidth() && height <= src.getHeight()) {
      return areaAverage(src, width, height);
    }
    return bicubic(src, width, height);
  }

  /** Exact box-filter downscale, separable, in float; each output pixel is a coverage-weighted mean. */
  static BufferedImage areaAverage(BufferedImage src, int width, int height) {
    if (width < 1 || height < 1 || width > src.getWidth() || height > src.getHeight()) {
      throw new IllegalArgumentException(
          "area averaging shrinks only: " + src.getWidth() + "x" + src.getHeight() + " -> "
              + width + "x" + height);
    }
    int sw = src.getWidth();
    int sh = src.getHeight();
    float[][] c = split(src);
    float[][] out = new float[3][];
    for (int ch = 0; ch < 3; ch++) {
      float[] horizontal = new float[width * sh];
      for (int y = 0; y < sh; y++) {
        boxAxis(c[ch], y * sw, 1, sw, horizontal, y * width, 1, width);
      }
      float[] both = new float[width * height];
      for (int x = 0; x < width; x++) {
        boxAxis(horizontal, x, width, sh, both, x, width, height);
      }
      out[ch] = both;
    }
    return join(out, width, height);
  }

  /** One line of a box downscale from {@code n} samples to {@code m <= n}. */
  private static void boxAxis(
      float[] in, int inOff, int inStride, int n, float[] out, int outOff, int outStride, int m) {
    double scale = (double) n / m;
    for (int i = 0; i < m; i++) {
      double from = i * scale;
      double to = (i + 1) * scale;
      int first = (int) Math.floor(from);
      int last = Math.min(n - 1, (int) Math.ceil(to) - 1);
      double sum = 0;
      double weight = 0;
      for (int k = first; k <= last; k++) {
        double w = Math.min(to, k + 1) - Math.max(from, k);
        if (w > 0) {
          sum += w * in[inOff + k * inStride];
          weight += w;
        }
      }
      out[outOff + i * outStride] = (float) (sum / weight);
    }
  }

  /** Java2D bicubic interpolation (used for enlargements and the aspect stretch). */
  static BufferedImage bicubic(BufferedImage src, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** A sub-rectangle, copied. */
  static BufferedImage crop(BufferedImage src, int x, int y, int width, int height) {
    if (x < 0 || y < 0 || width < 1 || height < 1
        || x + width > src.getWidth() || y + height > src.getHeight()) {
      throw new IllegalArgumentException(
          "crop " + x + "," + y + " " + width + "x" + height + " outside " + src.getWidth() + "x"
              + src.getHeight());
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] s = pixels(src);
    int[] d = pixels(out);
    for (int r = 0; r < height; r++) {
      System.arraycopy(s, (y + r) * src.getWidth() + x, d, r * width, width);
    }
    return out;
  }

  /** {@code src} placed unscaled at ({@code x}, {@code y}) on a canvas of the given size and fill. */
  static BufferedImage place(
      BufferedImage src, int canvasWidth, int canvasHeight, int x, int y, Color fill) {
    BufferedImage out = canvas(canvasWidth, canvasHeight, fill);
    int[] s = pixels(src);
    int[] d = pixels(out);
    for (int r = 0; r < src.getHeight(); r++) {
      System.arraycopy(s, r * src.getWidth(), d, (y + r) * canvasWidth + x, src.getWidth());
    }
    return out;
  }

  /** The three channels as floats 0..255, row-major. */
  static float[][] split(BufferedImage src) {
    int[] px = pixels(src);
    float[][] c = new float[3][px.length];
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      c[0][i] = (p >>> 16) & 0xFF;
      c[1][i] = (p >>> 8) & 0xFF;
      c[2][i] = p & 0xFF;
    }
    return c;
  }

  /** Channels back to an image, rounded and clamped to 0..255. */
  static BufferedImage join(float[][] c, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] px = pixels(out);
    for (int i = 0; i < px.length; i++) {
      px[i] = clamp8(c[0][i]) << 16 | clamp8(c[1][i]) << 8 | clamp8(c[2][i]);
    }
    return out;
  }

  static int clamp8(double v) {
    long r = Math.round(v);
    return r < 0 ? 0 : r > 255 ? 255 : (int) r;
  }

  /** Separable Gaussian blur of one channel, edges clamped, kernel radius ceil(3 sigma). */
  static float[] gaussian(float[] in, int width, int height, double sigma) {
    int radius = (int) Math.ceil(3 * sigma);
    double[] k = new double[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
      sum += k[i + radius];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    float[] tmp = new float[in.length];
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        double acc = 0;
        for (int i = -radius; i <= radius; i++) {
          int xx = Math.min(width - 1, Math.max(0, x + i));
          acc += k[i + radius] * in[row + xx];
        }
        tmp[row + x] = (float) acc;
      }
    }
    float[] out = new float[in.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double acc = 0;
        for (int i = -radius; i <= radius; i++) {
          int yy = Math.min(height - 1, Math.max(0, y + i));
          acc += k[i + radius] * tmp[yy * width + x];
        }
        out[y * width + x] = (float) acc;
      }
    }
    return out;
  }
}

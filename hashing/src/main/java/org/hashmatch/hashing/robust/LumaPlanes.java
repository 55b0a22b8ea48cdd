package org.hashmatch.hashing.robust;

import org.hashmatch.hashing.internal.LumaShape;

/**
 * Geometry on row-major float luma planes: validation, crops and small rotations. Stateless; every
 * method reads its input plane only and returns a new one.
 */
final class LumaPlanes {

  private LumaPlanes() {}

  /**
   * The image under one of the eight symmetries of the rectangle, pixel by pixel (the meaning of
   * each as in {@link org.hashmatch.hashing.Dihedral}: rotations counter-clockwise, {@code FLIP_X}
   * top to bottom, {@code FLIP_Y} left to right).
   *
   * @return a new plane; {@code height x width} for the quarter turns and the diagonal flips,
   *     {@code width x height} otherwise
   */
  static float[] transform(float[] luma, int width, int height, org.hashmatch.hashing.Dihedral d) {
    float[] out = new float[luma.length];
    int w = width;
    int h = height;
    // (x, y) in the source goes to (u, v) in the output of width ow.
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int at = switch (d) {
          case ORIGINAL -> row + x;
          case ROT90 -> (w - 1 - x) * h + y;
          case ROT180 -> (h - 1 - y) * w + (w - 1 - x);
          case ROT270 -> x * h + (h - 1 - y);
          case FLIP_X -> (h - 1 - y) * w + x;
          case FLIP_Y -> row + (w - 1 - x);
          case TRANSPOSE -> x * h + y;
          case TRANSVERSE -> (w - 1 - x) * h + (h - 1 - y);
        };
        out[at] = luma[row + x];
      }
    }
    return out;
  }

  /** True if {@code d} swaps width and height. */
  static boolean swapsAxes(org.hashmatch.hashing.Dihedral d) {
    return switch (d) {
      case ROT90, ROT270, TRANSPOSE, TRANSVERSE -> true;
      default -> false;
    };
  }

  /**
   * Checks a plane's shape.
   *
   * @throws IllegalArgumentException if a dimension is not positive or the length is not {@code
   *     width * height}
   */
  static void requirePlane(float[] luma, int width, int height) {
    LumaShape.require(luma, width, height);
  }


  /**
   * The plane shrunk by an integer {@code factor} in both directions by averaging each {@code
   * factor x factor} block (trailing rows and columns that do not fill a block are dropped).
   *
   * @return a new plane of {@code (width / factor) x (height / factor)}, each at least 1
   */
  static float[] shrink(float[] luma, int width, int height, int factor) {
    int w = Math.max(1, width / factor);
    int h = Math.max(1, height / factor);
    int fx = Math.min(factor, width);
    int fy = Math.min(factor, height);
    float[] out = new float[w * h];
    float[] row = new float[w];
    float scale = 1f / (fx * fy);
    for (int y = 0; y < h; y++) {
      java.util.Arrays.fill(row, 0f);
      for (int dy = 0; dy < fy; dy++) {
        int in = (y * fy + dy) * width;
        for (int x = 0; x < w; x++) {
          float sum = 0;
          for (int dx = 0, at = in + x * fx; dx < fx; dx++, at++) {
            sum += luma[at];
          }
          row[x] += sum;
        }
      }
      for (int x = 0; x < w; x++) {
        out[y * w + x] = row[x] * scale;
      }
    }
    return out;
  }

  /** The mean value, summed in double precision. */
  static float mean(float[] luma) {
    double sum = 0;
    for (float v : luma) {
      sum += v;
    }
    return (float) (sum / luma.length);
  }

  /** The pixels of {@code r}, which must lie inside the image. */
  static float[] crop(float[] luma, int width, Region r) {
    float[] out = new float[Math.toIntExact(r.area())];
    for (int y = 0; y < r.height(); y++) {
      System.arraycopy(luma, (r.y() + y) * width + r.x(), out, y * r.width(), r.width());
    }
    return out;
  }

  /**
   * The image rotated by {@code degrees} counter-clockwise (as seen on screen) about its centre,
   * bilinear, then cut to the largest centred rectangle of the original aspect ratio that holds no
   * pixel from outside the original (the "straighten" crop of photo editors).
   *
   * @return the new plane; its size is {@link #rotatedCropSize}
   */
  static float[] rotateAndCrop(float[] luma, int width, int height, double degrees) {
    int[] size = rotatedCropSize(width, height, degrees);
    return rotate(luma, width, height, degrees, size[0], size[1], Float.NaN);
  }

  /** Width and height of {@link #rotateAndCrop}'s result, each at least 1. */
  static int[] rotatedCropSize(int width, int height, double degrees) {
    double t = Math.toRadians(Math.abs(degrees));
    double c = Math.cos(t);
    double s = Math.sin(t);
    double scale = Math.min(width / (width * c + height * s), height / (width * s + height * c));
    int w = Math.max(1, (int) Math.floor(width * scale));
    int h = Math.max(1, (int) Math.floor(height * scale));
    return new int[] {w, h};
  }

  /**
   * Samples an {@code outWidth x outHeight} window centred on the image's centre from the image
   * rotated counter-clockwise by {@code degrees}; positions more than half a pixel outside the
   * image take {@code fill}, or the nearest edge pixel when {@code fill} is NaN.
   */
  static float[] rotate(
      float[] luma, int width, int height, double degrees, int outWidth, int outHeight,
      float fill) {
    boolean clampOutside = Float.isNaN(fill);
    double t = Math.toRadians(degrees);
    double cos = Math.cos(t);
    double sin = Math.sin(t);
    double cx = width / 2.0;
    double cy = height / 2.0;
    float[] out = new float[Math.multiplyExact(outWidth, outHeight)];
    int maxX = width - 1;
    int maxY = height - 1;
    for (int oy = 0; oy < outHeight; oy++) {
      double v = oy + 0.5 - outHeight / 2.0;
      // Source position of the output pixel centre, minus 0.5 to index pixel centres.
      double sx = cx + (0.5 - outWidth / 2.0) * cos - v * sin - 0.5;
      double sy = cy + (0.5 - outWidth / 2.0) * sin + v * cos - 0.5;
      int row = oy * outWidth;
      for (int ox = 0; ox < outWidth; ox++, sx += cos, sy += sin) {
        if (!clampOutside && (sx < -0.5 || sy < -0.5 || sx > maxX + 0.5 || sy > maxY + 0.5)) {
          out[row + ox] = fill;
          continue;
        }
        double fx = Math.clamp(sx, 0, maxX);
        double fy = Math.clamp(sy, 0, maxY);
        int x0 = Math.min((int) fx, maxX);
        int y0 = Math.min((int) fy, maxY);
        int x1 = Math.min(x0 + 1, maxX);
        int y1 = Math.min(y0 + 1, maxY);
        float ax = (float) (fx - x0);
        float ay = (float) (fy - y0);
        int r0 = y0 * width;
        int r1 = y1 * width;
        float top = luma[r0 + x0] + ax * (luma[r0 + x1] - luma[r0 + x0]);
        float bottom = luma[r1 + x0] + ax * (luma[r1 + x1] - luma[r1 + x0]);
        out[row + ox] = top + ay * (bottom - top);
      }
    }
    return out;
  }
}

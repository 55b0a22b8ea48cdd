package org.hashmatch.hashing.image;

import java.awt.image.BufferedImage;

/**
 * The two planes that the perceptual hashes are computed from, both {@code width * height} values
 * in row-major order.
 *
 * <p>Ownership: the arrays are created by {@link ImageDecoder} for this record alone and are not
 * copied (they can be hundreds of megabytes). Whoever holds the record may read them; nobody should
 * write them.
 *
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param format the detected encoded format
 * @param luma PDQ luminance: {@code 0.299f * R + 0.587f * G + 0.114f * B} in float32, evaluated
 *     left to right, or the grey value itself for grey images
 * @param grey8 Pillow's {@code "L"} conversion, one unsigned byte per pixel: {@code (R * 19595 + G
 *     * 38470 + B * 7471 + 0x8000) >> 16}, or the grey value itself for grey images
 */
public record DecodedImage(int width, int height, ImageFormat format, float[] luma, byte[] grey8) {

  public DecodedImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "dimensions must be positive, got " + width + "x" + height);
    }
    long n = (long) width * height;
    if (luma.length != n || grey8.length != n) {
      throw new IllegalArgumentException(
          "planes must hold "
              + n
              + " values, got luma="
              + luma.length
              + ", grey8="
              + grey8.length);
    }
  }

  /**
   * The planes of an image that is already decoded, by the same colour rules that {@link
   * ImageDecoder} applies to an upload (see {@link PixelPlanes}); for callers that produce images
   * in memory, such as benchmarks that edit an image and hash the result. The image is read, never
   * kept or written.
   *
   * @param image any {@link BufferedImage}
   * @param format the format to report as the source of the planes
   */
  public static DecodedImage fromBufferedImage(BufferedImage image, ImageFormat format) {
    return PixelPlanes.toPlanes(image, format);
  }
}

package org.hashmatch.hashing.image.internal;

/**
 * A decoded 4:2:0 picture: a luma plane and two chroma planes at half resolution in each
 * direction, each row-major with the given stride. The planes may be larger than the picture
 * (VP8 rounds them up to whole 16x16 macroblocks); only the top-left {@code width x height} luma
 * samples and {@code ceil(width / 2) x ceil(height / 2)} chroma samples belong to it.
 *
 * <p>Ownership: the arrays are created by the decoder for this record alone and are not copied.
 *
 * @param width picture width in pixels, at least 1
 * @param height picture height in pixels, at least 1
 * @param y luma samples, at least {@code yStride * height}
 * @param yStride distance between luma rows, at least {@code width}
 * @param u Cb samples, at least {@code uvStride * ceil(height / 2)}
 * @param v Cr samples, same layout as {@code u}
 * @param uvStride distance between chroma rows, at least {@code ceil(width / 2)}
 */
public record YuvPicture(
    int width, int height, byte[] y, int yStride, byte[] u, byte[] v, int uvStride) {

  public YuvPicture {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "dimensions must be positive, got " + width + "x" + height);
    }
    int uvWidth = (width + 1) / 2;
    int uvHeight = (height + 1) / 2;
    if (yStride < width
        || uvStride < uvWidth
        || (long) yStride * height > y.length
        || (long) uvStride * uvHeight > u.length
        || (long) uvStride * uvHeight > v.length) {
      throw new IllegalArgumentException(
          "planes too small for "
              + width
              + "x"
              + height
              + ": y "
              + y.length
              + " (stride "
              + yStride
              + "), u "
              + u.length
              + ", v "
              + v.length
              + " (stride "
              + uvStride
              + ")");
    }
  }
}

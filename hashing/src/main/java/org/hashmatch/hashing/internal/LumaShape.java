package org.hashmatch.hashing.internal;

/** The one check of a luminance plane's shape, shared by the hashers and the robust helpers. */
public final class LumaShape {

  private LumaShape() {}

  /**
   * Checks that {@code luma} holds a {@code width x height} plane.
   *
   * @throws IllegalArgumentException if a dimension is not positive or the length is not {@code
   *     width * height}
   */
  public static void require(float[] luma, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "image dimensions must be positive, got " + width + "x" + height);
    }
    long pixels = (long) width * height;
    if (luma.length != pixels) {
      throw new IllegalArgumentException(
          "luma has " + luma.length + " values, expected width * height = " + width + " * "
              + height + " = " + pixels);
    }
  }
}

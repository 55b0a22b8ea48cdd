package org.hashmatch.hashing.robust;

/**
 * An axis-aligned rectangle of pixels inside an image: columns {@code [x, x + width)} and rows
 * {@code [y, y + height)}.
 *
 * @param x first column, at least 0
 * @param y first row, at least 0
 * @param width columns, at least 1
 * @param height rows, at least 1
 */
public record Region(int x, int y, int width, int height) {

  public Region {
    if (x < 0 || y < 0) {
      throw new IllegalArgumentException("region origin must be non-negative, got " + x + "," + y);
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "region size must be positive, got " + width + "x" + height);
    }
    if ((long) x + width > Integer.MAX_VALUE || (long) y + height > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "region end overflows int: " + x + "+" + width + ", " + y + "+" + height);
    }
  }

  /** The whole of an image of the given size. */
  public static Region whole(int imageWidth, int imageHeight) {
    return new Region(0, 0, imageWidth, imageHeight);
  }

  /** True if this region covers an image of the given size exactly. */
  public boolean isWhole(int imageWidth, int imageHeight) {
    return x == 0 && y == 0 && width == imageWidth && height == imageHeight;
  }

  /** True if this region lies inside an image of the given size. */
  public boolean fitsIn(int imageWidth, int imageHeight) {
    return x + width <= imageWidth && y + height <= imageHeight;
  }

  /** Number of pixels. */
  public long area() {
    return (long) width * height;
  }
}

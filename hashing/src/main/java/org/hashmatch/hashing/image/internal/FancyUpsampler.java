package org.hashmatch.hashing.image.internal;

/**
 * Converts a 4:2:0 {@link YuvPicture} to 8-bit RGB rows exactly as libwebp's default decoding does
 * ({@code WebPDecodeRGB}, {@code dwebp}): "fancy" upsampling of the chroma, then a fixed-point
 * BT.601 conversion. Both are pinned by tests against {@code dwebp} output.
 *
 * <p><b>Upsampling.</b> Chroma sample {@code (i, j)} sits at the centre of luma pixels {@code
 * (2i .. 2i+1, 2j .. 2j+1)}, so each luma pixel has a nearest chroma sample {@code a}, a horizontal
 * neighbour {@code b}, a vertical one {@code c} and a diagonal one {@code d}, weighted 9:3:3:1.
 * libwebp rounds twice, and so must we: {@code m = (a + 3b + 3c + d + 8) >> 3}, then {@code (m +
 * a) >> 1}. At the picture's edges the missing neighbour is the sample itself: the first row (and
 * the last, when the height is even) uses one chroma row, and the first column (and the last,
 * when the width is even) interpolates vertically only, as {@code (3a + c + 2) >> 2}.
 *
 * <p><b>Conversion</b> (libwebp's 14-bit fixed point): with {@code mulHi(x, k) = (x * k) >> 8},
 *
 * <pre>
 *   R = clip((mulHi(Y, 19077) + mulHi(V, 26149) - 14234) >> 6)
 *   G = clip((mulHi(Y, 19077) - mulHi(U, 6419) - mulHi(V, 13320) + 8708) >> 6)
 *   B = clip((mulHi(Y, 19077) + mulHi(U, 33050) - 17685) >> 6)
 * </pre>
 *
 * <p>where {@code clip} saturates to 0..255 (the shift applies to in-range values).
 */
public final class FancyUpsampler {

  /** Receives one RGB row; the array is reused for the next row. */
  @FunctionalInterface
  public interface RowSink {
    /**
     * Row {@code y} of the picture as {@code 3 * width} bytes R, G, B. Rows arrive in order
     * {@code 0, 1, 2, ...}. The array is owned by the upsampler: read it before returning.
     */
    void row(int y, byte[] rgb);
  }

  private FancyUpsampler() {}

  /** Emits every row of {@code picture} as RGB to {@code sink}, top to bottom. */
  public static void toRgb(YuvPicture picture, RowSink sink) {
    int w = picture.width();
    int h = picture.height();
    byte[] rgb = new byte[3 * w];
    int[] uRow = new int[w];
    int[] vRow = new int[w];
    byte[] u = picture.u();
    byte[] v = picture.v();
    int cs = picture.uvStride();
    // Row 0: chroma row 0 alone.
    upsampleRow(u, 0, u, 0, w, uRow);
    upsampleRow(v, 0, v, 0, w, vRow);
    convertRow(picture, 0, uRow, vRow, rgb);
    sink.row(0, rgb);
    // Rows 2j+1 and 2j+2 lie between chroma rows j and j+1: the nearer one weighs 3, the other 1.
    for (int j = 0; 2 * j + 2 < h; j++) {
      int top = j * cs;
      int bottom = (j + 1) * cs;
      upsampleRow(u, top, u, bottom, w, uRow);
      upsampleRow(v, top, v, bottom, w, vRow);
      convertRow(picture, 2 * j + 1, uRow, vRow, rgb);
      sink.row(2 * j + 1, rgb);
      upsampleRow(u, bottom, u, top, w, uRow);
      upsampleRow(v, bottom, v, top, w, vRow);
      convertRow(picture, 2 * j + 2, uRow, vRow, rgb);
      sink.row(2 * j + 2, rgb);
    }
    if ((h & 1) == 0 && h > 1) {
      // Even height: the last row has no chroma row below it.
      int last = (h / 2 - 1) * cs;
      upsampleRow(u, last, u, last, w, uRow);
      upsampleRow(v, last, v, last, w, vRow);
      convertRow(picture, h - 1, uRow, vRow, rgb);
      sink.row(h - 1, rgb);
    }
  }

  /**
   * One row of full-resolution chroma: {@code near} is the chroma row nearer to this luma row,
   * {@code far} the other (equal to {@code near} at the top and bottom edges).
   */
  private static void upsampleRow(
      byte[] nearPlane, int near, byte[] farPlane, int far, int width, int[] out) {
    int a0 = nearPlane[near] & 0xFF;
    int c0 = farPlane[far] & 0xFF;
    out[0] = (3 * a0 + c0 + 2) >> 2;
    int pairs = (width - 1) >> 1;
    for (int x = 1; x <= pairs; x++) {
      // Luma pixels 2x-1 and 2x lie between chroma columns x-1 (left) and x (right).
      int nl = a0;
      int fl = c0;
      int nr = nearPlane[near + x] & 0xFF;
      int fr = farPlane[far + x] & 0xFF;
      int sum = nl + nr + fl + fr + 8;
      int towardsLeft = (sum + 2 * (nr + fl)) >> 3; // (nl + 3 nr + 3 fl + fr + 8) >> 3
      int towardsRight = (sum + 2 * (nl + fr)) >> 3; // (3 nl + nr + fl + 3 fr + 8) >> 3
      out[2 * x - 1] = (towardsLeft + nl) >> 1;
      out[2 * x] = (towardsRight + nr) >> 1;
      a0 = nr;
      c0 = fr;
    }
    if ((width & 1) == 0) {
      out[width - 1] = (3 * a0 + c0 + 2) >> 2;
    }
  }

  private static void convertRow(YuvPicture picture, int row, int[] u, int[] v, byte[] rgb) {
    byte[] yPlane = picture.y();
    int yAt = row * picture.yStride();
    for (int x = 0, o = 0; x < picture.width(); x++, o += 3) {
      int y = yPlane[yAt + x] & 0xFF;
      int ux = u[x];
      int vx = v[x];
      int luma = (y * 19077) >> 8;
      rgb[o] = clip(luma + ((vx * 26149) >> 8) - 14234);
      rgb[o + 1] = clip(luma - ((ux * 6419) >> 8) - ((vx * 13320) >> 8) + 8708);
      rgb[o + 2] = clip(luma + ((ux * 33050) >> 8) - 17685);
    }
  }

  /** A 14-bit fixed-point value to 0..255. */
  private static byte clip(int v) {
    return (byte) ((v & ~0x3FFF) == 0 ? v >> 6 : v < 0 ? 0 : 255);
  }
}

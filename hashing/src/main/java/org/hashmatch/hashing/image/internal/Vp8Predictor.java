package org.hashmatch.hashing.image.internal;

import java.util.Arrays;
/**
 * Intra prediction of RFC 6386 section 12, written straight into a plane.
 *
 * <p>Edges, all read from the plane before loop filtering (the decoder filters a macroblock row
 * only after the row below it has been predicted):
 *
 * <ul>
 *   <li>above the frame: 127, including the above-left corner and the above-right pixels;
 *   <li>left of the frame: 129, including the above-left corner of blocks below the top row;
 *   <li>above-right of the rightmost subblocks (3, 7, 11, 15) of a macroblock: the four pixels
 *       above-right of the macroblock itself; for the rightmost macroblock of a row, the pixel
 *       above its column 15, repeated;
 *   <li>16x16 and chroma DC prediction average only the edges that exist (128 when neither does).
 * </ul>
 *
 * <p>Not thread-safe: holds edge scratch arrays; one instance per decode.
 */
final class Vp8Predictor {

  /** 16x16 and chroma modes, RFC 6386 section 11.2. */
  static final int DC_PRED = 0;

  static final int V_PRED = 1;
  static final int H_PRED = 2;
  static final int TM_PRED = 3;
  static final int B_PRED = 4;

  /** Subblock modes, RFC 6386 section 11.2, in the RFC's order. */
  static final int B_DC_PRED = 0;

  static final int B_TM_PRED = 1;
  static final int B_VE_PRED = 2;
  static final int B_HE_PRED = 3;
  static final int B_LD_PRED = 4;
  static final int B_RD_PRED = 5;
  static final int B_VR_PRED = 6;
  static final int B_VL_PRED = 7;
  static final int B_HD_PRED = 8;
  static final int B_HU_PRED = 9;

  /** Above row of a subblock: 4 pixels above, then 4 above-right. */
  private final int[] above = new int[8];

  private final int[] left = new int[4];

  /** Edge pixels from bottom-left to top-right: L3 L2 L1 L0 P A0 A1 A2 A3. */
  private final int[] edge = new int[9];

  /**
   * Predicts a {@code size}x{@code size} block ({@code size} 16 for luma, 8 for chroma) whose top
   * left pixel is {@code plane[at]}. {@code hasAbove} and {@code hasLeft} say whether the
   * macroblock has a neighbour above and to the left inside the frame.
   */
  void predictBlock(
      byte[] plane, int at, int stride, int size, int mode, boolean hasAbove, boolean hasLeft) {
    switch (mode) {
      case DC_PRED -> {
        int shift = size == 16 ? 4 : 3;
        int sum = 0;
        int dc;
        if (hasAbove && hasLeft) {
          for (int i = 0; i < size; i++) {
            sum += (plane[at - stride + i] & 0xFF) + (plane[at + i * stride - 1] & 0xFF);
          }
          dc = (sum + size) >> (shift + 1);
        } else if (hasAbove) {
          for (int i = 0; i < size; i++) {
            sum += plane[at - stride + i] & 0xFF;
          }
          dc = (sum + (size >> 1)) >> shift;
        } else if (hasLeft) {
          for (int i = 0; i < size; i++) {
            sum += plane[at + i * stride - 1] & 0xFF;
          }
          dc = (sum + (size >> 1)) >> shift;
        } else {
          dc = 128;
        }
        for (int r = 0; r < size; r++) {
          Arrays.fill(plane, at + r * stride, at + r * stride + size, (byte) dc);
        }
      }
      case V_PRED -> {
        for (int r = 0; r < size; r++) {
          if (hasAbove) {
            System.arraycopy(plane, at - stride, plane, at + r * stride, size);
          } else {
            Arrays.fill(plane, at + r * stride, at + r * stride + size, (byte) 127);
          }
        }
      }
      case H_PRED -> {
        for (int r = 0; r < size; r++) {
          byte v = hasLeft ? plane[at + r * stride - 1] : (byte) 129;
          Arrays.fill(plane, at + r * stride, at + r * stride + size, v);
        }
      }
      case TM_PRED -> {
        int corner = !hasAbove ? 127 : !hasLeft ? 129 : plane[at - stride - 1] & 0xFF;
        for (int r = 0; r < size; r++) {
          int l = hasLeft ? plane[at + r * stride - 1] & 0xFF : 129;
          int row = at + r * stride;
          for (int c = 0; c < size; c++) {
            int a = hasAbove ? plane[at - stride + c] & 0xFF : 127;
            plane[row + c] = Vp8Transforms.clamp255(l + a - corner);
          }
        }
      }
      default -> throw new IllegalArgumentException("not a 16x16 or chroma mode: " + mode);
    }
  }

  /**
   * Predicts luma subblock {@code n} (0..15, raster order) of the macroblock at column {@code mbX}
   * of {@code mbCols}, row {@code mbY}, whose top left pixel is {@code plane[mbAt]}.
   */
  void predictSubblock(
      byte[] plane, int mbAt, int stride, int mbX, int mbY, int mbCols, int n, int mode) {
    int bx = n & 3;
    int by = n >> 2;
    int at = mbAt + by * 4 * stride + bx * 4;
    boolean top = mbY > 0 || by > 0;
    boolean leftIn = mbX > 0 || bx > 0;
    for (int i = 0; i < 4; i++) {
      above[i] = top ? plane[at - stride + i] & 0xFF : 127;
      left[i] = leftIn ? plane[at + i * stride - 1] & 0xFF : 129;
    }
    int corner = !top ? 127 : !leftIn ? 129 : plane[at - stride - 1] & 0xFF;
    if (bx < 3) {
      // Above-right lies in the row above this subblock: the macroblock above, or a subblock of
      // this macroblock that is already reconstructed.
      for (int i = 0; i < 4; i++) {
        above[4 + i] = top ? plane[at - stride + 4 + i] & 0xFF : 127;
      }
    } else {
      int mbAbove = mbAt - stride;
      for (int i = 0; i < 4; i++) {
        if (mbY == 0) {
          above[4 + i] = 127;
        } else if (mbX < mbCols - 1) {
          above[4 + i] = plane[mbAbove + 16 + i] & 0xFF;
        } else {
          above[4 + i] = plane[mbAbove + 15] & 0xFF;
        }
      }
    }
    predict4x4(plane, at, stride, mode, corner);
  }

  private static int avg3(int x, int y, int z) {
    return (x + y + y + z + 2) >> 2;
  }

  private static int avg2(int x, int y) {
    return (x + y + 1) >> 1;
  }

  private static void put(byte[] plane, int at, int stride, int r, int c, int v) {
    plane[at + r * stride + c] = (byte) v;
  }

  private void predict4x4(byte[] plane, int at, int stride, int mode, int p) {
    int[] a = above;
    int[] l = left;
    int[] e = edge;
    e[0] = l[3];
    e[1] = l[2];
    e[2] = l[1];
    e[3] = l[0];
    e[4] = p;
    e[5] = a[0];
    e[6] = a[1];
    e[7] = a[2];
    e[8] = a[3];
    switch (mode) {
      case B_DC_PRED -> {
        int v = 4;
        for (int i = 0; i < 4; i++) {
          v += a[i] + l[i];
        }
        fill4x4(plane, at, stride, v >> 3);
      }
      case B_TM_PRED -> {
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            plane[at + r * stride + c] = Vp8Transforms.clamp255(l[r] + a[c] - p);
          }
        }
      }
      case B_VE_PRED -> {
        for (int c = 0; c < 4; c++) {
          int v = avg3(c == 0 ? p : a[c - 1], a[c], a[c + 1]);
          for (int r = 0; r < 4; r++) {
            put(plane, at, stride, r, c, v);
          }
        }
      }
      case B_HE_PRED -> {
        int[] rows = {
          avg3(p, l[0], l[1]),
          avg3(l[0], l[1], l[2]),
          avg3(l[1], l[2], l[3]),
          avg3(l[2], l[3], l[3]),
        };
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            put(plane, at, stride, r, c, rows[r]);
          }
        }
      }
      case B_LD_PRED -> {
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            int k = r + c;
            int v = k < 6 ? avg3(a[k], a[k + 1], a[k + 2]) : avg3(a[6], a[7], a[7]);
            put(plane, at, stride, r, c, v);
          }
        }
      }
      case B_RD_PRED -> {
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            int k = 4 + c - r;
            put(plane, at, stride, r, c, avg3(e[k - 1], e[k], e[k + 1]));
          }
        }
      }
      case B_VR_PRED -> {
        put(plane, at, stride, 3, 0, avg3(e[1], e[2], e[3]));
        put(plane, at, stride, 2, 0, avg3(e[2], e[3], e[4]));
        int v = avg3(e[3], e[4], e[5]);
        put(plane, at, stride, 3, 1, v);
        put(plane, at, stride, 1, 0, v);
        v = avg2(e[4], e[5]);
        put(plane, at, stride, 2, 1, v);
        put(plane, at, stride, 0, 0, v);
        v = avg3(e[4], e[5], e[6]);
        put(plane, at, stride, 3, 2, v);
        put(plane, at, stride, 1, 1, v);
        v = avg2(e[5], e[6]);
        put(plane, at, stride, 2, 2, v);
        put(plane, at, stride, 0, 1, v);
        v = avg3(e[5], e[6], e[7]);
        put(plane, at, stride, 3, 3, v);
        put(plane, at, stride, 1, 2, v);
        v = avg2(e[6], e[7]);
        put(plane, at, stride, 2, 3, v);
        put(plane, at, stride, 0, 2, v);
        put(plane, at, stride, 1, 3, avg3(e[6], e[7], e[8]));
        put(plane, at, stride, 0, 3, avg2(e[7], e[8]));
      }
      case B_VL_PRED -> {
        put(plane, at, stride, 0, 0, avg2(a[0], a[1]));
        put(plane, at, stride, 1, 0, avg3(a[0], a[1], a[2]));
        int v = avg2(a[1], a[2]);
        put(plane, at, stride, 2, 0, v);
        put(plane, at, stride, 0, 1, v);
        v = avg3(a[1], a[2], a[3]);
        put(plane, at, stride, 1, 1, v);
        put(plane, at, stride, 3, 0, v);
        v = avg2(a[2], a[3]);
        put(plane, at, stride, 2, 1, v);
        put(plane, at, stride, 0, 2, v);
        v = avg3(a[2], a[3], a[4]);
        put(plane, at, stride, 3, 1, v);
        put(plane, at, stride, 1, 2, v);
        v = avg2(a[3], a[4]);
        put(plane, at, stride, 2, 2, v);
        put(plane, at, stride, 0, 3, v);
        v = avg3(a[3], a[4], a[5]);
        put(plane, at, stride, 3, 2, v);
        put(plane, at, stride, 1, 3, v);
        put(plane, at, stride, 2, 3, avg3(a[4], a[5], a[6]));
        put(plane, at, stride, 3, 3, avg3(a[5], a[6], a[7]));
      }
      case B_HD_PRED -> {
        put(plane, at, stride, 3, 0, avg2(e[0], e[1]));
        put(plane, at, stride, 3, 1, avg3(e[0], e[1], e[2]));
        int v = avg2(e[1], e[2]);
        put(plane, at, stride, 2, 0, v);
        put(plane, at, stride, 3, 2, v);
        v = avg3(e[1], e[2], e[3]);
        put(plane, at, stride, 2, 1, v);
        put(plane, at, stride, 3, 3, v);
        v = avg2(e[2], e[3]);
        put(plane, at, stride, 2, 2, v);
        put(plane, at, stride, 1, 0, v);
        v = avg3(e[2], e[3], e[4]);
        put(plane, at, stride, 2, 3, v);
        put(plane, at, stride, 1, 1, v);
        v = avg2(e[3], e[4]);
        put(plane, at, stride, 1, 2, v);
        put(plane, at, stride, 0, 0, v);
        v = avg3(e[3], e[4], e[5]);
        put(plane, at, stride, 1, 3, v);
        put(plane, at, stride, 0, 1, v);
        put(plane, at, stride, 0, 2, avg3(e[4], e[5], e[6]));
        put(plane, at, stride, 0, 3, avg3(e[5], e[6], e[7]));
      }
      case B_HU_PRED -> {
        put(plane, at, stride, 0, 0, avg2(l[0], l[1]));
        put(plane, at, stride, 0, 1, avg3(l[0], l[1], l[2]));
        int v = avg2(l[1], l[2]);
        put(plane, at, stride, 0, 2, v);
        put(plane, at, stride, 1, 0, v);
        v = avg3(l[1], l[2], l[3]);
        put(plane, at, stride, 0, 3, v);
        put(plane, at, stride, 1, 1, v);
        v = avg2(l[2], l[3]);
        put(plane, at, stride, 1, 2, v);
        put(plane, at, stride, 2, 0, v);
        v = avg3(l[2], l[3], l[3]);
        put(plane, at, stride, 1, 3, v);
        put(plane, at, stride, 2, 1, v);
        put(plane, at, stride, 2, 2, l[3]);
        put(plane, at, stride, 2, 3, l[3]);
        for (int c = 0; c < 4; c++) {
          put(plane, at, stride, 3, c, l[3]);
        }
      }
      default -> throw new IllegalArgumentException("not a subblock mode: " + mode);
    }
  }

  private static void fill4x4(byte[] plane, int at, int stride, int v) {
    for (int r = 0; r < 4; r++) {
      Arrays.fill(plane, at + r * stride, at + r * stride + 4, (byte) v);
    }
  }
}

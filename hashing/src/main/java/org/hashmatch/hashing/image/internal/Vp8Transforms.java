package org.hashmatch.hashing.image.internal;

/**
 * The inverse transforms of RFC 6386 section 14: the Walsh-Hadamard transform of the Y2 block and
 * the 4x4 DCT, with the residue added to the prediction already in the plane.
 *
 * <p>Intermediate values are kept in {@code int}; the dequantized inputs and the WHT outputs are
 * 16-bit values (the caller stores them through a {@code short} cast, as libwebp does). This is
 * libwebp's plain C arithmetic. Its SSE2 code, which {@code dwebp} uses on x86, works in 16-bit
 * lanes and differs from its own C code when coefficients are far outside what an encoder
 * produces: on damaged streams (bit flips) we measured rare pixels that differ from {@code dwebp}
 * but equal {@code dwebp -noasm}. Valid streams agree with both.
 */
final class Vp8Transforms {

  private Vp8Transforms() {}

  /** {@code sqrt(2) * cos(pi / 8) - 1} and {@code sqrt(2) * sin(pi / 8)} in 16-bit fixed point. */
  private static final int COS_MINUS_1 = 20091;

  private static final int SIN = 35468;

  private static int mulCos(int a) {
    return ((a * COS_MINUS_1) >> 16) + a;
  }

  private static int mulSin(int a) {
    return (a * SIN) >> 16;
  }

  /**
   * Inverse WHT of {@code in[0..15]} (row-major), writing output {@code (i, j)} to {@code
   * out[outOffset + (i * 4 + j) * 16]}, the DC position of Y subblock {@code i * 4 + j}.
   */
  static void inverseWht(int[] in, int[] out, int outOffset) {
    int[] t = new int[16];
    for (int i = 0; i < 4; i++) {
      int a1 = in[i] + in[12 + i];
      int b1 = in[4 + i] + in[8 + i];
      int c1 = in[4 + i] - in[8 + i];
      int d1 = in[i] - in[12 + i];
      t[i] = a1 + b1;
      t[4 + i] = c1 + d1;
      t[8 + i] = a1 - b1;
      t[12 + i] = d1 - c1;
    }
    for (int i = 0; i < 4; i++) {
      int a1 = t[4 * i] + t[4 * i + 3];
      int b1 = t[4 * i + 1] + t[4 * i + 2];
      int c1 = t[4 * i + 1] - t[4 * i + 2];
      int d1 = t[4 * i] - t[4 * i + 3];
      int base = outOffset + i * 64;
      out[base] = (short) ((a1 + b1 + 3) >> 3);
      out[base + 16] = (short) ((c1 + d1 + 3) >> 3);
      out[base + 32] = (short) ((a1 - b1 + 3) >> 3);
      out[base + 48] = (short) ((d1 - c1 + 3) >> 3);
    }
  }

  /**
   * Adds the inverse DCT of the 16 coefficients at {@code in[inOffset..]} (row-major) to the 4x4
   * pixels at {@code plane[at]} (row stride {@code stride}), saturating to 0..255. {@code tmp}
   * is scratch space of at least 16 ints.
   */
  static void addInverseDct(int[] in, int inOffset, byte[] plane, int at, int stride, int[] tmp) {
    for (int i = 0; i < 4; i++) {
      int i0 = in[inOffset + i];
      int i4 = in[inOffset + 4 + i];
      int i8 = in[inOffset + 8 + i];
      int i12 = in[inOffset + 12 + i];
      int a1 = i0 + i8;
      int b1 = i0 - i8;
      int c1 = mulSin(i4) - mulCos(i12);
      int d1 = mulCos(i4) + mulSin(i12);
      tmp[i] = a1 + d1;
      tmp[12 + i] = a1 - d1;
      tmp[4 + i] = b1 + c1;
      tmp[8 + i] = b1 - c1;
    }
    for (int r = 0; r < 4; r++) {
      int t0 = tmp[4 * r];
      int t1 = tmp[4 * r + 1];
      int t2 = tmp[4 * r + 2];
      int t3 = tmp[4 * r + 3];
      int a1 = t0 + t2;
      int b1 = t0 - t2;
      int c1 = mulSin(t1) - mulCos(t3);
      int d1 = mulCos(t1) + mulSin(t3);
      int p = at + r * stride;
      plane[p] = clamp255((plane[p] & 0xFF) + ((a1 + d1 + 4) >> 3));
      plane[p + 1] = clamp255((plane[p + 1] & 0xFF) + ((b1 + c1 + 4) >> 3));
      plane[p + 2] = clamp255((plane[p + 2] & 0xFF) + ((b1 - c1 + 4) >> 3));
      plane[p + 3] = clamp255((plane[p + 3] & 0xFF) + ((a1 - d1 + 4) >> 3));
    }
  }

  /** The inverse DCT of a block whose only non-zero coefficient is {@code dc}: a constant. */
  static void addDcOnly(int dc, byte[] plane, int at, int stride) {
    int d = (dc + 4) >> 3;
    for (int r = 0; r < 4; r++) {
      int p = at + r * stride;
      for (int c = 0; c < 4; c++) {
        plane[p + c] = clamp255((plane[p + c] & 0xFF) + d);
      }
    }
  }

  static byte clamp255(int v) {
    return (byte) ((v & ~0xFF) == 0 ? v : v < 0 ? 0 : 255);
  }
}

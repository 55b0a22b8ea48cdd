package org.hashmatch.hashing.dct;

/**
 * The PDQ DCT basis: 16 rows (frequencies 1..16, the DC row left out) by 64 columns, float32.
 *
 * <p>Entry {@code (i, j)} is {@code (float) (s * cos(PI / 2 / 64 * (i + 1) * (2j + 1)))} where
 * {@code s = (float) sqrt(2 / 64)}; the product is taken in double and rounded to float once, as
 * the reference does. {@link StrictMath#cos} is used so the table does not depend on the platform's
 * intrinsic; for these 1024 arguments it rounds to the same floats as the C library's {@code cos}
 * (the conformance tests would show any difference as flipped bits).
 */
public final class DctBasis {

  /** Number of basis rows (output frequencies). */
  public static final int ROWS = 16;
  /** Number of basis columns (input samples). */
  public static final int COLS = 64;

  /** Row-major 16x64. Never handed out; kernels read it in place. */
  static final float[] ROW_MAJOR = build();
  /** The transpose, row-major 64x16: {@code TRANSPOSED[k * 16 + j] = ROW_MAJOR[j * 64 + k]}. */
  static final float[] TRANSPOSED = transpose(ROW_MAJOR);

  private DctBasis() {}

  /** A fresh copy of the row-major 16x64 basis; the caller owns it. */
  public static float[] rowMajor() {
    return ROW_MAJOR.clone();
  }

  private static float[] build() {
    float scale = (float) StrictMath.sqrt(2.0 / COLS);
    float[] d = new float[ROWS * COLS];
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < COLS; j++) {
        d[i * COLS + j] = (float) (scale * StrictMath.cos((Math.PI / 2 / COLS) * (i + 1) * (2 * j + 1)));
      }
    }
    return d;
  }

  private static float[] transpose(float[] d) {
    float[] t = new float[COLS * ROWS];
    for (int i = 0; i < ROWS; i++) {
      for (int k = 0; k < COLS; k++) {
        t[k * ROWS + i] = d[i * COLS + k];
      }
    }
    return t;
  }
}

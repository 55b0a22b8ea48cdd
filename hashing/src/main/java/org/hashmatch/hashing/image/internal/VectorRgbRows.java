package org.hashmatch.hashing.image.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * Rows of interleaved 8-bit RGB samples (three or four bytes per pixel: JPEG's BGR, PNG's RGB and
 * RGBA, TIFF's ...) to the luma and grey planes with the Vector API, {@code L} pixels per step
 * ({@code L} = the preferred int lanes: 16 with AVX-512, 8 with AVX2).
 *
 * <p>Each step widens the {@code pixelStride * L} bytes of {@code L} pixels to ints (one
 * zero-extending conversion per {@code L} bytes, no byte shuffles, which many CPUs lack at full
 * width), then gathers each channel from those {@code pixelStride} vectors with two-source
 * permutes: the first from vectors 0 and 1, each later one merging the next vector into the
 * result, so three or four vectors take two or three permutes per channel.
 *
 * <p>The numerics are those of the scalar rule in {@code PixelPlanes}: {@code (0.299f * r + 0.587f
 * * g) + 0.114f * b} in float32 (each product of a float and a small integer is exact input to the
 * same rounded additions), and Pillow's fixed-point {@code L} for the grey plane. Measured on
 * 12 MP of BGR: 3.3 ms against 10 ms for the table-driven scalar loop (Zen 5).
 *
 * <p>Loaded reflectively by {@code PixelPlanes}, and only when the PDQ vector kernel is, so that
 * nothing else links against {@code jdk.incubator.vector}. Not API.
 */
public final class VectorRgbRows implements InterleavedRgb.Factory {

  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int L = I.length();
  private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, I.vectorShape());
  /** Bytes of {@code L} pixel samples (a placeholder shape where {@code L < 8}, never used). */
  private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class,
      L >= 8 ? VectorShape.forBitSize(I.vectorBitSize() / 4) : VectorShape.S_64_BIT);
  private static final float R_WEIGHT = 0.299f;
  private static final float G_WEIGHT = 0.587f;
  private static final float B_WEIGHT = 0.114f;

  /** The factory; public for the reflective load. */
  public VectorRgbRows() {}

  /**
   * {@inheritDoc} Handles 3 or 4 bytes per pixel with every sample inside its pixel, where the
   * preferred vectors hold at least eight ints.
   */
  @Override
  public InterleavedRgb.@Nullable Rows forLayout(int pixelStride, int ro, int go, int bo) {
    if ((pixelStride != 3 && pixelStride != 4) || L < 8
        || Math.max(ro, Math.max(go, bo)) >= pixelStride || Math.min(ro, Math.min(go, bo)) < 0) {
      return null;
    }
    int[] offsets = {ro, go, bo};
    int merges = pixelStride - 1;
    int[] indexes = new int[3 * merges * L];
    for (int c = 0; c < 3; c++) {
      for (int m = 0; m < merges; m++) {
        for (int k = 0; k < L; k++) {
          int source = pixelStride * k + offsets[c];
          int vector = source / L;
          int index;
          if (m == 0) {
            // Vectors 0 and 1; lanes from later vectors are overwritten by later merges.
            index = vector <= 1 ? source : 0;
          } else {
            // Keep the lane (index k of the first operand) or take it from vector m + 1.
            index = vector == m + 1 ? L + source - (m + 1) * L : k;
          }
          indexes[(c * merges + m) * L + k] = index;
        }
      }
    }
    return new Rows(pixelStride, offsets, indexes);
  }

  private static final class Rows implements InterleavedRgb.Rows {
    private final int pixelStride;
    private final int[] offsets;
    /** For channel {@code c} (r, g, b) and merge {@code m}: {@code L} permute indexes. */
    private final int[] indexes;

    Rows(int pixelStride, int[] offsets, int[] indexes) {
      this.pixelStride = pixelStride;
      this.offsets = offsets;
      this.indexes = indexes;
    }

    @Override
    public void row(byte[] data, int p, int n, float[] luma, byte[] grey8, int out) {
      int done = steps(data, p, n, luma, grey8, out);
      int ro = offsets[0];
      int go = offsets[1];
      int bo = offsets[2];
      for (int x = done, q = p + done * pixelStride; x < n; x++, q += pixelStride) {
        int r = data[q + ro] & 0xFF;
        int g = data[q + go] & 0xFF;
        int b = data[q + bo] & 0xFF;
        luma[out + x] = R_WEIGHT * r + G_WEIGHT * g + B_WEIGHT * b;
        grey8[out + x] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16);
      }
    }

    /**
     * Whole steps of {@code L} pixels; returns the pixels done. One loop for both strides: {@code
     * four} is loop-invariant, so C2 unswitches it into one loop per stride.
     */
    private int steps(byte[] data, int p, int n, float[] luma, byte[] grey8, int out) {
      int[] ix = indexes;
      boolean four = pixelStride == 4;
      int step = pixelStride * L;
      int channel = (pixelStride - 1) * L; // indexes per channel
      IntVector r0 = IntVector.fromArray(I, ix, 0);
      IntVector r1 = IntVector.fromArray(I, ix, L);
      IntVector r2 = four ? IntVector.fromArray(I, ix, 2 * L) : r1;
      IntVector g0 = IntVector.fromArray(I, ix, channel);
      IntVector g1 = IntVector.fromArray(I, ix, channel + L);
      IntVector g2 = four ? IntVector.fromArray(I, ix, channel + 2 * L) : g1;
      IntVector b0 = IntVector.fromArray(I, ix, 2 * channel);
      IntVector b1 = IntVector.fromArray(I, ix, 2 * channel + L);
      IntVector b2 = four ? IntVector.fromArray(I, ix, 2 * channel + 2 * L) : b1;
      int x = 0;
      for (; x + L <= n && p + step <= data.length; x += L, p += step) {
        IntVector v0 = widen(data, p);
        IntVector v1 = widen(data, p + L);
        IntVector v2 = widen(data, p + 2 * L);
        IntVector r = r1.selectFrom(r0.selectFrom(v0, v1), v2);
        IntVector g = g1.selectFrom(g0.selectFrom(v0, v1), v2);
        IntVector b = b1.selectFrom(b0.selectFrom(v0, v1), v2);
        if (four) {
          IntVector v3 = widen(data, p + 3 * L);
          r = r2.selectFrom(r, v3);
          g = g2.selectFrom(g, v3);
          b = b2.selectFrom(b, v3);
        }
        store(r, g, b, luma, grey8, out + x);
      }
      return x;
    }
  }

  /** {@code L} bytes from {@code p}, zero-extended to ints. */
  private static IntVector widen(byte[] data, int p) {
    return ((IntVector) ByteVector.fromArray(B, data, p).convertShape(VectorOperators.B2I, I, 0))
        .and(0xFF);
  }

  private static void store(
      IntVector r, IntVector g, IntVector b, float[] luma, byte[] grey8, int out) {
    FloatVector fr = (FloatVector) r.convertShape(VectorOperators.I2F, F, 0);
    FloatVector fg = (FloatVector) g.convertShape(VectorOperators.I2F, F, 0);
    FloatVector fb = (FloatVector) b.convertShape(VectorOperators.I2F, F, 0);
    fr.mul(R_WEIGHT).add(fg.mul(G_WEIGHT)).add(fb.mul(B_WEIGHT)).intoArray(luma, out);
    r.mul(19595).add(g.mul(38470)).add(b.mul(7471)).add(0x8000)
        .lanewise(VectorOperators.LSHR, 16)
        .convertShape(VectorOperators.I2B, B, 0)
        .reinterpretAsBytes()
        .intoArray(grey8, out);
  }
}

package org.hashmatch.hashing;

import java.util.Arrays;
import org.hashmatch.hashing.image.LanczosResampler;
import org.jtransforms.dct.DoubleDCT_2D;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * 64-bit pHash as defined by Python's {@code imagehash.phash} (hash size 8, high-frequency factor
 * 4). Thread-safe: the DCT plan and buffers live in per-thread state.
 *
 * <p>Definition: convert to Pillow {@code "L"} ({@code (R * 19595 + G * 38470 + B * 7471 + 0x8000)
 * >> 16}); resize to 32x32 with Pillow's Lanczos filter ({@link LanczosResampler}); take the
 * two-dimensional DCT-II (as {@code scipy.fftpack.dct} along axis 0, then axis 1); keep the
 * top-left 8x8 block, DC included; its median is the mean of the two middle values (numpy); bit
 * {@code 63 - (8 * row + col)} is set when coefficient {@code (row, col)} is strictly greater than
 * the median. The hex form is therefore the bits in row-major order, most significant first.
 *
 * <p>The DCT comes from JTransforms without scaling. scipy's unnormalised DCT-II is twice as large
 * per axis; a uniform factor cannot change a comparison against the median, so the bits agree.
 */
public final class PHasher {

  private static final int SIZE = 32;
  private static final int LOW = 8;

  static {
    // We parallelise across requests; JTransforms must not start its own thread pool.
    ConcurrencyUtils.setNumberOfThreads(1);
  }

  /** The DCT plan is built once per thread, outside the per-image path. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    final DoubleDCT_2D dct = new DoubleDCT_2D(SIZE, SIZE);
    final double[] block = new double[SIZE * SIZE];
    final double[] low = new double[LOW * LOW];
    final double[] sorted = new double[LOW * LOW];
  }

  /**
   * Hashes an 8-bit-per-channel RGB image.
   *
   * @param rgb packed {@code 0xRRGGBB} pixels, row-major, read and never kept (high byte ignored)
   * @throws IllegalArgumentException if the dimensions are not positive or do not match the array
   */
  public Hash64 hash(int[] rgb, int width, int height) {
    checkSize(rgb.length, width, height);
    byte[] grey = new byte[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      int c = rgb[i];
      int r = c >>> 16 & 0xFF;
      int g = c >>> 8 & 0xFF;
      int b = c & 0xFF;
      grey[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16);
    }
    return hashGrey(grey, width, height);
  }

  /**
   * Hashes a Pillow {@code "L"} plane (what {@link org.hashmatch.hashing.image.DecodedImage#grey8}
   * holds).
   *
   * @param grey8 unsigned grey bytes, row-major, read and never kept
   * @throws IllegalArgumentException if the dimensions are not positive or do not match the array
   */
  public Hash64 hashGrey(byte[] grey8, int width, int height) {
    checkSize(grey8.length, width, height);
    byte[] small = LanczosResampler.resize(grey8, width, height, SIZE, SIZE);
    Scratch s = SCRATCH.get();
    for (int i = 0; i < SIZE * SIZE; i++) {
      s.block[i] = small[i] & 0xFF;
    }
    s.dct.forward(s.block, false);
    for (int r = 0; r < LOW; r++) {
      System.arraycopy(s.block, r * SIZE, s.low, r * LOW, LOW);
    }
    System.arraycopy(s.low, 0, s.sorted, 0, LOW * LOW);
    Arrays.sort(s.sorted);
    double median = (s.sorted[LOW * LOW / 2 - 1] + s.sorted[LOW * LOW / 2]) / 2.0;
    long bits = 0;
    for (int i = 0; i < LOW * LOW; i++) {
      if (s.low[i] > median) {
        bits |= 1L << (63 - i);
      }
    }
    return new Hash64(bits);
  }

  private static void checkSize(int length, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "dimensions must be positive, got " + width + "x" + height);
    }
    if (length != (long) width * height) {
      throw new IllegalArgumentException(
          "image " + width + "x" + height + " needs " + (long) width * height
              + " pixels, got " + length);
    }
  }
}

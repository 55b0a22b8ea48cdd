package org.hashmatch.hashing;

import java.util.HexFormat;

/**
 * A 256-bit perceptual hash (PDQ), immutable.
 *
 * <p>Bit order, stated once for the whole project: bit {@code k} (0..255) is PDQ DCT coefficient
 * {@code k} in row-major order, that is row {@code k / 16}, column {@code k % 16}. The hex form is
 * the big-endian rendering of the integer {@code sum(bit_k * 2^k)}, which is what the reference
 * implementations print: the first four hex digits are row 15, the last four are row 0.
 *
 * <p>The four words hold the hex digits in order: {@code w0} is the first 16 hex digits (bits
 * 255..192), {@code w3} the last 16 (bits 63..0). {@link #compareTo} is therefore the same order as
 * comparing the hex strings.
 */
public record Hash256(long w0, long w1, long w2, long w3) implements Comparable<Hash256> {

  /** Number of bits. */
  public static final int BITS = 256;
  /** Length of the hex form. */
  public static final int HEX_LENGTH = 64;
  /** The all-zero hash, which PDQ gives to images too small or too flat to hash. */
  public static final Hash256 ZERO = new Hash256(0, 0, 0, 0);

  /**
   * Parses 64 hex digits (either case).
   *
   * @throws IllegalArgumentException if the text is not exactly 64 hex digits
   */
  public static Hash256 fromHex(CharSequence hex) {
    if (hex.length() != HEX_LENGTH) {
      throw new IllegalArgumentException(
          "PDQ hash must be " + HEX_LENGTH + " hex digits, got " + hex.length() + " characters");
    }
    for (int i = 0; i < HEX_LENGTH; i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(
            "PDQ hash has a non-hex character at position " + i);
      }
    }
    return new Hash256(
        HexFormat.fromHexDigitsToLong(hex, 0, 16),
        HexFormat.fromHexDigitsToLong(hex, 16, 32),
        HexFormat.fromHexDigitsToLong(hex, 32, 48),
        HexFormat.fromHexDigitsToLong(hex, 48, 64));
  }

  /**
   * Builds a hash from 256 bits, {@code bits[k]} being bit {@code k}. The array is read, not kept.
   */
  public static Hash256 fromBits(boolean[] bits) {
    if (bits.length != BITS) {
      throw new IllegalArgumentException("need " + BITS + " bits, got " + bits.length);
    }
    long[] w = new long[4];
    for (int k = 0; k < BITS; k++) {
      if (bits[k]) {
        w[3 - (k >>> 6)] |= 1L << (k & 63);
      }
    }
    return new Hash256(w[0], w[1], w[2], w[3]);
  }

  /** Bit {@code k} (0..255) as defined in the class comment. */
  public boolean bit(int k) {
    if (k < 0 || k >= BITS) {
      throw new IndexOutOfBoundsException("bit " + k + " not in [0, 256)");
    }
    return ((word(3 - (k >>> 6)) >>> (k & 63)) & 1L) != 0;
  }

  /** Word {@code i} (0..3) in hex order. */
  public long word(int i) {
    return switch (i) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      case 3 -> w3;
      default -> throw new IndexOutOfBoundsException("word " + i + " not in [0, 4)");
    };
  }

  /** The hash with bit {@code k} inverted. */
  public Hash256 flip(int k) {
    if (k < 0 || k >= BITS) {
      throw new IndexOutOfBoundsException("bit " + k + " not in [0, 256)");
    }
    long m = 1L << (k & 63);
    return switch (3 - (k >>> 6)) {
      case 0 -> new Hash256(w0 ^ m, w1, w2, w3);
      case 1 -> new Hash256(w0, w1 ^ m, w2, w3);
      case 2 -> new Hash256(w0, w1, w2 ^ m, w3);
      default -> new Hash256(w0, w1, w2, w3 ^ m);
    };
  }

  /** Hamming distance: the number of differing bits. */
  public int distance(Hash256 other) {
    return Long.bitCount(w0 ^ other.w0)
        + Long.bitCount(w1 ^ other.w1)
        + Long.bitCount(w2 ^ other.w2)
        + Long.bitCount(w3 ^ other.w3);
  }

  /** Number of set bits. */
  public int weight() {
    return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2) + Long.bitCount(w3);
  }

  /** The 64 lowercase hex digits. */
  public String toHex() {
    HexFormat f = HexFormat.of();
    return f.toHexDigits(w0) + f.toHexDigits(w1) + f.toHexDigits(w2) + f.toHexDigits(w3);
  }

  @Override
  public int compareTo(Hash256 o) {
    int c = Long.compareUnsigned(w0, o.w0);
    if (c == 0) c = Long.compareUnsigned(w1, o.w1);
    if (c == 0) c = Long.compareUnsigned(w2, o.w2);
    if (c == 0) c = Long.compareUnsigned(w3, o.w3);
    return c;
  }

  @Override
  public String toString() {
    return toHex();
  }
}

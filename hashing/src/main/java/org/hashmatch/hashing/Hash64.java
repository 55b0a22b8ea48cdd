package org.hashmatch.hashing;

import java.util.HexFormat;

/**
 * A 64-bit perceptual hash (pHash), immutable. Bit 63 (the most significant) is the first of the
 * 64 low-frequency DCT coefficients in row-major order, so the hex form reads MSB first, the same
 * as Python's {@code imagehash}.
 */
public record Hash64(long bits) implements Comparable<Hash64> {

  /** Length of the hex form. */
  public static final int HEX_LENGTH = 16;

  /**
   * Parses 16 hex digits (either case).
   *
   * @throws IllegalArgumentException if the text is not exactly 16 hex digits
   */
  public static Hash64 fromHex(CharSequence hex) {
    if (hex.length() != HEX_LENGTH) {
      throw new IllegalArgumentException(
          "pHash must be " + HEX_LENGTH + " hex digits, got " + hex.length() + " characters");
    }
    for (int i = 0; i < HEX_LENGTH; i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("pHash has a non-hex character at position " + i);
      }
    }
    return new Hash64(HexFormat.fromHexDigitsToLong(hex));
  }

  /** Hamming distance. */
  public int distance(Hash64 other) {
    return Long.bitCount(bits ^ other.bits);
  }

  /** The 16 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().toHexDigits(bits);
  }

  @Override
  public int compareTo(Hash64 o) {
    return Long.compareUnsigned(bits, o.bits);
  }

  @Override
  public String toString() {
    return toHex();
  }
}

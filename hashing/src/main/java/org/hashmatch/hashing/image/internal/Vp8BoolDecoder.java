package org.hashmatch.hashing.image.internal;

/**
 * The VP8 boolean entropy decoder of RFC 6386 section 7 over one partition of the input.
 *
 * <p>Arithmetic, per the RFC: with the current range {@code R} (128..255) and the next 8 bits of
 * the stream {@code V}, a bool of probability {@code p} (of being 0) splits at {@code S = 1 + ((R -
 * 1) * p >> 8)}; it is 1 iff {@code V >= S}, after which {@code R -= S, V -= S}, otherwise {@code R
 * = S}; then both are doubled, shifting in stream bits, until {@code R >= 128}.
 *
 * <p>Here {@code R - 1} is kept in {@link #range} and the unread bits in {@link #value}, of which
 * the top {@code bits + 8} are meaningful; bytes are loaded only when a decision needs bits that
 * are not there yet. Streams that no encoder would write (damaged ones) can break the invariant
 * {@code V < R}; where the arithmetic then depends on representation, it follows libwebp's.
 *
 * <p>Reading past the end of the partition supplies zero bits and sets {@link #overrun()}, never
 * throws: the caller checks it once per macroblock row, as libwebp does, and refuses the image. A
 * decoder that has overrun keeps producing bits, so a hostile stream cannot make any loop run
 * longer than the (bounded) number of decisions the caller asks for.
 *
 * <p>Not thread-safe: one instance per partition per decode.
 */
final class Vp8BoolDecoder {

  private final byte[] data;
  private int pos;
  private final int end;
  private long value;
  private int bits;
  private int range;
  private boolean overrun;

  /**
   * A decoder over {@code data[offset, offset + length)}. The array is read, never written or kept
   * beyond the decode.
   */
  Vp8BoolDecoder(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
    this.range = 255 - 1;
    this.value = 0;
    this.bits = -8;
  }

  /** True once a decision needed bits past the end of the partition. */
  boolean overrun() {
    return overrun;
  }

  /** Makes {@code bits >= 0}: at least the 8 bits of the next decision are in {@link #value}. */
  private void load() {
    if (end - pos >= 8) {
      // 56 bits at once (libwebp does this while 8 bytes remain, then goes byte by byte; on
      // damaged streams the value can hold more bits than it should, so the step matters).
      long v = 0;
      for (int i = 0; i < 7; i++) {
        v = v << 8 | (data[pos + i] & 0xFF);
      }
      pos += 7;
      value = value << 56 | v;
      bits += 56;
    } else if (pos < end) {
      value = value << 8 | (data[pos++] & 0xFF);
      bits += 8;
    } else {
      // Past the end: shift in zero bits (value stays below 2^16) and remember it.
      value <<= 8;
      bits += 8;
      overrun = true;
    }
  }

  /** One bool whose probability of being 0 is {@code prob / 256}, {@code prob} in 0..255. */
  int readBit(int prob) {
    if (bits < 0) {
      load();
    }
    int r = range;
    int split = (r * prob) >>> 8;
    int bit;
    // Compared as an unsigned 32-bit number, as libwebp does; on a valid stream it is below 256.
    if (((value >>> bits) & 0xFFFF_FFFFL) > split) {
      r -= split + 1;
      value -= (long) (split + 1) << bits;
      bit = 1;
    } else {
      r = split;
      bit = 0;
    }
    // Renormalise: shift until the range (r + 1) is at least 128.
    int shift = Integer.numberOfLeadingZeros(r + 1) - 24;
    range = ((r + 1) << shift) - 1;
    bits -= shift;
    return bit;
  }

  /**
   * The sign of a coefficient, 1 for negative: a bool at probability 128. On any stream an
   * encoder writes this equals {@code readBit(128)}; the arithmetic below is libwebp's shortcut
   * for it (split at half the range, always one shift), which differs only once a damaged stream
   * has left the decoder in a state no encoder produces. We follow libwebp there too, so that
   * damaged files decode to the same pixels.
   */
  int readSign() {
    if (bits < 0) {
      load();
    }
    int pos = bits;
    int split = range >>> 1;
    int v = (int) (value >>> pos);
    int mask = (split - v) >> 31; // -1 when v > split (unsigned 32-bit difference), else 0
    bits -= 1;
    range = (range + mask) | 1;
    value -= (long) ((split + 1) & mask) << pos;
    return mask & 1;
  }

  /** An unsigned {@code n}-bit literal, most significant bit first, each bit at probability 128. */
  int readLiteral(int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 1 | readBit(128);
    }
    return v;
  }

  /** A magnitude of {@code n} bits followed by a sign bit (1 = negative), RFC 6386 section 9. */
  int readSigned(int n) {
    int v = readLiteral(n);
    return readBit(128) == 1 ? -v : v;
  }

  /** An optional signed value: a flag, then {@link #readSigned} if it is set, else 0. */
  int readOptionalSigned(int n) {
    return readBit(128) == 1 ? readSigned(n) : 0;
  }
}

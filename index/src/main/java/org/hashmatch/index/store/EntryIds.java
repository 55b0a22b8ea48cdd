package org.hashmatch.index.store;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Entry ids and list cursors.
 *
 * <p>An id is a positive 64-bit number: the high 42 bits are the Unix time in milliseconds at
 * which it was issued, the low 22 bits a counter, so ids are unique, time-ordered and strictly
 * increasing within an index. Ids never repeat across restarts because the high-water mark is
 * stored in every commit ({@link BankCatalogFormatV1}) and the generator starts above it. The text
 * form is 16 lowercase hex digits, whose lexicographic order equals the numeric order.
 *
 * <p>A cursor is the base64url form (no padding) of a version byte {@code 1} followed by the last
 * listed id as 8 big-endian bytes. Callers must treat it as opaque.
 *
 * <p>Thread-safe.
 */
final class EntryIds {

  private static final int COUNTER_BITS = 22;
  private static final byte CURSOR_VERSION = 1;
  private static final int CURSOR_BYTES = 9;

  private long last;

  /**
   * @param floor every id issued will be greater than this
   */
  EntryIds(long floor) {
    this.last = floor;
  }

  /** A fresh id, greater than every id issued before by this generator and than the floor. */
  synchronized long next() {
    long fromClock = System.currentTimeMillis() << COUNTER_BITS;
    last = Math.max(last + 1, fromClock);
    return last;
  }

  /**
   * Reserves {@code n} consecutive ids and returns the first; the others follow it without gaps.
   */
  synchronized long nextBlock(int n) {
    long fromClock = System.currentTimeMillis() << COUNTER_BITS;
    long first = Math.max(last + 1, fromClock);
    last = first + n - 1;
    return first;
  }

  /** The largest id issued so far (or the floor). */
  synchronized long highWater() {
    return last;
  }

  static String format(long id) {
    return HexFormat.of().toHexDigits(id);
  }

  /** The numeric id, or empty if {@code text} is not a well-formed id. */
  static OptionalLong parse(String text) {
    if (text.length() != 16) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < 16; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return OptionalLong.empty();
      }
    }
    long id = HexFormat.fromHexDigitsToLong(text);
    return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
  }

  static String cursorAfter(long id) {
    ByteBuffer b = ByteBuffer.allocate(CURSOR_BYTES);
    b.put(CURSOR_VERSION).putLong(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * The id a cursor points after.
   *
   * @throws IllegalArgumentException if the cursor was not made by {@link #cursorAfter}
   */
  static long parseCursor(String cursor) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed cursor: not base64url", e);
    }
    if (raw.length != CURSOR_BYTES || raw[0] != CURSOR_VERSION) {
      throw new IllegalArgumentException(
          "malformed cursor: expected " + CURSOR_BYTES + " bytes of version " + CURSOR_VERSION
              + ", got " + raw.length + " bytes");
    }
    long id = ByteBuffer.wrap(raw, 1, 8).getLong();
    if (id < 0) {
      throw new IllegalArgumentException("malformed cursor: negative position");
    }
    return id;
  }
}

package org.hashmatch.index.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian byte writer and bounds-checked reader shared by the entry record formats ({@link
 * EntryRecordFormatV1}, {@link EntryRecordFormatV2}): bytes, longs, vints (7 bits per byte, low
 * group first) and strings (vint length + UTF-8).
 */
final class RecordBytes {

  private RecordBytes() {}

  /** Minimal growable big-endian writer. */
  static final class Out {
    private byte[] a;
    private int n;

    Out(int capacity) {
      a = new byte[capacity];
    }

    private void ensure(int more) {
      if (n + more > a.length) {
        a = Arrays.copyOf(a, Math.max(a.length * 2, n + more));
      }
    }

    void b(int v) {
      ensure(1);
      a[n++] = (byte) v;
    }

    void l(long v) {
      ensure(8);
      for (int i = 7; i >= 0; i--) {
        a[n++] = (byte) (v >>> (8 * i));
      }
    }

    void vint(int v) {
      while ((v & ~0x7F) != 0) {
        b((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      b(v);
    }

    void bytes(byte[] v) {
      ensure(v.length);
      System.arraycopy(v, 0, a, n, v.length);
      n += v.length;
    }

    void s(String v) {
      byte[] u = v.getBytes(StandardCharsets.UTF_8);
      vint(u.length);
      bytes(u);
    }

    byte[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  /** Bounds-checked reader; running past the end throws ArrayIndexOutOfBoundsException. */
  static final class In {
    private final byte[] a;
    private int pos;
    private final int end;

    In(byte[] a, int offset, int length) {
      this.a = a;
      this.pos = offset;
      this.end = offset + length;
    }

    int remaining() {
      return end - pos;
    }

    int b() {
      if (pos >= end) {
        throw new ArrayIndexOutOfBoundsException("record ends at " + end);
      }
      return a[pos++] & 0xFF;
    }

    long l() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | b();
      }
      return v;
    }

    int vint() {
      int v = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        int x = b();
        v |= (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          if (v < 0) {
            throw new IllegalArgumentException("negative length");
          }
          return v;
        }
      }
      throw new IllegalArgumentException("vint longer than 5 bytes");
    }

    byte[] bytes(int len) {
      if (len > remaining()) {
        throw new ArrayIndexOutOfBoundsException(
            "need " + len + " bytes, " + remaining() + " left");
      }
      byte[] r = Arrays.copyOfRange(a, pos, pos + len);
      pos += len;
      return r;
    }

    String s() {
      int len = vint();
      if (len > remaining()) {
        throw new ArrayIndexOutOfBoundsException(
            "string of " + len + " bytes, " + remaining() + " left");
      }
      String r = new String(a, pos, len, StandardCharsets.UTF_8);
      pos += len;
      return r;
    }
  }
}

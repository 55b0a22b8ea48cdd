package org.hashmatch.index.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.index.CorruptBankException;
import org.hashmatch.index.Entry;
import org.hashmatch.index.FormatVersionException;
import org.hashmatch.index.Provenance;

/**
 * The stored-field form of one entry: a single binary stored field ({@link #FIELD}) holding
 * everything {@link Entry} needs, so that loading a match is one stored-field visit. Lucene's
 * stored-fields format compresses it and checksums the file; this class only fixes the layout.
 *
 * <pre>
 *   offset  size  field
 *   0       1     version = 1
 *   1       8     id (big-endian)
 *   9       1     flags: bit0 pdq, bit1 phash, bit2 md5, bit3 sha256,
 *                        bit4 reference, bit5 source, bit6 note
 *   10      8     addedAt, epoch milliseconds (big-endian)
 *   18      1     quality 0..100
 *   then, in this order and only if flagged:
 *           32    pdq words w0..w3, big-endian
 *           8     phash, big-endian
 *           16    md5 bytes
 *           32    sha256 bytes
 *   then strings (vint length + UTF-8): bank, [reference], [source], [note], addedBy
 *   then vint metadata count, and that many (key, value) string pairs
 * </pre>
 *
 * <p>Readers accept version {@value #VERSION} only and reject others with {@link
 * FormatVersionException}; a truncated or inconsistent record gives {@link CorruptBankException}.
 */
final class EntryRecordFormatV1 {

  /** Name of the stored field. */
  static final String FIELD = "entry";
  /** The one version this class writes and reads. */
  static final int VERSION = 1;

  private static final int F_PDQ = 1;
  private static final int F_PHASH = 1 << 1;
  private static final int F_MD5 = 1 << 2;
  private static final int F_SHA256 = 1 << 3;
  private static final int F_REFERENCE = 1 << 4;
  private static final int F_SOURCE = 1 << 5;
  private static final int F_NOTE = 1 << 6;

  private EntryRecordFormatV1() {}

  /**
   * Encodes {@code e}, whose id in numeric form is {@code id}; the returned array is new and owned
   * by the caller.
   */
  static byte[] encode(Entry e, long id) {
    Out out = new Out(96);
    Provenance p = e.provenance();
    int flags =
        (e.pdq() != null ? F_PDQ : 0)
            | (e.phash() != null ? F_PHASH : 0)
            | (e.md5() != null ? F_MD5 : 0)
            | (e.sha256() != null ? F_SHA256 : 0)
            | (p.reference() != null ? F_REFERENCE : 0)
            | (p.source() != null ? F_SOURCE : 0)
            | (p.note() != null ? F_NOTE : 0);
    out.b(VERSION);
    out.l(id);
    out.b(flags);
    out.l(p.addedAt().toEpochMilli());
    out.b(e.quality());
    Hash256 pdq = e.pdq();
    if (pdq != null) {
      out.l(pdq.w0());
      out.l(pdq.w1());
      out.l(pdq.w2());
      out.l(pdq.w3());
    }
    Hash64 ph = e.phash();
    if (ph != null) {
      out.l(ph.bits());
    }
    String md5 = e.md5();
    if (md5 != null) {
      out.bytes(HexFormat.of().parseHex(md5));
    }
    String sha = e.sha256();
    if (sha != null) {
      out.bytes(HexFormat.of().parseHex(sha));
    }
    out.s(e.bank());
    if (p.reference() != null) out.s(p.reference());
    if (p.source() != null) out.s(p.source());
    if (p.note() != null) out.s(p.note());
    out.s(p.addedBy());
    out.vint(p.metadata().size());
    for (Map.Entry<String, String> m : p.metadata().entrySet()) {
      out.s(m.getKey());
      out.s(m.getValue());
    }
    return out.toArray();
  }

  /**
   * Decodes a record.
   *
   * @throws FormatVersionException for another version
   * @throws CorruptBankException for a truncated or malformed record
   */
  static Entry decode(byte[] buf, int offset, int length) {
    In in = new In(buf, offset, length);
    try {
      int version = in.b();
      if (version != VERSION) {
        throw new FormatVersionException(
            "entry record version " + version + " is not readable; expected " + VERSION);
      }
      long id = in.l();
      int flags = in.b();
      long addedAt = in.l();
      int quality = in.b();
      if (quality > 100) {
        throw new CorruptBankException("entry record quality " + quality + " not in [0, 100]");
      }
      Hash256 pdq = (flags & F_PDQ) != 0 ? new Hash256(in.l(), in.l(), in.l(), in.l()) : null;
      Hash64 phash = (flags & F_PHASH) != 0 ? new Hash64(in.l()) : null;
      String md5 = (flags & F_MD5) != 0 ? HexFormat.of().formatHex(in.bytes(16)) : null;
      String sha = (flags & F_SHA256) != 0 ? HexFormat.of().formatHex(in.bytes(32)) : null;
      String bank = in.s();
      String reference = (flags & F_REFERENCE) != 0 ? in.s() : null;
      String source = (flags & F_SOURCE) != 0 ? in.s() : null;
      String note = (flags & F_NOTE) != 0 ? in.s() : null;
      String addedBy = in.s();
      int n = in.vint();
      if (n > length) {
        throw new CorruptBankException("entry record metadata count " + n + " exceeds its size");
      }
      Map<String, String> meta = new HashMap<>(Math.max(4, n * 2));
      for (int i = 0; i < n; i++) {
        meta.put(in.s(), in.s());
      }
      if (in.remaining() != 0) {
        throw new CorruptBankException(
            "entry record has " + in.remaining() + " trailing bytes; expected 0");
      }
      return new Entry(
          EntryIds.format(id),
          bank,
          pdq,
          quality,
          phash,
          md5,
          sha,
          new Provenance(
              reference, source, note, addedBy, Instant.ofEpochMilli(addedAt), meta));
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      throw new CorruptBankException("entry record is truncated or malformed", e);
    }
  }

  /** Minimal growable big-endian writer. */
  private static final class Out {
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
  private static final class In {
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
        throw new ArrayIndexOutOfBoundsException("need " + len + " bytes, " + remaining() + " left");
      }
      byte[] r = Arrays.copyOfRange(a, pos, pos + len);
      pos += len;
      return r;
    }

    String s() {
      int len = vint();
      if (len > remaining()) {
        throw new ArrayIndexOutOfBoundsException("string of " + len + " bytes, " + remaining() + " left");
      }
      String r = new String(a, pos, len, StandardCharsets.UTF_8);
      pos += len;
      return r;
    }
  }

}

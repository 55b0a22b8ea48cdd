package org.hashmatch.index.store;

import java.time.Instant;
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
 * The first stored-field form of one entry: a single binary stored field ({@link #FIELD}) holding
 * everything {@link Entry} needs, so that loading a match is one stored-field visit. Lucene's
 * stored-fields format compresses it and checksums the file; this class only fixes the layout.
 * Records are written as {@link EntryRecordFormatV2} now, which extends this layout; V1 records
 * of existing indexes stay readable through {@link EntryRecordFormatV2#decode}.
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
 * <p>{@link #decode} accepts version {@value #VERSION} only and rejects others with {@link
 * FormatVersionException}; a truncated or inconsistent record gives {@link CorruptBankException}.
 */
final class EntryRecordFormatV1 {

  /** Name of the stored field (the same for every version: the first byte tells them apart). */
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
   * Encodes {@code e}, whose id in numeric form is {@code id}, as a version 1 record; the returned
   * array is new and owned by the caller. Kept to produce V1 records in tests: the index writes
   * {@link EntryRecordFormatV2}.
   *
   * @throws IllegalArgumentException if {@code e} has PDQ variants, which V1 cannot hold
   */
  static byte[] encode(Entry e, long id) {
    if (!e.pdqVariants().isEmpty()) {
      throw new IllegalArgumentException("version 1 entry records cannot hold pdqVariants");
    }
    RecordBytes.Out out = new RecordBytes.Out(96);
    out.b(VERSION);
    writeBody(out, e, id);
    return out.toArray();
  }

  /**
   * Writes everything of the layout above after the version byte (the part shared with {@link
   * EntryRecordFormatV2}); {@code e.pdqVariants()} is not written.
   */
  static void writeBody(RecordBytes.Out out, Entry e, long id) {
    Provenance p = e.provenance();
    int flags =
        (e.pdq() != null ? F_PDQ : 0)
            | (e.phash() != null ? F_PHASH : 0)
            | (e.md5() != null ? F_MD5 : 0)
            | (e.sha256() != null ? F_SHA256 : 0)
            | (p.reference() != null ? F_REFERENCE : 0)
            | (p.source() != null ? F_SOURCE : 0)
            | (p.note() != null ? F_NOTE : 0);
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
  }

  /**
   * Decodes a version 1 record.
   *
   * @throws FormatVersionException for another version
   * @throws CorruptBankException for a truncated or malformed record
   */
  static Entry decode(byte[] buf, int offset, int length) {
    RecordBytes.In in = new RecordBytes.In(buf, offset, length);
    try {
      int version = in.b();
      if (version != VERSION) {
        throw new FormatVersionException(
            "entry record version " + version + " is not readable; expected " + VERSION);
      }
      Entry e = readBody(in, length);
      if (in.remaining() != 0) {
        throw new CorruptBankException(
            "entry record has " + in.remaining() + " trailing bytes; expected 0");
      }
      return e;
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      throw new CorruptBankException("entry record is truncated or malformed", e);
    }
  }

  /**
   * Reads what {@link #writeBody} wrote (positioned after the version byte) into an entry without
   * PDQ variants, leaving {@code in} after the metadata.
   *
   * @param length the whole record's length, bounding counts
   * @throws CorruptBankException for inconsistent values; running past the end throws {@link
   *     ArrayIndexOutOfBoundsException}
   */
  static Entry readBody(RecordBytes.In in, int length) {
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
    return new Entry(
        EntryIds.format(id),
        bank,
        pdq,
        quality,
        phash,
        md5,
        sha,
        new Provenance(reference, source, note, addedBy, Instant.ofEpochMilli(addedAt), meta));
  }
}

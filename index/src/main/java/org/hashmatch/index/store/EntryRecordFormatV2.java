package org.hashmatch.index.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.index.CorruptBankException;
import org.hashmatch.index.Entry;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.FormatVersionException;

/**
 * The stored-field form of one entry that the index writes: the {@link EntryRecordFormatV1} layout
 * with version byte 2, followed by the entry's PDQ variants.
 *
 * <pre>
 *   offset  size  field
 *   0       1     version = 2
 *   1       ...   as version 1 from offset 1 up to and including the metadata pairs
 *   then    vint  variant count, 0..{@value EntryDraft#MAX_PDQ_VARIANTS}
 *   then, per variant in the entry's order:
 *           vint + UTF-8  label ([a-z0-9+-]{1,32})
 *           32            hash words w0..w3, big-endian
 *           1             quality 0..100
 * </pre>
 *
 * <p>The variant hashes are also doc values ({@link EntryFields#PDQ_VARIANTS}) for the search
 * tables; this record is what a match returns. {@link #decode} reads versions {@value
 * #MIN_READ_VERSION} and {@value #VERSION} (a V1 record has no variants) and rejects others with
 * {@link FormatVersionException}; a truncated or inconsistent record gives {@link
 * CorruptBankException}.
 */
final class EntryRecordFormatV2 {

  /** The version this class writes. */
  static final int VERSION = 2;

  /** The oldest version {@link #decode} reads. */
  static final int MIN_READ_VERSION = EntryRecordFormatV1.VERSION;

  private EntryRecordFormatV2() {}

  /**
   * Encodes {@code e}, whose id in numeric form is {@code id}; the returned array is new and owned
   * by the caller.
   */
  static byte[] encode(Entry e, long id) {
    RecordBytes.Out out = new RecordBytes.Out(96 + 48 * e.pdqVariants().size());
    out.b(VERSION);
    EntryRecordFormatV1.writeBody(out, e, id);
    out.vint(e.pdqVariants().size());
    for (PdqVariant v : e.pdqVariants()) {
      out.s(v.label());
      Hash256 h = v.hash();
      out.l(h.w0());
      out.l(h.w1());
      out.l(h.w2());
      out.l(h.w3());
      out.b(v.quality());
    }
    return out.toArray();
  }

  /**
   * Decodes a record of version 1 or 2.
   *
   * @throws FormatVersionException for another version
   * @throws CorruptBankException for a truncated or malformed record
   */
  static Entry decode(byte[] buf, int offset, int length) {
    if (length > 0 && (buf[offset] & 0xFF) == EntryRecordFormatV1.VERSION) {
      return EntryRecordFormatV1.decode(buf, offset, length);
    }
    RecordBytes.In in = new RecordBytes.In(buf, offset, length);
    try {
      int version = in.b();
      if (version != VERSION) {
        throw new FormatVersionException(
            "entry record version "
                + version
                + " is not readable; expected "
                + MIN_READ_VERSION
                + ".."
                + VERSION);
      }
      Entry base = EntryRecordFormatV1.readBody(in, length);
      int n = in.vint();
      if (n > EntryDraft.MAX_PDQ_VARIANTS) {
        throw new CorruptBankException(
            "entry record has " + n + " pdq variants; expected at most "
                + EntryDraft.MAX_PDQ_VARIANTS);
      }
      if (n > 0 && base.pdq() == null) {
        throw new CorruptBankException("entry record has pdq variants but no pdq hash");
      }
      List<PdqVariant> variants = new ArrayList<>(n);
      Set<String> labels = new HashSet<>();
      for (int i = 0; i < n; i++) {
        String label = in.s();
        if (!labels.add(label)) {
          throw new CorruptBankException("entry record repeats a pdq variant label");
        }
        Hash256 h = new Hash256(in.l(), in.l(), in.l(), in.l());
        int quality = in.b();
        if (quality > 100) {
          throw new CorruptBankException(
              "entry record variant quality " + quality + " not in [0, 100]");
        }
        variants.add(new PdqVariant(label, h, quality));
      }
      if (in.remaining() != 0) {
        throw new CorruptBankException(
            "entry record has " + in.remaining() + " trailing bytes; expected 0");
      }
      if (n == 0) {
        return base;
      }
      return new Entry(
          base.id(),
          base.bank(),
          base.pdq(),
          base.quality(),
          base.phash(),
          base.md5(),
          base.sha256(),
          base.provenance(),
          variants);
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      throw new CorruptBankException("entry record is truncated or malformed", e);
    }
  }
}

package org.hashmatch.index.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.index.Entry;

/**
 * How an {@link Entry} maps to a Lucene document. Every document of the index is an entry; bank
 * settings live in the commit user data ({@link BankCatalogFormatV1}).
 *
 * <pre>
 *   field    Lucene type                                   used for
 *   id       numeric doc values with a skip index           get/remove by id, list order + cursor
 *   bank     numeric doc values with a skip index:          bank deletion, size, list filter,
 *            the bank's number                              per-segment bank ordinal (search filter)
 *   pdq      BinaryDocValuesField, 32 bytes w0..w3 BE       per-segment PDQ search table
 *   pdqv     BinaryDocValuesField, 32 bytes per PDQ         the same table: variant rows
 *            variant in the entry's order (only if any)
 *   phash    NumericDocValuesField                          per-segment pHash scan
 *   md5      StringField (32 hex digits, not stored)        exact lookup
 *   sha256   StringField (64 hex digits, not stored)        exact lookup
 *   entry    StoredField, {@link EntryRecordFormatV2}       the Entry returned for a match
 *            (older indexes: {@link EntryRecordFormatV1})
 * </pre>
 *
 * <p>Neither id nor bank is a point or term field: both are doc values with a skip index (per block
 * of documents the min and max value), which answers "bank = b" and "id = x" by skipping blocks.
 * Ids grow with insertion and a segment usually holds one bank, so blocks are nearly sorted by both
 * and lookups touch few blocks, while indexing skips two BKD trees (measured: the point fields were
 * the largest Lucene cost of a bulk load).
 *
 * <p>An entry's PDQ variants live in its own document, not in child documents of a block: the
 * search table of a segment gets one row per variant hash after the rows of the primary hashes,
 * mapped back to the document and the variant's position ({@link SegmentTables}). So one document
 * still is one entry: size, list, cursors, get, remove and bank deletion need no parent/child
 * bookkeeping, a remove or bank deletion removes the variants with their entry atomically, and a
 * segment without any {@code pdqv} value builds and searches exactly as before.
 *
 * <p>The PDQ hash is stored twice (doc values for building search tables without stored-field
 * access, and inside the stored record so one visit yields the whole entry).
 */
final class EntryFields {

  static final String ID = "id";
  static final String BANK = "bank";
  static final String PDQ = "pdq";
  static final String PDQ_VARIANTS = "pdqv";
  static final String PHASH = "phash";
  static final String MD5 = "md5";
  static final String SHA256 = "sha256";

  private static final VarHandle BE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private EntryFields() {}

  /** A new document for {@code e}, whose numeric id is {@code id}, in bank {@code bankNumber}. */
  static Document toDocument(Entry e, long id, int bankNumber) {
    Document d = new Document();
    d.add(NumericDocValuesField.indexedField(ID, id));
    d.add(NumericDocValuesField.indexedField(BANK, bankNumber));
    Hash256 pdq = e.pdq();
    if (pdq != null) {
      d.add(new BinaryDocValuesField(PDQ, new BytesRef(pdqBytes(pdq))));
    }
    List<PdqVariant> variants = e.pdqVariants();
    if (!variants.isEmpty()) {
      byte[] b = new byte[32 * variants.size()];
      for (int i = 0; i < variants.size(); i++) {
        putPdq(b, 32 * i, variants.get(i).hash());
      }
      d.add(new BinaryDocValuesField(PDQ_VARIANTS, new BytesRef(b)));
    }
    Hash64 ph = e.phash();
    if (ph != null) {
      d.add(new NumericDocValuesField(PHASH, ph.bits()));
    }
    String md5 = e.md5();
    if (md5 != null) {
      d.add(new StringField(MD5, md5, Field.Store.NO));
    }
    String sha = e.sha256();
    if (sha != null) {
      d.add(new StringField(SHA256, sha, Field.Store.NO));
    }
    d.add(new StoredField(EntryRecordFormatV1.FIELD, EntryRecordFormatV2.encode(e, id)));
    return d;
  }

  static byte[] pdqBytes(Hash256 h) {
    byte[] b = new byte[32];
    putPdq(b, 0, h);
    return b;
  }

  private static void putPdq(byte[] b, int offset, Hash256 h) {
    BE_LONG.set(b, offset, h.w0());
    BE_LONG.set(b, offset + 8, h.w1());
    BE_LONG.set(b, offset + 16, h.w2());
    BE_LONG.set(b, offset + 24, h.w3());
  }
}

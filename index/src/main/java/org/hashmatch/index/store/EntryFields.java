package org.hashmatch.index.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.index.Entry;

/**
 * How an {@link Entry} maps to a Lucene document. Every document of the index is an entry; bank
 * settings live in the commit user data ({@link BankCatalogFormatV1}).
 *
 * <pre>
 *   field    Lucene type                                   used for
 *   id       LongField (points + sorted-numeric doc values) get/remove by id, list order + cursor
 *   bank     IntField: the bank's number (points +          bank deletion, size, list filter,
 *            sorted-numeric doc values)                     per-segment bank ordinal (search filter)
 *   pdq      BinaryDocValuesField, 32 bytes w0..w3 BE       per-segment PDQ search table
 *   phash    NumericDocValuesField                          per-segment pHash scan
 *   md5      StringField (32 hex digits, not stored)        exact lookup
 *   sha256   StringField (64 hex digits, not stored)        exact lookup
 *   entry    StoredField, {@link EntryRecordFormatV1}       the Entry returned for a match
 * </pre>
 *
 * <p>The PDQ hash is stored twice (doc values for building search tables without stored-field
 * access, and inside the stored record so one visit yields the whole entry).
 */
final class EntryFields {

  static final String ID = "id";
  static final String BANK = "bank";
  static final String PDQ = "pdq";
  static final String PHASH = "phash";
  static final String MD5 = "md5";
  static final String SHA256 = "sha256";

  private static final VarHandle BE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private EntryFields() {}

  /** A new document for {@code e}, whose numeric id is {@code id}, in bank {@code bankNumber}. */
  static Document toDocument(Entry e, long id, int bankNumber) {
    Document d = new Document();
    d.add(new LongField(ID, id, Field.Store.NO));
    d.add(new IntField(BANK, bankNumber, Field.Store.NO));
    Hash256 pdq = e.pdq();
    if (pdq != null) {
      d.add(new BinaryDocValuesField(PDQ, new BytesRef(pdqBytes(pdq))));
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
    d.add(new StoredField(EntryRecordFormatV1.FIELD, EntryRecordFormatV1.encode(e, id)));
    return d;
  }

  static byte[] pdqBytes(Hash256 h) {
    byte[] b = new byte[32];
    BE_LONG.set(b, 0, h.w0());
    BE_LONG.set(b, 8, h.w1());
    BE_LONG.set(b, 16, h.w2());
    BE_LONG.set(b, 24, h.w3());
    return b;
  }
}

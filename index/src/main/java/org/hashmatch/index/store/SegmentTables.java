package org.hashmatch.index.store;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.hashmatch.index.CorruptBankException;
import org.hashmatch.index.search.PdqSearchTable;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory search structures of one immutable segment, derived from its doc values when the
 * segment is first opened and cached by its core key (see {@link TableCache}); deletions are not
 * part of it (they are checked against the reader's live docs at hit time), so a segment's tables
 * never change.
 *
 * <ul>
 *   <li>PDQ: a {@link PdqSearchTable} over the segment's {@link EntryFields#PDQ} doc values. If every
 *       document has a PDQ hash, table row = segment doc; otherwise {@code pdqDocs} maps rows to docs.
 *   <li>pHash: the hashes of documents that have one and their doc numbers, scanned exactly.
 *   <li>Bank: per document the segment-local ordinal of its bank (from the {@link EntryFields#BANK}
 *       sorted doc values), so a search filters banks without touching stored fields. One byte per
 *       document when the segment holds at most 256 banks, none when it holds one bank only.
 * </ul>
 *
 * <p>Immutable after construction; safe for concurrent searches.
 */
final class SegmentTables {

  private static final VarHandle BE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  final int maxDoc;
  /** Segment ordinal -> bank name. */
  final String[] bankNames;

  private final byte @Nullable [] bankOrdBytes;
  private final int @Nullable [] bankOrdInts;
  /** The ordinal of every document when the segment holds a single bank, else -1. */
  private final int constantOrd;

  final @Nullable PdqSearchTable pdq;
  /** Table row -> doc; null means the identity. */
  final int @Nullable [] pdqDocs;

  final long[] phash;
  final int[] phashDocs;

  private SegmentTables(
      int maxDoc,
      String[] bankNames,
      byte @Nullable [] bankOrdBytes,
      int @Nullable [] bankOrdInts,
      int constantOrd,
      @Nullable PdqSearchTable pdq,
      int @Nullable [] pdqDocs,
      long[] phash,
      int[] phashDocs) {
    this.maxDoc = maxDoc;
    this.bankNames = bankNames;
    this.bankOrdBytes = bankOrdBytes;
    this.bankOrdInts = bankOrdInts;
    this.constantOrd = constantOrd;
    this.pdq = pdq;
    this.pdqDocs = pdqDocs;
    this.phash = phash;
    this.phashDocs = phashDocs;
  }

  /** The segment-local bank ordinal of {@code doc}, or -1 if it has none. */
  int bankOrd(int doc) {
    if (constantOrd >= 0) {
      return constantOrd;
    }
    if (bankOrdBytes != null) {
      return (bankOrdBytes[doc] & 0xFF) - 1;
    }
    return bankOrdInts == null ? -1 : bankOrdInts[doc];
  }

  /** Heap bytes held by the structures (not counting the Lucene reader itself). */
  long ramBytesUsed() {
    long b = 64;
    b += bankOrdBytes != null ? 16 + bankOrdBytes.length : 0;
    b += bankOrdInts != null ? 16 + 4L * bankOrdInts.length : 0;
    b += pdq != null ? pdq.ramBytesUsed() : 0;
    b += pdqDocs != null ? 16 + 4L * pdqDocs.length : 0;
    b += 32 + 8L * phash.length + 4L * phashDocs.length;
    return b;
  }

  /** Reads the doc values of {@code leaf} and builds its tables. */
  static SegmentTables build(LeafReader leaf) throws IOException {
    int maxDoc = leaf.maxDoc();

    // Banks.
    SortedDocValues banks = leaf.getSortedDocValues(EntryFields.BANK);
    String[] names;
    byte[] ordBytes = null;
    int[] ordInts = null;
    int constantOrd = -1;
    if (banks == null) {
      names = new String[0];
      ordInts = new int[0];
    } else {
      int valueCount = banks.getValueCount();
      names = new String[valueCount];
      for (int o = 0; o < valueCount; o++) {
        names[o] = banks.lookupOrd(o).utf8ToString();
      }
      if (valueCount <= 255) {
        ordBytes = new byte[maxDoc]; // 0 = no bank, else ord + 1
        int withBank = 0;
        for (int d = banks.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = banks.nextDoc()) {
          ordBytes[d] = (byte) (banks.ordValue() + 1);
          withBank++;
        }
        if (valueCount == 1 && withBank == maxDoc) {
          constantOrd = 0;
          ordBytes = null;
        }
      } else {
        ordInts = new int[maxDoc];
        Arrays.fill(ordInts, -1);
        for (int d = banks.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = banks.nextDoc()) {
          ordInts[d] = banks.ordValue();
        }
      }
    }

    // PDQ.
    PdqSearchTable table = null;
    int[] pdqDocs = null;
    BinaryDocValues pdqValues = leaf.getBinaryDocValues(EntryFields.PDQ);
    if (pdqValues != null) {
      long[] words = new long[4 * maxDoc];
      int[] docs = new int[maxDoc];
      int row = 0;
      for (int d = pdqValues.nextDoc();
          d != DocIdSetIterator.NO_MORE_DOCS;
          d = pdqValues.nextDoc()) {
        BytesRef v = pdqValues.binaryValue();
        if (v.length != 32 || row >= maxDoc) {
          throw new CorruptBankException(
              "PDQ doc value of doc " + d + " has " + v.length + " bytes; expected 32");
        }
        int w = row << 2;
        words[w] = (long) BE_LONG.get(v.bytes, v.offset);
        words[w + 1] = (long) BE_LONG.get(v.bytes, v.offset + 8);
        words[w + 2] = (long) BE_LONG.get(v.bytes, v.offset + 16);
        words[w + 3] = (long) BE_LONG.get(v.bytes, v.offset + 24);
        docs[row] = d;
        row++;
      }
      if (row < maxDoc) {
        words = Arrays.copyOf(words, 4 * row);
        pdqDocs = Arrays.copyOf(docs, row);
      }
      table = PdqSearchTable.build(words, row);
    }

    // pHash.
    long[] ph = new long[0];
    int[] phDocs = new int[0];
    NumericDocValues phValues = leaf.getNumericDocValues(EntryFields.PHASH);
    if (phValues != null) {
      ph = new long[Math.min(maxDoc, 1024)];
      phDocs = new int[ph.length];
      int row = 0;
      for (int d = phValues.nextDoc();
          d != DocIdSetIterator.NO_MORE_DOCS;
          d = phValues.nextDoc()) {
        if (row == ph.length) {
          int grown = (int) Math.min(maxDoc, 2L * ph.length);
          ph = Arrays.copyOf(ph, grown);
          phDocs = Arrays.copyOf(phDocs, grown);
        }
        ph[row] = phValues.longValue();
        phDocs[row] = d;
        row++;
      }
      ph = Arrays.copyOf(ph, row);
      phDocs = Arrays.copyOf(phDocs, row);
    }
    return new SegmentTables(
        maxDoc, names, ordBytes, ordInts, constantOrd, table, pdqDocs, ph, phDocs);
  }
}

package org.hashmatch.index.store;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.hashmatch.index.CorruptBankException;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.search.Hash64SearchTable;
import org.hashmatch.index.search.PdqSearchTable;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory search structures of one immutable segment, derived from its doc values when the
 * segment is first opened and cached by its core key (see {@link TableCache}); deletions are not
 * part of it (they are checked against the reader's live docs at hit time), so a segment's tables
 * never change.
 *
 * <ul>
 *   <li>PDQ: a {@link PdqSearchTable} over the segment's {@link EntryFields#PDQ} doc values, then
 *       (rows from {@code pdqPrimaryRows} on) over the hashes of its {@link
 *       EntryFields#PDQ_VARIANTS} doc values, one row per variant. If every document has a PDQ
 *       hash and none has variants, table row = segment doc; otherwise {@code pdqDocs} maps rows
 *       to docs, and {@link #pdqVariantOrd} gives a variant row's position in its entry's
 *       variants. A segment without variants holds nothing more than before.
 *   <li>pHash: a {@link Hash64SearchTable} over the documents that have one, rows mapped to docs as
 *       for PDQ.
 *   <li>Bank: per document a segment-local ordinal of its bank number (from the {@link
 *       EntryFields#BANK} doc values), so a search filters banks without touching stored fields.
 *       One byte per document when the segment holds at most 256 banks, none when it holds one bank
 *       only.
 * </ul>
 *
 * <p>Immutable after construction; safe for concurrent searches.
 */
final class SegmentTables {

  private static final VarHandle BE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  final int maxDoc;

  /** Segment ordinal -> bank number. */
  final int[] bankNumbers;

  private final byte @Nullable [] bankOrdBytes;
  private final int @Nullable [] bankOrdInts;

  /** The ordinal of every document when the segment holds a single bank, else -1. */
  private final int constantOrd;

  final @Nullable PdqSearchTable pdq;

  /** Table row -> doc; null means the identity. */
  final int @Nullable [] pdqDocs;

  /** Rows below this are primary hashes; rows from here on are variants. */
  final int pdqPrimaryRows;

  /** (row - pdqPrimaryRows) -> position of the variant in its entry; null if there are none. */
  private final byte @Nullable [] pdqVariantOrds;

  final @Nullable Hash64SearchTable phash;

  /** pHash table row -> doc; null means the identity. */
  final int @Nullable [] phashDocs;

  private SegmentTables(
      int maxDoc,
      int[] bankNumbers,
      byte @Nullable [] bankOrdBytes,
      int @Nullable [] bankOrdInts,
      int constantOrd,
      @Nullable PdqSearchTable pdq,
      int @Nullable [] pdqDocs,
      int pdqPrimaryRows,
      byte @Nullable [] pdqVariantOrds,
      @Nullable Hash64SearchTable phash,
      int @Nullable [] phashDocs) {
    this.maxDoc = maxDoc;
    this.bankNumbers = bankNumbers;
    this.bankOrdBytes = bankOrdBytes;
    this.bankOrdInts = bankOrdInts;
    this.constantOrd = constantOrd;
    this.pdq = pdq;
    this.pdqDocs = pdqDocs;
    this.pdqPrimaryRows = pdqPrimaryRows;
    this.pdqVariantOrds = pdqVariantOrds;
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

  /** True if some document of the segment has PDQ variants (rows beyond the primary hashes). */
  boolean hasPdqVariants() {
    return pdqVariantOrds != null;
  }

  /**
   * For a PDQ table row: -1 if it holds its document's primary hash, else the position of the
   * variant it holds in the entry's {@link org.hashmatch.index.Entry#pdqVariants()}.
   */
  int pdqVariantOrd(int row) {
    byte[] ords = pdqVariantOrds;
    return ords == null || row < pdqPrimaryRows ? -1 : ords[row - pdqPrimaryRows];
  }

  /** Heap bytes held by the structures (not counting the Lucene reader itself). */
  long ramBytesUsed() {
    long b = 64;
    b += bankOrdBytes != null ? 16 + bankOrdBytes.length : 0;
    b += bankOrdInts != null ? 16 + 4L * bankOrdInts.length : 0;
    b += pdq != null ? pdq.ramBytesUsed() : 0;
    b += pdqDocs != null ? 16 + 4L * pdqDocs.length : 0;
    b += pdqVariantOrds != null ? 16 + pdqVariantOrds.length : 0;
    b += phash != null ? phash.ramBytesUsed() : 0;
    b += phashDocs != null ? 16 + 4L * phashDocs.length : 0;
    return b;
  }

  /** Reads the doc values of {@code leaf} and builds its tables. */
  static SegmentTables build(LeafReader leaf) throws IOException {
    int maxDoc = leaf.maxDoc();

    // Banks: segment ordinal per document, ordinals in order of first appearance.
    NumericDocValues banks = leaf.getNumericDocValues(EntryFields.BANK);
    int[] numbers = new int[0];
    byte[] ordBytes = null;
    int[] ordInts = null;
    int constantOrd = -1;
    if (banks != null) {
      Map<Integer, Integer> ordOf = new HashMap<>();
      ordBytes = new byte[maxDoc]; // 0 = no bank, else ord + 1, while at most 255 banks
      int withBank = 0;
      int lastNumber = Integer.MIN_VALUE;
      int lastOrd = -1;
      for (int d = banks.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = banks.nextDoc()) {
        int number = (int) banks.longValue();
        if (number != lastNumber) {
          Integer known = ordOf.get(number);
          if (known == null) {
            known = ordOf.size();
            ordOf.put(number, known);
            if (known == 255 && ordInts == null) {
              ordInts = new int[maxDoc];
              Arrays.fill(ordInts, -1);
              for (int i = 0; i < maxDoc; i++) {
                ordInts[i] = (ordBytes[i] & 0xFF) - 1;
              }
              ordBytes = null;
            }
          }
          lastNumber = number;
          lastOrd = known;
        }
        if (ordInts != null) {
          ordInts[d] = lastOrd;
        } else {
          ordBytes[d] = (byte) (lastOrd + 1);
        }
        withBank++;
      }
      numbers = new int[ordOf.size()];
      for (Map.Entry<Integer, Integer> e : ordOf.entrySet()) {
        numbers[e.getValue()] = e.getKey();
      }
      if (numbers.length == 1 && withBank == maxDoc) {
        constantOrd = 0;
        ordBytes = null;
      }
    }

    // PDQ: primary hashes first, then the variants (counted in a first pass, so the words are
    // allocated once; a segment without variants skips that pass entirely).
    PdqSearchTable table = null;
    int[] pdqDocs = null;
    int primaryRows = 0;
    byte[] variantOrds = null;
    int variantRows = countVariantRows(leaf);
    BinaryDocValues pdqValues = leaf.getBinaryDocValues(EntryFields.PDQ);
    if (pdqValues != null || variantRows > 0) {
      int capacity = Math.addExact(maxDoc, variantRows);
      long[] words = new long[Math.multiplyExact(4, capacity)];
      int[] docs = new int[capacity];
      int row = 0;
      if (pdqValues != null) {
        for (int d = pdqValues.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = pdqValues.nextDoc()) {
          BytesRef v = pdqValues.binaryValue();
          if (v.length != 32 || row >= maxDoc) {
            throw new CorruptBankException(
                "PDQ doc value of doc " + d + " has " + v.length + " bytes; expected 32");
          }
          readWords(v.bytes, v.offset, words, row << 2);
          docs[row] = d;
          row++;
        }
      }
      primaryRows = row;
      if (variantRows > 0) {
        variantOrds = new byte[variantRows];
        BinaryDocValues vv = leaf.getBinaryDocValues(EntryFields.PDQ_VARIANTS);
        for (int d = vv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = vv.nextDoc()) {
          BytesRef v = vv.binaryValue();
          int n = v.length >>> 5;
          if (row - primaryRows + n > variantRows) {
            throw new CorruptBankException(
                "PDQ variant doc values changed between two reads of doc " + d);
          }
          for (int k = 0; k < n; k++) {
            readWords(v.bytes, v.offset + 32 * k, words, row << 2);
            docs[row] = d;
            variantOrds[row - primaryRows] = (byte) k;
            row++;
          }
        }
      }
      if (row < capacity) {
        words = Arrays.copyOf(words, 4 * row);
      }
      if (row < maxDoc || variantRows > 0) {
        pdqDocs = Arrays.copyOf(docs, row);
      }
      table = PdqSearchTable.build(words, row);
    }

    // pHash.
    Hash64SearchTable phTable = null;
    int[] phRows = null;
    NumericDocValues phValues = leaf.getNumericDocValues(EntryFields.PHASH);
    if (phValues != null) {
      long[] ph = new long[Math.min(maxDoc, 1024)];
      int[] phDocs = new int[ph.length];
      int row = 0;
      for (int d = phValues.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = phValues.nextDoc()) {
        if (row == ph.length) {
          int grown = (int) Math.min(maxDoc, 2L * ph.length);
          ph = Arrays.copyOf(ph, grown);
          phDocs = Arrays.copyOf(phDocs, grown);
        }
        ph[row] = phValues.longValue();
        phDocs[row] = d;
        row++;
      }
      phTable = Hash64SearchTable.build(Arrays.copyOf(ph, row), row);
      phRows = row == maxDoc ? null : Arrays.copyOf(phDocs, row);
    }
    return new SegmentTables(
        maxDoc,
        numbers,
        ordBytes,
        ordInts,
        constantOrd,
        table,
        pdqDocs,
        primaryRows,
        variantOrds,
        phTable,
        phRows);
  }

  /**
   * Number of variant hashes in the segment's {@link EntryFields#PDQ_VARIANTS} doc values.
   *
   * @throws CorruptBankException if a value is not 1..{@value EntryDraft#MAX_PDQ_VARIANTS} hashes
   */
  private static int countVariantRows(LeafReader leaf) throws IOException {
    BinaryDocValues vv = leaf.getBinaryDocValues(EntryFields.PDQ_VARIANTS);
    if (vv == null) {
      return 0;
    }
    long rows = 0;
    for (int d = vv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = vv.nextDoc()) {
      int len = vv.binaryValue().length;
      if (len == 0 || (len & 31) != 0 || len > 32 * EntryDraft.MAX_PDQ_VARIANTS) {
        throw new CorruptBankException(
            "PDQ variant doc value of doc "
                + d
                + " has "
                + len
                + " bytes; expected a multiple of 32 in [32, "
                + 32 * EntryDraft.MAX_PDQ_VARIANTS
                + "]");
      }
      rows += len >>> 5;
    }
    if (rows > Integer.MAX_VALUE / 8) {
      throw new CorruptBankException("segment has " + rows + " PDQ variants; too many to index");
    }
    return (int) rows;
  }

  private static void readWords(byte[] b, int offset, long[] words, int w) {
    words[w] = (long) BE_LONG.get(b, offset);
    words[w + 1] = (long) BE_LONG.get(b, offset + 8);
    words[w + 2] = (long) BE_LONG.get(b, offset + 16);
    words[w + 3] = (long) BE_LONG.get(b, offset + 24);
  }
}

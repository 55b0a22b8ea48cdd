package org.hashmatch.index.search;

/**
 * Exact PDQ radius search over one segment's hashes. Immutable after {@link #build}, safe for
 * concurrent searches.
 *
 * <p>Interim implementation: a linear popcount scan (exact, slow). To be replaced by multi-index
 * hashing (issue 3) without changing this API.
 */
public final class PdqSearchTable {

  private final long[] words;
  private final int count;

  private PdqSearchTable(long[] words, int count) {
    this.words = words;
    this.count = count;
  }

  /**
   * Builds the table.
   *
   * @param words 4 words per document in {@link org.hashmatch.hashing.Hash256} word order; document
   *     {@code d} is {@code words[4d..4d+3]}. The table takes ownership of the array.
   * @param count number of documents
   */
  public static PdqSearchTable build(long[] words, int count) {
    if (words.length < 4L * count) {
      throw new IllegalArgumentException(
          "need " + 4L * count + " words for " + count + " hashes, got " + words.length);
    }
    return new PdqSearchTable(words, count);
  }

  /** Reports every document within {@code radiusBits} of the query (each once). */
  public void search(long q0, long q1, long q2, long q3, int radiusBits, HitCollector out) {
    for (int d = 0; d < count; d++) {
      int b = d << 2;
      int dist =
          Long.bitCount(words[b] ^ q0)
              + Long.bitCount(words[b + 1] ^ q1)
              + Long.bitCount(words[b + 2] ^ q2)
              + Long.bitCount(words[b + 3] ^ q3);
      if (dist <= radiusBits) {
        out.hit(d, dist);
      }
    }
  }

  /** Number of documents. */
  public int size() {
    return count;
  }

  /** Heap bytes held. */
  public long ramBytesUsed() {
    return 16L + 8L * words.length;
  }
}

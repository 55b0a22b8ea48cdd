package org.hashmatch.index.search;

import java.util.Objects;
import org.apache.lucene.util.Bits;
import org.jspecify.annotations.Nullable;

/**
 * Exact radius search over one segment's 64-bit hashes (pHash), by multi-index hashing as {@link
 * PdqSearchTable}: the 64 bits are cut into 3 to 8 chunks of about {@code log2(count)} bits (e.g. 3
 * chunks of 21/21/22 bits at 1M and above, so a radius-8 query looks up about 700 values), with a
 * linear scan where that is cheaper. Immutable after {@link #build}, safe for concurrent searches.
 *
 * <p>Each live document within the radius is reported exactly once with its exact distance. Memory:
 * 8 bytes per hash plus about 4.5 to 5 bytes per hash and chunk.
 */
public final class Hash64SearchTable {

  private final MultiIndex index;

  private Hash64SearchTable(MultiIndex index) {
    this.index = index;
  }

  /**
   * Builds the table with the default chunk plan for its size.
   *
   * @param hashes one hash per document ({@link org.hashmatch.hashing.Hash64#bits()}); the table
   *     takes ownership of the array
   * @param count number of documents
   * @throws IllegalArgumentException if {@code count < 0} or {@code hashes} is shorter than {@code
   *     count}
   */
  public static Hash64SearchTable build(long[] hashes, int count) {
    return build(hashes, count, ChunkPlan.forSize(64, count));
  }

  /**
   * Builds the table with the given chunk plan.
   *
   * @throws IllegalArgumentException as {@link #build(long[], int)}, or if the plan is not for
   *     64-bit hashes
   */
  public static Hash64SearchTable build(long[] hashes, int count, ChunkPlan plan) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    if (hashes.length < count) {
      throw new IllegalArgumentException("need " + count + " hashes, got " + hashes.length);
    }
    return build(hashes, count, plan, MultiIndex.Strategy.AUTO);
  }

  /** As {@link #build(long[], int, ChunkPlan)} with an explicit strategy (tests). */
  static Hash64SearchTable build(
      long[] hashes, int count, ChunkPlan plan, MultiIndex.Strategy strategy) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    return new Hash64SearchTable(new MultiIndex(hashes, 1, count, plan, strategy));
  }

  /**
   * Reports every document within {@code radiusBits} of {@code query} (each once).
   *
   * @throws IllegalArgumentException if {@code radiusBits < 0}
   */
  public void search(long query, int radiusBits, HitCollector out) {
    search(query, radiusBits, null, out, null);
  }

  /**
   * Reports every live document within {@code radiusBits} of {@code query} (each once). Radii above
   * 64 behave as 64.
   *
   * @param liveDocs live documents of the segment, or null if all are live
   * @param stats counters to add this search's work to, or null
   * @throws IllegalArgumentException if {@code radiusBits < 0}
   */
  public void search(
      long query,
      int radiusBits,
      @Nullable Bits liveDocs,
      HitCollector out,
      @Nullable SearchStats stats) {
    index.search(new long[] {query}, 0, radiusBits, liveDocs, out, stats);
  }

  /**
   * The same search answered by a linear scan (benchmark baseline, test oracle).
   *
   * @throws IllegalArgumentException if {@code radiusBits < 0}
   */
  public void scan(
      long query,
      int radiusBits,
      @Nullable Bits liveDocs,
      HitCollector out,
      @Nullable SearchStats stats) {
    index.scan(new long[] {query}, 0, radiusBits, liveDocs, out, stats);
  }

  /** The hash of document {@code doc}. */
  public long hash(int doc) {
    Objects.checkIndex(doc, index.size());
    return index.word(doc, 0);
  }

  /** Whether searches of this radius use the chunk index (false: they scan). */
  public boolean usesIndex(int radiusBits) {
    MultiIndex.checkRadius(radiusBits);
    return index.usesIndex(radiusBits);
  }

  /** The chunk plan. */
  public ChunkPlan plan() {
    return index.plan();
  }

  /** Number of documents. */
  public int size() {
    return index.size();
  }

  /** Heap bytes held. */
  public long ramBytesUsed() {
    return index.ramBytesUsed();
  }

  @Override
  public String toString() {
    return "Hash64SearchTable[size=" + size() + ", plan=" + plan() + "]";
  }
}

package org.hashmatch.index.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * Per-segment {@link SegmentTables}, keyed by the segment's core cache key. A segment's core is
 * immutable and shared by every reader that contains the segment, so its tables are built once,
 * when a refreshed reader first contains the segment (new flushes and merges only), and evicted by
 * the core's close listener when the last reader holding the segment closes. A change to one entry
 * therefore costs one small new segment's tables (plus a live-docs update for deletes), never a
 * rebuild of the whole index.
 *
 * <p>Thread-safe.
 */
final class TableCache extends SearcherFactory {

  private final ConcurrentHashMap<IndexReader.CacheKey, SegmentTables> tables =
      new ConcurrentHashMap<>();
  private final AtomicLong builds = new AtomicLong();

  /** Searchers made by {@link TableCache}: an {@link IndexSearcher} plus the tables per leaf. */
  static final class HashSearcher extends IndexSearcher {
    private final SegmentTables[] perLeaf;

    HashSearcher(IndexReader reader, SegmentTables[] perLeaf) {
      super(reader);
      this.perLeaf = perLeaf;
    }

    /** The tables of leaf {@code ord} (as in {@link LeafReaderContext#ord}). */
    SegmentTables tables(int ord) {
      return perLeaf[ord];
    }
  }

  @Override
  public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader)
      throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    SegmentTables[] perLeaf = new SegmentTables[leaves.size()];
    for (LeafReaderContext ctx : leaves) {
      perLeaf[ctx.ord] = tablesFor(ctx.reader());
    }
    return new HashSearcher(reader, perLeaf);
  }

  private SegmentTables tablesFor(LeafReader leaf) throws IOException {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    if (helper == null) {
      return SegmentTables.build(leaf);
    }
    IndexReader.CacheKey key = helper.getKey();
    SegmentTables cached = tables.get(key);
    if (cached != null) {
      return cached;
    }
    try {
      return tables.computeIfAbsent(
          key,
          k -> {
            try {
              SegmentTables built = SegmentTables.build(leaf);
              builds.incrementAndGet();
              helper.addClosedListener(tables::remove);
              return built;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** How many segments' tables were built so far (for tests and stats). */
  long builds() {
    return builds.get();
  }

  /** Number of cached segments (for tests and stats). */
  int cachedSegments() {
    return tables.size();
  }

  /** Heap bytes of all cached tables. */
  long ramBytesUsed() {
    long sum = 0;
    for (SegmentTables t : tables.values()) {
      sum += t.ramBytesUsed();
    }
    return sum;
  }
}

package org.hashmatch.index.search;

import java.util.Objects;
import org.apache.lucene.util.Bits;
import org.jspecify.annotations.Nullable;

/**
 * Exact PDQ radius search over one segment's hashes by multi-index hashing (Norouzi, Punjani and
 * Fleet, "Fast exact search in Hamming space with multi-index hashing", 2014). Immutable after
 * {@link #build}, safe for concurrent searches, no per-thread state.
 *
 * <p>The 256 bits are cut into {@code m} chunks ({@link ChunkPlan}); each chunk has a table from
 * chunk value to documents. A query of radius {@code r} looks up, in each chunk, every value within
 * that chunk's budget ({@link ChunkPlan#budget}, about {@code r/m} bits) of the query's chunk; by
 * the pigeonhole principle every hash within {@code r} is among these candidates, and each
 * candidate is verified by four popcounts. Results are therefore exactly those of a linear scan,
 * for every radius 0..256. When enumerating neighbourhoods would cost more than a scan (large
 * radii, tables under {@value MultiIndex#MIN_INDEXED_DOCS} hashes) the table scans instead; {@link
 * #usesIndex} tells which.
 *
 * <p>Results: each live document within the radius is reported exactly once, with its exact
 * distance, in no particular order. Deleted documents are skipped through an optional Lucene {@link
 * Bits} of live documents (checked only for verified hits). Multi-probe searches ({@link
 * #search(long[], int, int, Bits, MultiProbeCollector, SearchStats)}, for the 8 dihedral variants
 * of a query) report each document once with its smallest distance over the probes.
 *
 * <p>Memory ({@link #ramBytesUsed}, all on the Java heap): 32 bytes per hash for the hashes, plus
 * per chunk 4 bytes per hash (doc id and residual bits packed in one int) and a bucket directory of
 * 0.5 to 1 byte per hash. With the default 11 chunks that is about 32 + 11 x 4.5..5 = 82..87 bytes
 * per hash (measured 85.2 at 10M). Building holds 16 bytes per hash and chunk being built as
 * temporary space; large tables build two or more chunks at once on the common fork-join pool.
 *
 * <p>Searches use a small per-thread scratch (probe values, bucket bounds, a candidate batch), a
 * few kilobytes for radii up to ~40. Collectors may search again from {@code hit} (a fresh scratch
 * is then used). Running the JVM with {@code -XX:+UseTransparentHugePages} speeds searches of large
 * tables up noticeably (fewer TLB misses on random reads).
 */
/*
 * Design notes and measurements.
 *
 * Chunk width. With chunks of w bits a lookup returns about N / 2^w documents, and a radius-31
 * query looks up about sum_i C(w, <= budget_i) values. Norouzi et al. suggest w ~ log2(N). 16 x 16
 * (PDQ's MIH256, FAISS IndexBinaryMultiHash) at 10M: budget 1 per chunk, 16 x 17 = 272 lookups
 * but 152 documents per lookup, ~41k candidates. 11 chunks (8 x 23 + 3 x 24): budget 2 in the
 * first 10 chunks and 1 in the last (the generalized pigeonhole bound, ChunkPlan.budget), ~3k
 * lookups, ~3k candidates.
 *
 * Lookup structure. A direct table of 2^23 offsets per chunk is 32 MB per chunk: fine at 10M, but
 * 370 bytes per entry for a 1M segment. Instead each chunk has a directory on the top
 * (log2(N) - 3) bits and packs the remaining chunk bits ("residual") with the doc id in one int, so
 * memory per entry and chunk is ~4.5-5 bytes for any segment size. No per-entry objects, no boxing.
 *
 * Search loop. A lookup costs two dependent cache misses (directory slot, bucket) and a candidate
 * one more (its 32-byte hash). Looking values up one at a time serializes those misses behind
 * data-dependent branches; MultiIndex.search instead enumerates a chunk's probe values into an
 * array and runs branch-free passes (directory slots, then a touch of each bucket's first entry)
 * before scanning buckets and verifying candidates, so the processor overlaps the misses. At 1M
 * this took 11 chunks from ~600 to ~180 us per query (same run conditions); transparent huge pages
 * (-XX:+UseTransparentHugePages, this kernel has THP in madvise mode) cut TLB misses for another
 * ~15-20%.
 *
 * De-duplication. A document within the radius may be found through several chunks. Rather than a
 * per-query visited set (N bits per thread, cleared per query), a verified hit found through
 * chunk i is reported only if no earlier chunk is within its budget, which costs a few popcounts
 * per hit and nothing per candidate.
 *
 * Measurements (bench index --backend table, uniform hashes, radius 31, 1000 queries, half
 * planted; JDK 25, -XX:+UseTransparentHugePages; a 2-core machine shared with other builds at load
 * average 7-14, so wall-clock tails are inflated by waiting for a core: CPU-time percentiles of the
 * searching thread are given too). Provisional.
 *
 *   N     plan   p50 CPU us     p99 CPU us   candidates   scan p50 CPU us   bytes/entry
 *   100k  11x    81             162          35           211               83.2
 *   100k  12x    64             183          96           201               87.9
 *   100k  13x    55             258          205          202               92.5
 *   100k  16x    52             194          420          210               106.5
 *   1M    11x    139            268          305          3068              81.8
 *   1M    12x    179            397          912          3064              86.3
 *   1M    13x    203            354          2002         3365              90.8
 *   1M    16x    249            436          4156         4223              100.2
 *   10M   11x    422            714          3018         32293             85.2
 *
 * Through the real index (bench index --backend index, 10M uniform, radius 31, same conditions),
 * the bank sat in 8 Lucene segments of ~1.25M: p50 1335 us (CPU 1330), p99 CPU 2079 us, 84.4
 * bytes/entry of search tables on heap, 32 bytes/entry of mapped index files resident. A search
 * costs about the same per segment whatever its size (lookups dominate), so latency grows with the
 * segment count: large banks want few large segments (merge policy), not many small ones.
 *
 * Lookups are cheaper than candidates here, so wider chunks than log2(N) win from a few hundred
 * thousand hashes on; ChunkPlan.forSize picks 16 chunks below 2^15 hashes, 13 below 2^18, else 11.
 * The scan fallback's cost model (MultiIndex.PROBE_COST, CANDIDATE_COST, calibrated at 1M) keeps
 * the index up to radius 48 at 1M and 61 at 10M and scans beyond, where enumerating chunk
 * neighbourhoods (C(23, <= 5) = 43k values per chunk at radius 63) costs more than the scan.
 */
public final class PdqSearchTable {

  private final MultiIndex index;

  private PdqSearchTable(MultiIndex index) {
    this.index = index;
  }

  /**
   * Builds the table with the default {@link ChunkPlan#forSize chunk plan} for its size.
   *
   * @param words 4 words per document in {@link org.hashmatch.hashing.Hash256} word order; document
   *     {@code d} is {@code words[4d..4d+3]}. The table takes ownership of the array: the caller
   *     must not change it afterwards.
   * @param count number of documents
   * @throws IllegalArgumentException if {@code count < 0} or {@code words} is shorter than {@code 4
   *     * count}
   */
  public static PdqSearchTable build(long[] words, int count) {
    return build(words, count, ChunkPlan.forSize(256, count));
  }

  /**
   * Builds the table with the given chunk plan (benchmarks compare plans).
   *
   * @throws IllegalArgumentException as {@link #build(long[], int)}, or if the plan is not for
   *     256-bit hashes
   */
  public static PdqSearchTable build(long[] words, int count, ChunkPlan plan) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    if (words.length < 4L * count) {
      throw new IllegalArgumentException(
          "need " + 4L * count + " words for " + count + " hashes, got " + words.length);
    }
    return build(words, count, plan, MultiIndex.Strategy.AUTO);
  }

  /** As {@link #build(long[], int, ChunkPlan)} with an explicit strategy (tests). */
  static PdqSearchTable build(
      long[] words, int count, ChunkPlan plan, MultiIndex.Strategy strategy) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    return new PdqSearchTable(new MultiIndex(words, 4, count, plan, strategy));
  }

  /**
   * Reports every document within {@code radiusBits} of the query (each once, with its exact
   * distance).
   *
   * @throws IllegalArgumentException if {@code radiusBits < 0}
   */
  public void search(long q0, long q1, long q2, long q3, int radiusBits, HitCollector out) {
    search(q0, q1, q2, q3, radiusBits, null, out, null);
  }

  /**
   * Reports every live document within {@code radiusBits} of the query (each once, with its exact
   * distance). Radii above 256 behave as 256.
   *
   * @param liveDocs live documents of the segment ({@code get(doc)} false: deleted, not reported),
   *     or null if all are live
   * @param stats counters to add this search's work to, or null
   * @throws IllegalArgumentException if {@code radiusBits < 0}
   */
  public void search(
      long q0,
      long q1,
      long q2,
      long q3,
      int radiusBits,
      @Nullable Bits liveDocs,
      HitCollector out,
      @Nullable SearchStats stats) {
    index.search(new long[] {q0, q1, q2, q3}, 0, radiusBits, liveDocs, out, stats);
  }

  /**
   * Multi-probe search, e.g. for the 8 dihedral variants of a query image: every live document
   * within {@code radiusBits} of at least one probe, reported once with its smallest distance and
   * the index of the first probe (in the given order) at that distance.
   *
   * @param probes 4 words per probe in {@link org.hashmatch.hashing.Hash256} word order; read, not
   *     kept
   * @param probeCount number of probes in {@code probes}
   * @throws IllegalArgumentException if {@code radiusBits < 0} or {@code probes} is shorter than
   *     {@code 4 * probeCount}
   */
  public void search(
      long[] probes,
      int probeCount,
      int radiusBits,
      @Nullable Bits liveDocs,
      MultiProbeCollector out,
      @Nullable SearchStats stats) {
    index.searchMulti(probes, probeCount, radiusBits, liveDocs, out, stats);
  }

  /**
   * The same search answered by a linear scan over the same hashes, whatever the radius: the
   * baseline for benchmarks and an oracle for tests.
   *
   * @throws IllegalArgumentException if {@code radiusBits < 0}
   */
  public void scan(
      long q0,
      long q1,
      long q2,
      long q3,
      int radiusBits,
      @Nullable Bits liveDocs,
      HitCollector out,
      @Nullable SearchStats stats) {
    index.scan(new long[] {q0, q1, q2, q3}, 0, radiusBits, liveDocs, out, stats);
  }

  /** Word {@code i} (0..3, {@link org.hashmatch.hashing.Hash256} order) of document {@code doc}. */
  public long word(int doc, int i) {
    Objects.checkIndex(doc, index.size());
    Objects.checkIndex(i, 4);
    return index.word(doc, i);
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

  /** Heap bytes held (the hashes, the chunk tables and small per-chunk arrays). */
  public long ramBytesUsed() {
    return index.ramBytesUsed();
  }

  @Override
  public String toString() {
    return "PdqSearchTable[size=" + size() + ", plan=" + plan() + "]";
  }
}

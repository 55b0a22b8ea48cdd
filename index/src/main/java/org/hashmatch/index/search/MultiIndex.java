package org.hashmatch.index.search;

import java.util.stream.IntStream;
import org.apache.lucene.util.Bits;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link PdqSearchTable} and {@link Hash64SearchTable}: exact Hamming-radius
 * search over {@code count} hashes of 1 or 4 words by multi-index hashing, with a linear scan for
 * radii where enumerating chunk neighbourhoods would cost more than scanning.
 *
 * <pre>
 * words    [d0w0 d0w1 d0w2 d0w3 | d1w0 ... ]          the hashes, 8 bytes per word (owned)
 * chunk c: offsets[c]  int[2^b + 1]                    bucket = top b bits of the chunk value
 *          entries[c]  int[count], grouped by bucket,  entry = residual << docBits | doc
 *                      sorted by (residual, doc)       residual = low (w - b) bits of the value
 * </pre>
 *
 * <p>The bucket directory has {@code b = bitsFor(count) - 3} bits (capped by the chunk width), so a
 * bucket holds about 4 to 8 entries on uniform data: the directory costs 0.5 to 1 byte per entry
 * and chunk, the entries 4 bytes, and a lookup reads one directory slot and one cache line of
 * entries. Looking up chunk value {@code v} scans its bucket for entries whose residual equals the
 * low bits of {@code v}.
 *
 * <p>Each document is reported at most once per probe without any per-query scratch memory: a
 * verified hit found through chunk {@code i} is reported only if no earlier chunk {@code j < i}
 * also has it within its budget (those chunks find it too, by exhaustiveness). Multi-probe searches
 * report a document only from the probe that is its first closest one.
 *
 * <p>Immutable after construction; searches are thread-safe and allocate a few small objects.
 */
final class MultiIndex {

  /** Below this many hashes there is no chunk index: a scan is as fast and costs no memory. */
  static final int MIN_INDEXED_DOCS = 1024;

  /** From this many hashes on, chunks are built in parallel. */
  private static final int PARALLEL_BUILD_DOCS = 1 << 16;

  /** Directory bits below the doc-id bits: 2^3 = 4..8 entries per bucket on uniform data. */
  private static final int BUCKET_SLACK_BITS = 3;

  /**
   * Cost model, in units of one hash compared by the linear scan (which streams 32 bytes per hash
   * from memory). A probe (directory slot plus bucket, two likely cache misses) and a candidate (a
   * random 32-byte read plus popcounts) each cost about as much as a dozen scanned hashes.
   * Calibrated at 1M, 11 chunks (CPU time per query): radius 40 index 0.87 ms vs scan 3.3 ms,
   * radius 48 2.9 vs 3.6 ms, radius 56 8.1 vs 3.5 ms; with 12 the model switches to the scan above
   * radius 48 at 1M and above 61 at 10M.
   */
  private static final double PROBE_COST = 12;

  private static final double CANDIDATE_COST = 12;

  private final int wordsPerDoc;
  private final long[] words;
  private final int count;
  private final ChunkPlan plan;

  // Per chunk, for extracting its value from a hash and its distance from an XOR.
  private final int[] firstWord;
  private final long[] mask0;
  private final long[] mask1;

  // Per chunk index; null arrays when count < MIN_INDEXED_DOCS.
  private final int @Nullable [][] offsets;
  private final int @Nullable [][] entries;
  private final int[] residualBits;
  private final int[] docBits;

  /** indexed[r]: whether radius r is answered by the chunk index rather than a scan. */
  private final boolean[] indexed;

  /** Per-thread buffers of a search: probe values, bucket bounds, candidates. */
  private static final class Scratch {
    private int[] values = new int[1024];
    private int[] lows = new int[1024];
    private int[] highs = new int[1024];

    /** Candidates are verified in batches of this many. */
    final int[] candidates = new int[2048];

    boolean inUse;

    /** Keeps the touching loads of a search observable, so the compiler cannot drop them. */
    int sink;

    int[] values(int n) {
      if (values.length < n) {
        values = new int[grow(n)];
      }
      return values;
    }

    int[] lows(int n) {
      if (lows.length < n) {
        lows = new int[grow(n)];
      }
      return lows;
    }

    int[] highs(int n) {
      if (highs.length < n) {
        highs = new int[grow(n)];
      }
      return highs;
    }

    private static int grow(int n) {
      return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(n, 2L * n));
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Writes every {@code w}-bit value within {@code budget} bits of {@code v} into {@code out}. */
  private static void enumerate(int v, int w, int budget, int[] out) {
    int n = 0;
    out[n++] = v;
    int limit = 1 << w;
    for (int k = 1; k <= budget; k++) {
      int flip = (1 << k) - 1;
      while (flip < limit) {
        out[n++] = v ^ flip;
        // Gosper's hack: the next larger int with the same number of set bits.
        int t = flip | (flip - 1);
        flip = (t + 1) | (((~t & - ~t) - 1) >>> (Integer.numberOfTrailingZeros(flip) + 1));
      }
    }
  }

  /** When to use the chunk index. */
  enum Strategy {
    /** Index when the cost model says it beats a scan (production). */
    AUTO,
    /** Always index and always search through the index (tests of the index path). */
    ALWAYS_INDEX
  }

  MultiIndex(long[] words, int wordsPerDoc, int count, ChunkPlan plan) {
    this(words, wordsPerDoc, count, plan, Strategy.AUTO);
  }

  MultiIndex(long[] words, int wordsPerDoc, int count, ChunkPlan plan, Strategy strategy) {
    if (wordsPerDoc * 64 != plan.totalBits()) {
      throw new IllegalArgumentException(
          "plan is for " + plan.totalBits() + "-bit hashes, table has " + wordsPerDoc * 64);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    if (words.length < (long) wordsPerDoc * count) {
      throw new IllegalArgumentException(
          "need "
              + (long) wordsPerDoc * count
              + " words for "
              + count
              + " hashes, got "
              + words.length);
    }
    this.wordsPerDoc = wordsPerDoc;
    this.words = words;
    this.count = count;
    this.plan = plan;
    int m = plan.chunks();
    firstWord = new int[m];
    mask0 = new long[m];
    mask1 = new long[m];
    for (int c = 0; c < m; c++) {
      int s = plan.start(c);
      int w = plan.width(c);
      int off = s & 63;
      firstWord[c] = s >>> 6;
      int end = Math.min(64, off + w);
      mask0[c] = (-1L >>> off) & (-1L << (64 - end));
      mask1[c] = off + w > 64 ? -1L << (128 - off - w) : 0L;
    }
    residualBits = new int[m];
    docBits = new int[m];
    boolean always = strategy == Strategy.ALWAYS_INDEX;
    if (count >= MIN_INDEXED_DOCS || (always && count > 0)) {
      offsets = new int[m][];
      entries = new int[m][];
      // Chunks are independent: large tables build them on the common fork-join pool (each
      // build holds 16 bytes per document of temporary space).
      IntStream chunks = IntStream.range(0, m);
      (count >= PARALLEL_BUILD_DOCS ? chunks.parallel() : chunks).forEach(this::buildChunk);
    } else {
      offsets = null;
      entries = null;
    }
    indexed = new boolean[plan.totalBits() + 1];
    for (int r = 0; r <= plan.totalBits(); r++) {
      indexed[r] = offsets != null && (always || estimatedIndexCost(r) < count);
    }
  }

  /** Bits needed for doc ids 0..count-1 (at least 1). */
  private static int docIdBits(int count) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(count - 1));
  }

  private void buildChunk(int c) {
    int w = plan.width(c);
    int idBits = docIdBits(count);
    // Directory bits: about count/8 buckets, never wider than the chunk, and wide enough that
    // residual and doc id share one int.
    int b = Math.min(w, Math.max(idBits - BUCKET_SLACK_BITS, 0));
    b = Math.max(b, w - (32 - idBits));
    int rb = w - b;
    int db = rb == 0 ? 31 : 32 - rb;
    // Sort (chunk value, doc) pairs by value, stably, with a two-digit LSD radix sort: each pass
    // scatters into at most 2^14 sequential streams, which stay in cache, where a single counting
    // sort over 2^23 buckets would miss the cache on every write at 10M documents.
    long[] pairs = new long[count];
    for (int d = 0; d < count; d++) {
      pairs[d] = ((long) chunkValue(c, words, d * wordsPerDoc) << 32) | d;
    }
    long[] spare = new long[count];
    int lowBits = (w + 1) / 2;
    radixPass(pairs, spare, 32, lowBits);
    radixPass(spare, pairs, 32 + lowBits, w - lowBits);
    spare = null;
    int resMask = (1 << rb) - 1;
    int[] off = new int[(1 << b) + 1];
    int[] ent = new int[count];
    for (int i = 0; i < count; i++) {
      long p = pairs[i];
      int key = (int) (p >>> 32);
      int doc = (int) p;
      off[(key >>> rb) + 1]++;
      ent[i] = rb == 0 ? doc : ((key & resMask) << db) | doc;
    }
    for (int i = 1; i < off.length; i++) {
      off[i] += off[i - 1];
    }
    residualBits[c] = rb;
    docBits[c] = db;
    offsets[c] = off;
    entries[c] = ent;
  }

  /** Stable counting sort of {@code src} into {@code dst} by {@code bits} bits at {@code shift}. */
  private static void radixPass(long[] src, long[] dst, int shift, int bits) {
    int mask = (1 << bits) - 1;
    int[] start = new int[(1 << bits) + 1];
    for (long p : src) {
      start[((int) (p >>> shift) & mask) + 1]++;
    }
    for (int i = 1; i < start.length; i++) {
      start[i] += start[i - 1];
    }
    for (long p : src) {
      dst[start[(int) (p >>> shift) & mask]++] = p;
    }
  }

  /** Chunk {@code c} of the hash at {@code src[base .. base + wordsPerDoc)}. */
  private int chunkValue(int c, long[] src, int base) {
    int s = plan.start(c);
    int w = plan.width(c);
    int wi = base + (s >>> 6);
    int off = s & 63;
    long v = src[wi] << off;
    if (off + w > 64) {
      v |= src[wi + 1] >>> (64 - off);
    }
    return (int) (v >>> (64 - w));
  }

  private static double neighbours(int width, int budget) {
    double sum = 0;
    double binom = 1;
    for (int k = 0; k <= budget; k++) {
      sum += binom;
      binom = binom * (width - k) / (k + 1);
    }
    return sum;
  }

  /** Expected cost of an indexed search on uniform data, in scanned-hash units. */
  double estimatedIndexCost(int radiusBits) {
    double cost = 0;
    for (int c = 0; c < plan.chunks(); c++) {
      int budget = plan.budget(c, radiusBits);
      if (budget < 0) {
        continue;
      }
      double probes = neighbours(plan.width(c), budget);
      cost += probes * (PROBE_COST + CANDIDATE_COST * count / Math.scalb(1.0, plan.width(c)));
    }
    return cost;
  }

  int size() {
    return count;
  }

  ChunkPlan plan() {
    return plan;
  }

  /** Whether a search of this radius uses the chunk index (false: linear scan). */
  boolean usesIndex(int radiusBits) {
    return indexed[Math.min(radiusBits, indexed.length - 1)];
  }

  long ramBytesUsed() {
    long bytes = 64 + 16 + 8L * words.length;
    bytes += 3 * (16 + 8L * plan.chunks()) + 2 * (16 + 4L * plan.chunks()) + 16 + indexed.length;
    if (offsets != null && entries != null) {
      for (int c = 0; c < plan.chunks(); c++) {
        bytes += 2 * 16 + 4L * offsets[c].length + 4L * entries[c].length;
      }
    }
    return bytes;
  }

  /** Hamming distance between document {@code doc} and the hash at {@code q[qb..]}. */
  private int distance(int doc, long[] q, int qb) {
    if (wordsPerDoc == 4) {
      int b = doc << 2;
      return Long.bitCount(words[b] ^ q[qb])
          + Long.bitCount(words[b + 1] ^ q[qb + 1])
          + Long.bitCount(words[b + 2] ^ q[qb + 2])
          + Long.bitCount(words[b + 3] ^ q[qb + 3]);
    }
    return Long.bitCount(words[doc] ^ q[qb]);
  }

  private int chunkDistance(int c, int doc, long[] q, int qb) {
    int fw = firstWord[c];
    int b = doc * wordsPerDoc + fw;
    int d = Long.bitCount((words[b] ^ q[qb + fw]) & mask0[c]);
    if (mask1[c] != 0) {
      d += Long.bitCount((words[b + 1] ^ q[qb + fw + 1]) & mask1[c]);
    }
    return d;
  }

  /** True if a chunk before {@code c} is within its budget, so that chunk reports the doc. */
  private boolean foundEarlier(int c, int doc, long[] q, int qb, int radiusBits) {
    for (int j = 0; j < c; j++) {
      int budget = plan.budget(j, radiusBits);
      if (budget >= 0 && chunkDistance(j, doc, q, qb) <= budget) {
        return true;
      }
    }
    return false;
  }

  static void checkRadius(int radiusBits) {
    if (radiusBits < 0) {
      throw new IllegalArgumentException("radiusBits must be >= 0, got " + radiusBits);
    }
  }

  /**
   * Reports every live document within {@code radiusBits} of the hash at {@code q[qb .. qb +
   * wordsPerDoc)}, each once.
   */
  void search(
      long[] q,
      int qb,
      int radiusBits,
      @Nullable Bits liveDocs,
      HitCollector out,
      @Nullable SearchStats stats) {
    checkRadius(radiusBits);
    int r = Math.min(radiusBits, plan.totalBits());
    if (count == 0) {
      if (stats != null) {
        stats.add(0, 0, 0, false);
      }
      return;
    }
    if (!indexed[r]) {
      long hits = scan(q, qb, r, liveDocs, out);
      if (stats != null) {
        stats.add(0, count, hits, true);
      }
      return;
    }
    int[][] offs = offsets;
    int[][] ents = entries;
    Scratch scratch = SCRATCH.get();
    if (scratch.inUse) {
      scratch = new Scratch(); // a collector searching again on this thread
    }
    scratch.inUse = true;
    long probes = 0;
    long candidates = 0;
    long hits = 0;
    try {
      for (int c = 0; c < plan.chunks(); c++) {
        int budget = plan.budget(c, r);
        if (budget < 0) {
          continue;
        }
        // Three passes per chunk, each a loop of independent memory accesses, so the processor
        // overlaps the cache misses (directory slots, then buckets, then hashes) instead of taking
        // them one after another as a probe-at-a-time loop would.
        int w = plan.width(c);
        int np = (int) Math.min(Integer.MAX_VALUE - 8, neighbours(w, budget));
        int[] vals = scratch.values(np);
        int[] lo = scratch.lows(np);
        int[] hi = scratch.highs(np);
        enumerate(chunkValue(c, q, qb), w, budget, vals);
        probes += np;
        int rb = residualBits[c];
        int[] off = offs[c];
        for (int i = 0; i < np; i++) {
          int bucket = vals[i] >>> rb;
          lo[i] = off[bucket];
          hi[i] = off[bucket + 1];
        }
        // Touch the first entry of every bucket in a branch-free loop: the scan below then finds
        // its bucket lines in cache instead of missing once per probe behind mispredicted branches.
        int[] ent = ents[c];
        int lastEntry = ent.length - 1;
        int touched = 0;
        for (int i = 0; i < np; i++) {
          touched ^= ent[Math.min(lo[i], lastEntry)];
        }
        scratch.sink ^= touched;
        int db = docBits[c];
        int resMask = (1 << rb) - 1;
        int docMask = (int) ((1L << db) - 1);
        int nc = 0;
        int[] cand = scratch.candidates;
        for (int i = 0; i < np; i++) {
          int res = vals[i] & resMask;
          int end = hi[i];
          for (int j = lo[i]; j < end; j++) {
            int e = ent[j];
            int er = e >>> db;
            if (er == res) {
              cand[nc++] = e & docMask;
              if (nc == cand.length) {
                hits += verify(cand, nc, c, q, qb, r, liveDocs, out);
                candidates += nc;
                nc = 0;
              }
            } else if (er > res) {
              break;
            }
          }
        }
        hits += verify(cand, nc, c, q, qb, r, liveDocs, out);
        candidates += nc;
      }
    } finally {
      scratch.inUse = false;
    }
    if (stats != null) {
      stats.add(probes, candidates, hits, false);
    }
  }

  /** The linear scan, whatever the radius (benchmark baseline and test oracle). */
  void scan(
      long[] q,
      int qb,
      int radiusBits,
      @Nullable Bits liveDocs,
      HitCollector out,
      @Nullable SearchStats stats) {
    checkRadius(radiusBits);
    long hits = scan(q, qb, Math.min(radiusBits, plan.totalBits()), liveDocs, out);
    if (stats != null) {
      stats.add(0, count, hits, true);
    }
  }

  /** Word {@code i} of document {@code doc}'s hash. */
  long word(int doc, int i) {
    return words[doc * wordsPerDoc + i];
  }

  /** Verifies candidates found through chunk {@code c}; returns the number reported. */
  private int verify(
      int[] cand,
      int n,
      int c,
      long[] q,
      int qb,
      int r,
      @Nullable Bits liveDocs,
      HitCollector out) {
    int hits = 0;
    for (int k = 0; k < n; k++) {
      int doc = cand[k];
      int dist = distance(doc, q, qb);
      if (dist <= r
          && (c == 0 || !foundEarlier(c, doc, q, qb, r))
          && (liveDocs == null || liveDocs.get(doc))) {
        hits++;
        out.hit(doc, dist);
      }
    }
    return hits;
  }

  private long scan(long[] q, int qb, int r, @Nullable Bits liveDocs, HitCollector out) {
    long hits = 0;
    if (wordsPerDoc == 4) {
      long q0 = q[qb];
      long q1 = q[qb + 1];
      long q2 = q[qb + 2];
      long q3 = q[qb + 3];
      long[] ws = words;
      for (int d = 0, b = 0; d < count; d++, b += 4) {
        int dist =
            Long.bitCount(ws[b] ^ q0)
                + Long.bitCount(ws[b + 1] ^ q1)
                + Long.bitCount(ws[b + 2] ^ q2)
                + Long.bitCount(ws[b + 3] ^ q3);
        if (dist <= r && (liveDocs == null || liveDocs.get(d))) {
          hits++;
          out.hit(d, dist);
        }
      }
    } else {
      long q0 = q[qb];
      long[] ws = words;
      for (int d = 0; d < count; d++) {
        int dist = Long.bitCount(ws[d] ^ q0);
        if (dist <= r && (liveDocs == null || liveDocs.get(d))) {
          hits++;
          out.hit(d, dist);
        }
      }
    }
    return hits;
  }

  /**
   * Multi-probe search: every live document within {@code radiusBits} of at least one of the {@code
   * probeCount} hashes in {@code probes} ({@code wordsPerDoc} words each), reported once with its
   * smallest distance and the first probe reaching it.
   */
  void searchMulti(
      long[] probes,
      int probeCount,
      int radiusBits,
      @Nullable Bits liveDocs,
      MultiProbeCollector out,
      @Nullable SearchStats stats) {
    checkRadius(radiusBits);
    if (probeCount < 0 || (long) probeCount * wordsPerDoc > probes.length) {
      throw new IllegalArgumentException(
          "need "
              + (long) probeCount * wordsPerDoc
              + " words for "
              + probeCount
              + " probes, got "
              + probes.length);
    }
    int r = Math.min(radiusBits, plan.totalBits());
    if (count == 0 || probeCount == 0) {
      return;
    }
    if (probeCount == 1) {
      search(probes, 0, r, liveDocs, (doc, dist) -> out.hit(doc, dist, 0), stats);
      return;
    }
    if (!indexed[r]) {
      long hits = scanMulti(probes, probeCount, r, liveDocs, out);
      if (stats != null) {
        stats.add(0, (long) count * probeCount, hits, true);
      }
      return;
    }
    for (int p = 0; p < probeCount; p++) {
      int probe = p;
      search(
          probes,
          p * wordsPerDoc,
          r,
          liveDocs,
          (doc, dist) -> {
            if (isFirstClosest(doc, dist, probe, probes, probeCount)) {
              out.hit(doc, dist, probe);
            }
          },
          stats);
    }
  }

  private boolean isFirstClosest(int doc, int dist, int probe, long[] probes, int probeCount) {
    for (int p = 0; p < probeCount; p++) {
      if (p != probe) {
        int d = distance(doc, probes, p * wordsPerDoc);
        if (d < dist || (d == dist && p < probe)) {
          return false;
        }
      }
    }
    return true;
  }

  private long scanMulti(
      long[] probes, int probeCount, int r, @Nullable Bits liveDocs, MultiProbeCollector out) {
    long hits = 0;
    for (int d = 0; d < count; d++) {
      int best = Integer.MAX_VALUE;
      int bestProbe = -1;
      for (int p = 0; p < probeCount; p++) {
        int dist = distance(d, probes, p * wordsPerDoc);
        if (dist < best) {
          best = dist;
          bestProbe = p;
        }
      }
      if (best <= r && (liveDocs == null || liveDocs.get(d))) {
        hits++;
        out.hit(d, best, bestProbe);
      }
    }
    return hits;
  }
}

package org.hashmatch.bench.index;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.HashIndex;
import org.hashmatch.index.IndexOptions;
import org.hashmatch.index.Match;
import org.hashmatch.index.MatchQuery;
import org.hashmatch.index.PdqProbe;
import org.hashmatch.index.Signal;
import org.hashmatch.index.search.ChunkPlan;
import org.hashmatch.index.search.PdqSearchTable;
import org.hashmatch.index.search.SearchStats;
import org.hashmatch.index.store.LuceneHashIndex;

/**
 * {@code bin/hashmatch bench index --size N --radius R --queries Q --dataset
 * uniform|weight128|clustered --seed S [--backend index|table] [--chunks M]}.
 *
 * <p>Builds a bank of N synthetic PDQ hashes (streamed from a generator, never held as objects) and
 * measures exact radius search on it:
 *
 * <ul>
 *   <li>{@code --backend index} (default): through the real index, {@link HashIndex#open} on a
 *       temporary directory, {@code createBank}, {@code bulkLoad}, {@code search}. buildSeconds is
 *       the bulk load until durable and searchable.
 *   <li>{@code --backend table}: one {@link PdqSearchTable} over all N hashes (the per-segment
 *       structure alone, no Lucene); {@code --chunks M} overrides its chunk plan.
 * </ul>
 *
 * <p>Q queries, half planted (a bank hash with 0..30 random bit flips), half random hashes of the
 * dataset's kind, each run single-threaded after a warm-up (latency p50/p99 in microseconds, from
 * an HdrHistogram), then on two threads (qpsTwoThreads). Every query's result multiset of (hash,
 * distance) is compared with a linear popcount scan over the same hashes, which is timed in the
 * same run (linearScanP50Micros). candidatesPerQuery is the mean number of hashes verified by
 * popcount per query in a {@link PdqSearchTable} over the whole bank with the default plan for N
 * (the index backend splits the bank into segments with their own tables, whose counters it does
 * not expose).
 *
 * <p>Prints exactly one JSON line on stdout; progress and the memory method on stderr. Exit status
 * 0 on success, 2 on bad arguments, 1 on failure.
 */
public final class IndexBenchCommand {

  private static final String BANK = "bench";
  private static final int MAX_PLANTED_FLIPS = 30;
  private static final Pattern MAPPING_HEADER = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

  private IndexBenchCommand() {}

  /** Entry point for {@code bin/hashmatch bench index}. */
  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (IllegalArgumentException e) {
      System.err.println("bench index: " + e.getMessage());
      System.err.println(Options.USAGE);
      status = 2;
    }
    System.exit(status);
  }

  /** Options of the command. */
  record Options(
      long size,
      int radius,
      int queries,
      Dataset dataset,
      long seed,
      String backend,
      int chunks,
      int warmup) {

    static final String USAGE =
        "usage: bench index --size N --radius R --queries Q --dataset uniform|weight128|clustered"
            + " --seed S [--backend index|table] [--chunks M] [--warmup W]";

    Options {
      if (size < 1 || size > 200_000_000L) {
        throw new IllegalArgumentException("--size must be in [1, 200000000], got " + size);
      }
      if (radius < 0 || radius > 256) {
        throw new IllegalArgumentException("--radius must be in [0, 256], got " + radius);
      }
      if (queries < 2 || queries > 10_000_000) {
        throw new IllegalArgumentException("--queries must be in [2, 10000000], got " + queries);
      }
      if (!backend.equals("index") && !backend.equals("table")) {
        throw new IllegalArgumentException("--backend must be index or table, got " + backend);
      }
      if (backend.equals("table") && size > Integer.MAX_VALUE / 4) {
        throw new IllegalArgumentException("--backend table holds at most 536870911 hashes");
      }
      if (chunks != 0 && (chunks < 10 || chunks > 64)) {
        throw new IllegalArgumentException("--chunks must be in [10, 64], got " + chunks);
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
      }
    }

    static Options parse(String[] args) {
      long size = -1;
      int radius = BankConfig.DEFAULT_PDQ_RADIUS;
      int queries = 1000;
      Dataset dataset = Dataset.UNIFORM;
      long seed = 1;
      String backend = "index";
      int chunks = 0;
      int warmup = -1;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--size" -> size = parseLong(a, v);
          case "--radius" -> radius = (int) parseLong(a, v);
          case "--queries" -> queries = (int) parseLong(a, v);
          case "--dataset" -> dataset = Dataset.parse(v);
          case "--seed" -> seed = parseLong(a, v);
          case "--backend" -> backend = v;
          case "--chunks" -> chunks = (int) parseLong(a, v);
          case "--warmup" -> warmup = (int) parseLong(a, v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (size < 0) {
        throw new IllegalArgumentException("--size is required");
      }
      return new Options(
          size,
          radius,
          queries,
          dataset,
          seed,
          backend,
          chunks,
          warmup < 0 ? Math.min(queries, 2000) : warmup);
    }

    private static long parseLong(String opt, String v) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(opt + " needs an integer, got '" + v + "'", e);
      }
    }
  }

  /** A searchable bank under test. */
  private interface Backend extends AutoCloseable {
    /** Fingerprints of the (hash, distance) results of one query. */
    long[] search(long[] q, int radius);

    @Override
    void close();
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options o = Options.parse(args);
    err.printf(
        Locale.ROOT,
        "bench index: size=%d radius=%d queries=%d dataset=%s seed=%d backend=%s%n",
        o.size(),
        o.radius(),
        o.queries(),
        o.dataset().name().toLowerCase(Locale.ROOT),
        o.seed(),
        o.backend());
    int n = Math.toIntExact(o.size());

    // Queries: even = planted (a bank hash + 0..30 flips), odd = random of the dataset's kind.
    long[] queries = new long[4 * o.queries()];
    Dataset.Rng qr = new Dataset.Rng(o.seed() ^ 0x51ED2701L, -1);
    for (int i = 0; i < o.queries(); i++) {
      if (i % 2 == 0) {
        o.dataset().hash(o.seed(), qr.nextInt(n), o.size(), queries, 4 * i);
        Dataset.flip(qr, queries, 4 * i, qr.nextInt(MAX_PLANTED_FLIPS + 1));
      } else {
        o.dataset().randomHash(qr, queries, 4 * i);
      }
    }

    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long heapBefore = usedHeapAfterGc(mem);
    long t0 = System.nanoTime();
    Path dir = null;
    Backend backend;
    String memoryNote;
    long searchHeapBytes;
    long offHeapBytes = 0;
    long heapDelta;
    String planText;
    int segments = 1;
    PdqSearchTable tableUnderTest = null;
    if (o.backend().equals("table")) {
      long[] words = new long[4 * n];
      for (int i = 0; i < n; i++) {
        o.dataset().hash(o.seed(), i, o.size(), words, 4 * i);
      }
      long tb = System.nanoTime();
      ChunkPlan plan =
          o.chunks() == 0 ? ChunkPlan.forSize(256, n) : ChunkPlan.even(256, o.chunks());
      PdqSearchTable table = PdqSearchTable.build(words, n, plan);
      tableUnderTest = table;
      double buildOnly = (System.nanoTime() - tb) / 1e9;
      err.printf(Locale.ROOT, "bench index: table %s built in %.2f s%n", plan, buildOnly);
      planText = plan.toString();
      searchHeapBytes = table.ramBytesUsed();
      heapDelta = usedHeapAfterGc(mem) - heapBefore;
      memoryNote =
          "bytesPerEntry = PdqSearchTable.ramBytesUsed() / N (Java heap: hashes + chunk tables;"
              + " no off-heap memory)";
      backend =
          new Backend() {
            @Override
            public long[] search(long[] q, int radius) {
              Fingerprints f = new Fingerprints();
              table.search(
                  q[0],
                  q[1],
                  q[2],
                  q[3],
                  radius,
                  null,
                  (doc, dist) ->
                      f.add(
                          table.word(doc, 0),
                          table.word(doc, 1),
                          table.word(doc, 2),
                          table.word(doc, 3),
                          dist),
                  null);
              return f.sorted();
            }

            @Override
            public void close() {}
          };
    } else {
      try {
        dir = Files.createTempDirectory("hashmatch-bench-index");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT);
      index.createBank(BankConfig.withDefaults(BANK, Action.BLOCK));
      long loaded = index.bulkLoad(BANK, new Generator(o, err));
      if (loaded != o.size()) {
        throw new IllegalStateException("bulkLoad added " + loaded + ", expected " + o.size());
      }
      // First search: the index builds segment tables as readers open; count that in the build.
      index.search(query(queries, 0, o.radius()));
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      err.printf(Locale.ROOT, "bench index: loaded %d entries in %.2f s%n", loaded, loadSeconds);
      heapDelta = usedHeapAfterGc(mem) - heapBefore;
      offHeapBytes = residentMappedBytes(dir);
      if (index instanceof LuceneHashIndex lucene) {
        searchHeapBytes = lucene.searchHeapBytes();
        segments = lucene.segmentCount();
        memoryNote =
            "bytesPerEntry = LuceneHashIndex.searchHeapBytes() / N (Java heap: per-segment search"
                + " tables); heapDeltaBytesPerEntry = used heap after GC minus before opening"
                + " (everything the open index holds on heap); offHeapResidentBytesPerEntry = RSS"
                + " of the index files mapped by Lucene (/proc/self/smaps)";
      } else {
        searchHeapBytes = heapDelta;
        memoryNote = "bytesPerEntry = used heap after GC minus before opening, / N";
      }
      planText = ChunkPlan.forSize(256, n) + " per segment of N (segments: " + segments + ")";
      backend =
          new Backend() {
            @Override
            public long[] search(long[] q, int radius) {
              Fingerprints f = new Fingerprints();
              for (Match m : index.search(query(q, 0, radius))) {
                Hash256 h = m.entry().pdq();
                if (m.signal() == Signal.PDQ && h != null) {
                  f.add(h.w0(), h.w1(), h.w2(), h.w3(), m.distance());
                }
              }
              return f.sorted();
            }

            @Override
            public void close() {
              try {
                index.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          };
    }
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    err.println("bench index: memory: " + memoryNote);

    try {
      // Oracle and baseline: a linear scan over the same hashes. For the index backend they are
      // regenerated into a table with the default plan for N (not part of the measured memory),
      // which also counts candidates; the table backend scans and counts on the table under test.
      PdqSearchTable counting;
      if (tableUnderTest != null) {
        counting = tableUnderTest;
      } else {
        err.println("bench index: generating the linear-scan copy of the bank ...");
        long[] scanWords = new long[Math.multiplyExact(4, n)];
        for (int i = 0; i < n; i++) {
          o.dataset().hash(o.seed(), i, o.size(), scanWords, 4 * i);
        }
        counting = PdqSearchTable.build(scanWords, n);
        err.println(
            "bench index: candidatesPerQuery is counted on one table over the whole bank ("
                + counting.plan()
                + "); the index searches its segments' own tables");
      }
      SearchStats stats = new SearchStats();

      err.printf(Locale.ROOT, "bench index: warm-up (%d queries) ...%n", o.warmup());
      for (int i = 0; i < o.warmup(); i++) {
        backend.search(slice(queries, i % o.queries()), o.radius());
      }
      err.println("bench index: single-thread latency ...");
      Histogram lat = new Histogram(3_600_000_000_000L, 3);
      Histogram cpu = new Histogram(3_600_000_000_000L, 3);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[][] got = new long[o.queries()][];
      for (int i = 0; i < o.queries(); i++) {
        long[] q = slice(queries, i);
        long c = threads.getCurrentThreadCpuTime();
        long s = System.nanoTime();
        got[i] = backend.search(q, o.radius());
        lat.recordValue(System.nanoTime() - s);
        cpu.recordValue(Math.max(0, threads.getCurrentThreadCpuTime() - c));
      }

      err.println("bench index: linear scan (oracle and baseline) ...");
      Histogram scanLat = new Histogram(3_600_000_000_000L, 3);
      Histogram scanCpu = new Histogram(3_600_000_000_000L, 3);
      long expectedTotal = 0;
      long found = 0;
      long extra = 0;
      long hitsTotal = 0;
      for (int i = 0; i < o.queries(); i++) {
        long[] q = slice(queries, i);
        Fingerprints f = new Fingerprints();
        long c = threads.getCurrentThreadCpuTime();
        long s = System.nanoTime();
        counting.scan(
            q[0],
            q[1],
            q[2],
            q[3],
            o.radius(),
            null,
            (doc, dist) ->
                f.add(
                    counting.word(doc, 0),
                    counting.word(doc, 1),
                    counting.word(doc, 2),
                    counting.word(doc, 3),
                    dist),
            null);
        scanLat.recordValue(System.nanoTime() - s);
        scanCpu.recordValue(Math.max(0, threads.getCurrentThreadCpuTime() - c));
        long[] want = f.sorted();
        long common = intersection(want, got[i]);
        expectedTotal += want.length;
        hitsTotal += got[i].length;
        found += common;
        extra += got[i].length - common;
        if ((i + 1) % 100 == 0) {
          err.printf(Locale.ROOT, "bench index: scanned %d/%d queries%n", i + 1, o.queries());
        }
      }
      for (int i = 0; i < o.queries(); i++) {
        long[] q = slice(queries, i);
        counting.search(q[0], q[1], q[2], q[3], o.radius(), null, (doc, dist) -> {}, stats);
      }
      double recall = expectedTotal == 0 ? 1.0 : (double) found / expectedTotal;

      err.println("bench index: two-thread throughput ...");
      double qps = twoThreadQps(backend, queries, o);

      double p50 = lat.getValueAtPercentile(50) / 1e3;
      double p99 = lat.getValueAtPercentile(99) / 1e3;
      double scanP50 = scanLat.getValueAtPercentile(50) / 1e3;
      StringBuilder json = new StringBuilder();
      json.append('{');
      field(json, "size", o.size());
      field(json, "radius", o.radius());
      field(json, "p50Micros", p50);
      field(json, "p99Micros", p99);
      field(json, "qpsTwoThreads", qps);
      field(json, "candidatesPerQuery", (double) stats.candidates() / o.queries());
      field(json, "recallVsLinearScan", recall);
      field(json, "buildSeconds", buildSeconds);
      field(json, "bytesPerEntry", (double) searchHeapBytes / o.size());
      field(json, "linearScanP50Micros", scanP50);
      field(json, "linearScanP99Micros", scanLat.getValueAtPercentile(99) / 1e3);
      field(json, "speedupP50", scanP50 / p50);
      // CPU time of the searching thread: on a shared machine, wall time includes waiting for a
      // core; CPU time does not (it still includes cache misses caused by other processes).
      field(json, "p50CpuMicros", cpu.getValueAtPercentile(50) / 1e3);
      field(json, "p99CpuMicros", cpu.getValueAtPercentile(99) / 1e3);
      field(json, "linearScanP50CpuMicros", scanCpu.getValueAtPercentile(50) / 1e3);
      field(json, "p999Micros", lat.getValueAtPercentile(99.9) / 1e3);
      field(json, "maxMicros", lat.getMaxValue() / 1e3);
      field(json, "hitsPerQuery", (double) hitsTotal / o.queries());
      field(json, "falsePositives", extra);
      field(json, "heapDeltaBytesPerEntry", (double) heapDelta / o.size());
      field(json, "offHeapResidentBytesPerEntry", (double) offHeapBytes / o.size());
      field(json, "scanFallbackShare", (double) stats.scans() / Math.max(1, stats.searches()));
      fieldText(json, "dataset", o.dataset().name().toLowerCase(Locale.ROOT));
      fieldText(json, "backend", o.backend());
      fieldText(json, "plan", planText);
      field(json, "queries", o.queries());
      field(json, "seed", o.seed());
      json.setLength(json.length() - 1);
      json.append('}');
      out.println(json);
      out.flush();
      return 0;
    } finally {
      backend.close();
      if (dir != null) {
        deleteTree(dir, err);
      }
    }
  }

  private static MatchQuery query(long[] q, int i, int radius) {
    Hash256 h = new Hash256(q[4 * i], q[4 * i + 1], q[4 * i + 2], q[4 * i + 3]);
    return new MatchQuery(
        Set.of(BANK),
        List.of(new PdqProbe(Dihedral.ORIGINAL, h)),
        null,
        null,
        null,
        OptionalInt.of(radius));
  }

  private static long[] slice(long[] queries, int i) {
    return Arrays.copyOfRange(queries, 4 * i, 4 * i + 4);
  }

  private static double twoThreadQps(Backend backend, long[] queries, Options o) {
    int q = o.queries();
    AtomicLong done = new AtomicLong();
    // Each thread runs every query, the second in reverse order; at least ~1 s of work.
    long minNanos = 1_000_000_000L;
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int id = t;
      threads.add(
          Thread.ofPlatform()
              .name("bench-search-" + t)
              .start(
                  () -> {
                    try {
                      long count = 0;
                      do {
                        for (int k = 0; k < q; k++) {
                          int i = id == 0 ? k : q - 1 - k;
                          backend.search(slice(queries, i), o.radius());
                          count++;
                        }
                      } while (System.nanoTime() - start < minNanos);
                      done.addAndGet(count);
                    } catch (RuntimeException e) {
                      synchronized (failures) {
                        failures.add(e);
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while measuring throughput", e);
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** Size of the multiset intersection of two sorted arrays. */
  private static long intersection(long[] a, long[] b) {
    long n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        n++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return n;
  }

  /** A growable list of 64-bit fingerprints of (hash, distance). */
  private static final class Fingerprints {
    private long[] v = new long[8];
    private int n;

    void add(long w0, long w1, long w2, long w3, int dist) {
      if (n == v.length) {
        v = Arrays.copyOf(v, 2 * n);
      }
      long h = dist;
      for (long w : new long[] {w0, w1, w2, w3}) {
        h = (h ^ w) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
      }
      v[n++] = h;
    }

    long[] sorted() {
      long[] s = Arrays.copyOf(v, n);
      Arrays.sort(s);
      return s;
    }
  }

  /** Streams the bank as drafts; progress on stderr every million. */
  private static final class Generator implements Iterator<EntryDraft> {
    private final Options o;
    private final PrintStream err;
    private final long[] buf = new long[4];
    private final long startNanos = System.nanoTime();
    private long next;

    Generator(Options o, PrintStream err) {
      this.o = o;
      this.err = err;
    }

    @Override
    public boolean hasNext() {
      return next < o.size();
    }

    @Override
    public EntryDraft next() {
      if (next >= o.size()) {
        throw new NoSuchElementException();
      }
      o.dataset().hash(o.seed(), next, o.size(), buf, 0);
      next++;
      if (next % 1_000_000 == 0) {
        err.printf(
            Locale.ROOT,
            "bench index: generated %d/%d (%.1f s)%n",
            next,
            o.size(),
            (System.nanoTime() - startNanos) / 1e9);
      }
      return EntryDraft.ofPdq(new Hash256(buf[0], buf[1], buf[2], buf[3]), 100, "bench");
    }
  }

  private static long usedHeapAfterGc(MemoryMXBean mem) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return mem.getHeapMemoryUsage().getUsed();
  }

  /** Resident bytes of memory mappings of files under {@code dir} (Linux; 0 elsewhere). */
  private static long residentMappedBytes(Path dir) {
    Path smaps = Path.of("/proc/self/smaps");
    if (!Files.isReadable(smaps)) {
      return 0;
    }
    String prefix = dir.toAbsolutePath().toString();
    long total = 0;
    boolean inDir = false;
    try {
      for (String line : Files.readAllLines(smaps)) {
        if (MAPPING_HEADER.matcher(line).lookingAt()) {
          // A mapping header: "start-end perms offset dev inode path".
          inDir = line.contains(prefix);
        } else if (inDir && line.startsWith("Rss:")) {
          String[] parts = line.trim().split("\\s+");
          total += Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return total;
  }

  private static void deleteTree(Path dir, PrintStream err) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      err.println("bench index: could not delete " + dir + ": " + e.getMessage());
    }
  }

  private static void field(StringBuilder sb, String name, long v) {
    sb.append('"').append(name).append("\":").append(v).append(',');
  }

  private static void field(StringBuilder sb, String name, double v) {
    sb.append('"').append(name).append("\":");
    sb.append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null").append(',');
  }

  private static void fieldText(StringBuilder sb, String name, String v) {
    sb.append('"').append(name).append("\":\"");
    for (char c : v.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append("\",");
  }
}

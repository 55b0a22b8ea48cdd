package org.hashmatch.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hashmatch.index.search.MultiProbeCollector;
import org.hashmatch.index.search.PdqSearchTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does a dihedral query (8 PDQ probes, each document reported once with its smallest
 * distance) cost on a {@link PdqSearchTable} with the default plan, against one probe and against
 * the 8-probe linear scan?
 *
 * <p>Bank: {@code size} uniform hashes; 256 queries of 8 probes (the first a bank hash with 0..30
 * flips, the others uniform), from {@link #SEED}. The setup checks the indexed multi-probe answer
 * against the scan for 16 queries. Warm-up and measurement as {@link MihPlanBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx3g"})
public class MihDihedralBenchmark {

  /** Seed of the bank and the queries. */
  public static final long SEED = 0xD14E_D2A1_2026L;

  private static final int QUERIES = 256;
  private static final int PROBES = 8;

  /** How a query is answered. */
  public enum Impl {
    /** Only the first probe (what a non-dihedral query costs). */
    ONE_PROBE,
    /** All 8 probes through the chunk index. */
    EIGHT_PROBES,
    /** All 8 probes by one linear scan. */
    EIGHT_PROBES_SCAN
  }

  @Param({"1000000"})
  public int size;

  @Param({"31"})
  public int radius;

  @Param({"ONE_PROBE", "EIGHT_PROBES", "EIGHT_PROBES_SCAN"})
  public Impl impl;

  private PdqSearchTable index;
  private long[][] queries;
  private int next;
  private final Sum sum = new Sum();

  /** Sums what is reported so that no result can be optimized away. */
  static final class Sum implements MultiProbeCollector {
    long value;

    @Override
    public void hit(int doc, int distance, int probe) {
      value += doc * 31L + distance * 7L + probe;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    System.out.printf(
        "MihDihedralBenchmark: seed=%d size=%d radius=%d impl=%s%n", SEED, size, radius, impl);
    SplittableRandom rnd = new SplittableRandom(SEED);
    long[] words = new long[4 * size];
    for (int i = 0; i < words.length; i++) {
      words[i] = rnd.nextLong();
    }
    queries = new long[QUERIES][4 * PROBES];
    for (long[] q : queries) {
      System.arraycopy(words, 4 * rnd.nextInt(size), q, 0, 4);
      int flips = rnd.nextInt(31);
      for (int f = 0; f < flips; f++) {
        int bit = rnd.nextInt(256);
        q[bit >>> 6] ^= 1L << (bit & 63);
      }
      for (int k = 4; k < q.length; k++) {
        q[k] = rnd.nextLong();
      }
    }
    index = PdqSearchTable.build(words, size);
    for (int i = 0; i < 16; i++) {
      Sum a = new Sum();
      Sum b = new Sum();
      index.search(queries[i], PROBES, radius, null, a, null);
      for (int p = 0; p < PROBES; p++) {
        int probe = p;
        long[] q = queries[i];
        int base = 4 * p;
        // The scan oracle: each doc's first closest probe, computed here directly.
        index.scan(
            q[base],
            q[base + 1],
            q[base + 2],
            q[base + 3],
            radius,
            null,
            (doc, dist) -> {
              if (firstClosest(q, doc, dist, probe)) {
                b.hit(doc, dist, probe);
              }
            },
            null);
      }
      if (a.value != b.value) {
        throw new IllegalStateException("multi-probe search disagrees with the scan, query " + i);
      }
    }
  }

  private boolean firstClosest(long[] q, int doc, int dist, int probe) {
    for (int p = 0; p < PROBES; p++) {
      int d = 0;
      for (int k = 0; k < 4; k++) {
        d += Long.bitCount(index.word(doc, k) ^ q[4 * p + k]);
      }
      if (d < dist || (d == dist && p < probe)) {
        return false;
      }
    }
    return true;
  }

  @Benchmark
  public long search() {
    long[] q = queries[next];
    next = (next + 1) & (QUERIES - 1);
    long before = sum.value;
    switch (impl) {
      case ONE_PROBE -> index.search(q, 1, radius, null, sum, null);
      case EIGHT_PROBES -> index.search(q, PROBES, radius, null, sum, null);
      case EIGHT_PROBES_SCAN -> index.scan(q, PROBES, radius, null, sum, null);
    }
    return sum.value - before;
  }
}

package org.hashmatch.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hashmatch.index.search.ChunkPlan;
import org.hashmatch.index.search.HitCollector;
import org.hashmatch.index.search.PdqSearchTable;
import org.hashmatch.index.search.SearchStats;
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
 * Question: how long does one exact PDQ radius search of a {@link PdqSearchTable} take, by chunk
 * plan, against the linear scan of the same hashes in the same run?
 *
 * <p>Bank: {@code size} uniform random hashes; queries: 1024, alternately a bank hash with 0..30
 * random flips and a uniform random hash, all from {@link #SEED}. Each invocation searches the next
 * query (cycling), so the average covers both kinds. The setup checks every plan's results against
 * the scan for the first 64 queries and prints the mean candidates per query.
 *
 * <p>Warm-up 3 x 2 s reaches steady state (C2-compiled search, table pages resident); 5 x 2 s of
 * measurement over 2 forks gives intervals of a few percent on an idle machine. Run e.g. {@code
 * bin/hashmatch bench jmh MihPlanBenchmark -p size=10000000 -jvmArgs -Xmx4g}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xmx3g"})
public class MihPlanBenchmark {

  /** Seed of the bank and the queries. */
  public static final long SEED = 0x5EED_2026_1125L;

  private static final int QUERIES = 1024;

  /** How a search is answered. */
  public enum Impl {
    /** Linear popcount scan over the same hashes (baseline). */
    SCAN(0),
    /** 16 x 16 bits, as PDQ's MIH256 and FAISS IndexBinaryMultiHash. */
    MIH_16X16(16),
    /** 13 chunks of 19/20 bits. */
    MIH_13(13),
    /** 12 chunks of 21/22 bits. */
    MIH_12(12),
    /** 11 chunks of 23/24 bits. */
    MIH_11(11),
    /** The default plan for the size ({@link ChunkPlan#forSize}). */
    DEFAULT(-1);

    private final int chunks;

    Impl(int chunks) {
      this.chunks = chunks;
    }

    ChunkPlan plan(int size) {
      return chunks > 0 ? ChunkPlan.even(256, chunks) : ChunkPlan.forSize(256, size);
    }
  }

  @Param({"1000000"})
  public int size;

  @Param({"31"})
  public int radius;

  @Param({"SCAN", "MIH_16X16", "MIH_13", "MIH_12", "MIH_11", "DEFAULT"})
  public Impl impl;

  private PdqSearchTable table;
  private long[] queries;
  private int next;
  private final Counter counter = new Counter();

  /** Sums reported distances so that no result can be optimized away. */
  static final class Counter implements HitCollector {
    long sum;

    @Override
    public void hit(int doc, int distance) {
      sum += doc + distance;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    System.out.printf(
        "MihPlanBenchmark: seed=%d size=%d radius=%d impl=%s%n", SEED, size, radius, impl);
    SplittableRandom rnd = new SplittableRandom(SEED);
    long[] words = new long[4 * size];
    for (int i = 0; i < words.length; i++) {
      words[i] = rnd.nextLong();
    }
    queries = new long[4 * QUERIES];
    for (int q = 0; q < QUERIES; q++) {
      if (q % 2 == 0) {
        System.arraycopy(words, 4 * rnd.nextInt(size), queries, 4 * q, 4);
        int flips = rnd.nextInt(31);
        for (int f = 0; f < flips; f++) {
          int bit = rnd.nextInt(256);
          queries[4 * q + (bit >>> 6)] ^= 1L << (bit & 63);
        }
      } else {
        for (int k = 0; k < 4; k++) {
          queries[4 * q + k] = rnd.nextLong();
        }
      }
    }
    table = PdqSearchTable.build(words, size, impl.plan(size));
    SearchStats stats = new SearchStats();
    for (int q = 0; q < 64; q++) {
      int b = 4 * q;
      Counter a = new Counter();
      Counter s = new Counter();
      long q0 = queries[b];
      long q1 = queries[b + 1];
      long q2 = queries[b + 2];
      long q3 = queries[b + 3];
      table.search(q0, q1, q2, q3, radius, null, a, stats);
      table.scan(q0, q1, q2, q3, radius, null, s, null);
      if (a.sum != s.sum) {
        throw new IllegalStateException(
            "plan " + table.plan() + " disagrees with the scan on query " + q);
      }
    }
    System.out.printf(
        "MihPlanBenchmark: plan=%s usesIndex=%s candidatesPerQuery=%.1f bytesPerEntry=%.1f%n",
        table.plan(),
        table.usesIndex(radius),
        stats.candidates() / 64.0,
        (double) table.ramBytesUsed() / size);
  }

  @Benchmark
  public long search() {
    int b = 4 * next;
    next = (next + 1) & (QUERIES - 1);
    long before = counter.sum;
    long q0 = queries[b];
    long q1 = queries[b + 1];
    long q2 = queries[b + 2];
    long q3 = queries[b + 3];
    if (impl == Impl.SCAN) {
      table.scan(q0, q1, q2, q3, radius, null, counter, null);
    } else {
      table.search(q0, q1, q2, q3, radius, null, counter, null);
    }
    return counter.sum - before;
  }
}

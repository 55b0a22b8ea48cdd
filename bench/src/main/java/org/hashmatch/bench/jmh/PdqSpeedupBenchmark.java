package org.hashmatch.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.hashmatch.hashing.PdqResult;

/**
 * One-shot answer to "how many times faster than the reference port, and how many ms per image,
 * at a given size?", for quoting in reports. Not a JMH benchmark: on a shared machine the JMH
 * wall-clock scores swing with other processes' load, so this tool also reports the calling
 * thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}), which excludes time spent
 * descheduled. Kernels are run in rounds, interleaved, after a warmup of several images each; the
 * median over rounds is reported, and every result is checked against the reference port.
 *
 * <p>Run (after {@code bin/hashmatch build}):
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp 'bench/target/hashmatch-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' \
 *     org.hashmatch.bench.jmh.PdqSpeedupBenchmark [WIDTH HEIGHT [ROUNDS]]
 * </pre>
 *
 * Defaults: 4032x3024 (12 MP), 7 rounds.
 */
public final class PdqSpeedupBenchmark {

  private PdqSpeedupBenchmark() {}

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] args) {
    int width = args.length >= 2 ? Integer.parseInt(args[0]) : 4032;
    int height = args.length >= 2 ? Integer.parseInt(args[1]) : 3024;
    int rounds = args.length >= 3 ? Integer.parseInt(args[2]) : 7;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    float[] luma = PdqBenchmark.syntheticLuma(width, height, PdqBenchmark.SEED);
    List<Kernel> kernels = PdqHasher.vectorAvailable()
        ? List.of(Kernel.REFERENCE, Kernel.SCALAR, Kernel.VECTOR, Kernel.AUTO)
        : List.of(Kernel.REFERENCE, Kernel.SCALAR, Kernel.AUTO);
    Map<Kernel, PdqHasher> hashers = new EnumMap<>(Kernel.class);
    for (Kernel k : kernels) {
      hashers.put(k, PdqHasher.create(k));
    }
    PdqResult expected = hashers.get(Kernel.REFERENCE).hash(luma, width, height, false);
    System.out.printf(Locale.ROOT, "PDQ %dx%d (%.2f MP), seed 0x%X, %d rounds, AUTO = %s%n",
        width, height, width * (double) height / 1e6, PdqBenchmark.SEED, rounds,
        hashers.get(Kernel.AUTO));
    for (Kernel k : kernels) {
      int warmup = k == Kernel.REFERENCE ? 2 : 15;
      for (int i = 0; i < warmup; i++) {
        check(hashers.get(k).hash(luma, width, height, false), expected, k);
      }
    }
    Map<Kernel, long[]> wall = new EnumMap<>(Kernel.class);
    Map<Kernel, long[]> cpu = new EnumMap<>(Kernel.class);
    for (Kernel k : kernels) {
      wall.put(k, new long[rounds]);
      cpu.put(k, new long[rounds]);
    }
    for (int round = 0; round < rounds; round++) {
      for (Kernel k : kernels) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        PdqResult r = hashers.get(k).hash(luma, width, height, false);
        wall.get(k)[round] = System.nanoTime() - t0;
        cpu.get(k)[round] = mx.getCurrentThreadCpuTime() - c0;
        check(r, expected, k);
      }
    }
    double refWall = median(wall.get(Kernel.REFERENCE));
    double refCpu = median(cpu.get(Kernel.REFERENCE));
    for (Kernel k : kernels) {
      double w = median(wall.get(k));
      double c = median(cpu.get(k));
      System.out.printf(Locale.ROOT,
          "%-9s wall %9.2f ms  cpu %9.2f ms   reference/this: wall %6.1fx  cpu %6.1fx%n",
          k, w / 1e6, c / 1e6, refWall / w, refCpu / c);
    }
  }

  private static void check(PdqResult actual, PdqResult expected, Kernel k) {
    if (!actual.equals(expected)) {
      throw new IllegalStateException(k + " differs from the reference port");
    }
  }

  private static double median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }
}

package org.hashmatch.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.dct.DctKernel;
import org.hashmatch.hashing.dct.DctKernelProvider;

/**
 * One-shot answer to "how many times faster than the reference port, and how many ms per image,
 * at a given size?", for quoting in reports. Not a JMH benchmark: on a shared machine the JMH
 * wall-clock scores swing with other processes' load, so this tool also reports the calling
 * thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}), which excludes time spent
 * descheduled. Kernels are run in rounds, interleaved, after a warmup of at least 60 images and 3
 * seconds each; the median over rounds is reported, and every result is checked against the
 * reference port.
 *
 * <p>Run: {@code bin/hashmatch bench pdq [WIDTH HEIGHT [ROUNDS]]}.
 *
 * Defaults: 4032x3024 (12 MP), 7 rounds.
 */
public final class PdqSpeedupBenchmark {

  private static final String REFERENCE = Kernel.REFERENCE.name();

  private PdqSpeedupBenchmark() {}

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] args) {
    int width = args.length >= 2 ? Integer.parseInt(args[0]) : 4032;
    int height = args.length >= 2 ? Integer.parseInt(args[1]) : 3024;
    int rounds = args.length >= 3 ? Integer.parseInt(args[2]) : 7;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    float[] luma = PdqBenchmark.syntheticLuma(width, height, PdqBenchmark.SEED);
    // Rows: the reference port, the scalar kernel, every vector kernel variant this CPU can run
    // (the default one first; VECTOR is the default), and AUTO (what PdqHasher picks).
    Map<String, PdqHasher> hashers = new LinkedHashMap<>();
    hashers.put(REFERENCE, PdqHasher.create(Kernel.REFERENCE));
    hashers.put(Kernel.SCALAR.name(), PdqHasher.create(Kernel.SCALAR));
    List<DctKernel> variants = DctKernelProvider.vectorVariants();
    for (int i = 0; i < variants.size(); i++) {
      DctKernel v = variants.get(i);
      hashers.put(i == 0 ? Kernel.VECTOR.name() + " " + v.name() : v.name(), PdqHasher.on(v));
    }
    hashers.put(Kernel.AUTO.name(), PdqHasher.create(Kernel.AUTO));
    Set<String> kernels = hashers.keySet();
    PdqResult expected = hashers.get(REFERENCE).hash(luma, width, height, false);
    System.out.printf(Locale.ROOT, "PDQ %dx%d (%.2f MP), seed 0x%X, %d rounds, AUTO = %s%n",
        width, height, width * (double) height / 1e6, PdqBenchmark.SEED, rounds,
        hashers.get(Kernel.AUTO.name()));
    // Warmup: C2 compiles the per-row loops within the first image, but the pipeline's outer
    // method only after many calls; give each optimized kernel 60 images and at least 3 seconds.
    for (String k : kernels) {
      long until = System.nanoTime() + (k.equals(REFERENCE) ? 0 : 3_000_000_000L);
      int minimum = k.equals(REFERENCE) ? 2 : 60;
      for (int i = 0; i < minimum || System.nanoTime() < until; i++) {
        check(hashers.get(k).hash(luma, width, height, false), expected, k);
      }
    }
    Map<String, long[]> wall = new LinkedHashMap<>();
    Map<String, long[]> cpu = new LinkedHashMap<>();
    for (String k : kernels) {
      wall.put(k, new long[rounds]);
      cpu.put(k, new long[rounds]);
    }
    for (int round = 0; round < rounds; round++) {
      for (String k : kernels) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        PdqResult r = hashers.get(k).hash(luma, width, height, false);
        wall.get(k)[round] = System.nanoTime() - t0;
        cpu.get(k)[round] = mx.getCurrentThreadCpuTime() - c0;
        check(r, expected, k);
      }
    }
    double refWall = median(wall.get(REFERENCE));
    double refCpu = median(cpu.get(REFERENCE));
    for (String k : kernels) {
      double w = median(wall.get(k));
      double c = median(cpu.get(k));
      System.out.printf(Locale.ROOT,
          "%-26s wall %9.2f ms  cpu %9.2f ms   reference/this: wall %6.1fx  cpu %6.1fx%n",
          k, w / 1e6, c / 1e6, refWall / w, refCpu / c);
    }
  }

  private static void check(PdqResult actual, PdqResult expected, String k) {
    if (!actual.equals(expected)) {
      throw new IllegalStateException(k + " differs from the reference port");
    }
  }

  /** The median of {@code v}; shared with {@link PdqPixelsBenchmark}. */
  static double median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }
}

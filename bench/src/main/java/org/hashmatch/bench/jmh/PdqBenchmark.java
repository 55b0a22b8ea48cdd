package org.hashmatch.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.hashmatch.hashing.PdqResult;
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
 * Question: how fast is PDQ from decoded pixels (a luminance plane) per image size, optimized
 * kernels against the plain scalar port of the reference loops, in the same run?
 *
 * <p>Inputs are synthetic (smooth gradients and blobs plus pixel noise, like a photo's luma),
 * generated in setup from {@link #SEED}, which setup prints. Setup also checks that the measured
 * kernel's hash and quality equal the reference port's, so a fast wrong kernel cannot be timed.
 *
 * <p>Warmup and measurement: one 12 MP reference hash takes around half a second to two seconds,
 * so iterations are time-based (3 s) and warmup is 3 iterations, enough for C2 to compile the
 * per-row loops (they run thousands of times per image, so compilation settles within the first
 * image). Two forks expose JIT-layout variance between JVMs. All forks get the Vector API module
 * so that REFERENCE, SCALAR and VECTOR are comparable in one table; {@link PdqKernelBenchmark}
 * compares scalar and vector in forks with and without the module.
 *
 * <p>Run: {@code bin/hashmatch bench jmh PdqBenchmark} (smoke: {@code -f 1 -wi 1 -i 1 -r 1 -w 1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
public class PdqBenchmark {

  /** Seed of the synthetic inputs; printed in setup. */
  public static final long SEED = 0x9D0_2026_1125L;

  /** Image sizes from thumbnail to phone-camera photo. */
  public enum Size {
    MP_0_26(512, 512),
    MP_1_6(1536, 1024),
    MP_4(2304, 1728),
    MP_12(4032, 3024);

    final int width;
    final int height;

    Size(int width, int height) {
      this.width = width;
      this.height = height;
    }
  }

  @Param({"MP_0_26", "MP_1_6", "MP_4", "MP_12"})
  public Size size;

  @Param({"REFERENCE", "SCALAR", "VECTOR"})
  public Kernel kernel;

  private float[] luma = new float[0];
  private PdqHasher hasher = PdqHasher.create(Kernel.SCALAR);

  @Setup(Level.Trial)
  public void setUp() {
    luma = syntheticLuma(size.width, size.height, SEED);
    hasher = PdqHasher.create(kernel);
    PdqResult expected =
        PdqHasher.create(Kernel.REFERENCE).hash(luma, size.width, size.height, false);
    PdqResult actual = hasher.hash(luma, size.width, size.height, false);
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          kernel + " differs from the reference port at " + size + ": " + actual + " vs "
              + expected);
    }
    System.out.printf(
        "%n# PDQ %s %dx%d seed=0x%X kernel=%s hash=%s quality=%d%n", size, size.width,
        size.height, SEED, hasher, expected.hash(), expected.quality());
  }

  @Benchmark
  public PdqResult hash() {
    return hasher.hash(luma, size.width, size.height, false);
  }

  /**
   * A photo-like luminance plane: two smooth non-separable waves, a few bright and dark blobs,
   * uniform pixel noise of +-8 levels, clamped to 0..255 and mapped through the PDQ luma weights
   * (as for a grey pixel, R = G = B).
   */
  public static float[] syntheticLuma(int width, int height, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double fx = 1 + r.nextDouble() * 4;
    double fy = 1 + r.nextDouble() * 4;
    int blobs = 6;
    double[] bx = new double[blobs];
    double[] by = new double[blobs];
    double[] br = new double[blobs];
    double[] bv = new double[blobs];
    for (int i = 0; i < blobs; i++) {
      bx[i] = r.nextDouble() * width;
      by[i] = r.nextDouble() * height;
      br[i] = (0.05 + r.nextDouble() * 0.15) * Math.min(width, height);
      bv[i] = r.nextDouble() * 120 - 60;
    }
    float[] luma = new float[width * height];
    for (int y = 0; y < height; y++) {
      double cy = Math.cos(fy * Math.PI * y / height);
      for (int x = 0; x < width; x++) {
        double v = 120 + 50 * Math.sin(fx * Math.PI * x / width) * cy + 25 * cy;
        for (int i = 0; i < blobs; i++) {
          double dx = x - bx[i];
          double dy = y - by[i];
          if (dx * dx + dy * dy < br[i] * br[i]) {
            v += bv[i];
          }
        }
        v += r.nextInt(17) - 8;
        int g = (int) Math.max(0, Math.min(255, Math.round(v)));
        luma[y * width + x] = 0.299f * g + 0.587f * g + 0.114f * g;
      }
    }
    return luma;
  }
}

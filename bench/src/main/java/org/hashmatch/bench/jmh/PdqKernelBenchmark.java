package org.hashmatch.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.dct.DctKernelProvider;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Question: what does the Vector API buy PDQ? The same call ({@code PdqHasher} with {@link
 * Kernel#AUTO}) in forks with and without {@code --add-modules=jdk.incubator.vector}, as Lucene's
 * {@code VectorUtilBenchmark} does: with the module AUTO resolves to the vector kernel, without it
 * to the scalar one. Setup fails the fork if the resolution is not the expected one, and checks
 * the hash against the reference port.
 *
 * <p>The fork without the module sets {@code jvmArgs} explicitly: JMH otherwise copies the host
 * JVM's flags, which under {@code bin/hashmatch} include the module. Warmup/measurement as in
 * {@link PdqBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class PdqKernelBenchmark {

  @Param({"MP_1_6", "MP_12"})
  public PdqBenchmark.Size size;

  private float[] luma = new float[0];
  private PdqHasher hasher = PdqHasher.create(Kernel.SCALAR);

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    hasher = PdqHasher.create(Kernel.AUTO);
    boolean withModule = params.getBenchmark().endsWith("withVectorModule");
    Kernel expectedKernel = withModule ? Kernel.VECTOR : Kernel.SCALAR;
    if (hasher.kernel() != expectedKernel) {
      throw new IllegalStateException(
          params.getBenchmark() + " resolved AUTO to " + hasher.kernel() + ", expected "
              + expectedKernel + " (Vector API: " + DctKernelProvider.vectorStatus() + ")");
    }
    luma = PdqBenchmark.syntheticLuma(size.width, size.height, PdqBenchmark.SEED);
    PdqResult expected =
        PdqHasher.create(Kernel.REFERENCE).hash(luma, size.width, size.height, false);
    if (!hasher.hash(luma, size.width, size.height, false).equals(expected)) {
      throw new IllegalStateException(hasher + " differs from the reference port at " + size);
    }
    System.out.printf("%n# PDQ %s seed=0x%X %s (Vector API: %s)%n", size, PdqBenchmark.SEED,
        hasher, DctKernelProvider.vectorStatus());
  }

  @Benchmark
  @Fork(value = 2, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
  public PdqResult withVectorModule() {
    return hasher.hash(luma, size.width, size.height, false);
  }

  @Benchmark
  @Fork(value = 2, jvmArgs = {"-Xmx3g"})
  public PdqResult withoutVectorModule() {
    return hasher.hash(luma, size.width, size.height, false);
  }
}

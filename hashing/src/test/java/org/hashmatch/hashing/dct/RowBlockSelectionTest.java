package org.hashmatch.hashing.dct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.junit.jupiter.api.Test;

/**
 * The row-block shape of the vector kernel: chosen once per JVM, overridable with {@value
 * DctKernelProvider#ROW_BLOCKS_PROPERTY}, and every shape compiled by both JIT tiers. The last
 * point guards a failure that tests of results cannot see: a kernel method too large for C1 ("out
 * of virtual registers") is never compiled and runs interpreted, bit-exact but some 250 times
 * slower. Each case runs {@link Probe} in a child JVM with {@code -XX:+PrintCompilation}.
 */
class RowBlockSelectionTest {

  /**
   * Child-JVM entry point: hashes images on the default vector kernel (one width with a
   * power-of-two window, one without, so that both chain variants run), prints its name.
   */
  public static final class Probe {
    public static void main(String[] args) {
      DctKernel k = DctKernelProvider.vector().orElseThrow();
      PdqHasher hasher = PdqHasher.on(k);
      PdqHasher reference = PdqHasher.create(Kernel.REFERENCE);
      boolean same = true;
      for (int[] size : new int[][] {{1031, 769}, {1024, 700}}) {
        int w = size[0];
        int h = size[1];
        float[] luma = new float[w * h];
        SplittableRandom r = new SplittableRandom(w);
        for (int i = 0; i < luma.length; i++) {
          luma[i] = 0.299f * r.nextInt(256) + 0.587f * r.nextInt(256) + 0.114f * r.nextInt(256);
        }
        same &= hasher.hash(luma, w, h, false).equals(reference.hash(luma, w, h, false));
        // Enough calls for every row-block method to reach C1 and C2.
        for (int i = 0; i < 100; i++) {
          hasher.hash(luma, w, h, false);
        }
      }
      System.out.println("kernel=" + k.name());
      System.out.println("status=" + DctKernelProvider.vectorStatus());
      System.out.println("same=" + same);
    }
  }

  private static String probe(String property) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector",
        "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path")));
    if (property != null) {
      cmd.add("-D" + DctKernelProvider.ROW_BLOCKS_PROPERTY + "=" + property);
    }
    cmd.add(Probe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  private static void assertCompiledEverywhere(String out) {
    List<String> skipped = out.lines()
        .filter(l -> l.contains("org.hashmatch")
            && (l.contains("COMPILE SKIPPED") || l.contains("not compilable"))
            // Transient, retried by the JIT; not a property of the method.
            && !l.contains("concurrent class loading"))
        .toList();
    assertThat(skipped).as("methods a JIT tier gave up on").isEmpty();
    assertThat(out).contains("same=true");
  }

  @Test
  void eachShape_selectedByProperty_compiledByBothTiers_sameHash() throws Exception {
    DctKernel k = DctKernelProvider.vector().orElse(null);
    assumeTrue(k != null && k.boxRowBlock() > 0, "no vector kernel with row blocks here");
    boolean wide = DctKernelProvider.vectorVariants().size() > 1;
    String sixteen = probe("16");
    String eight = probe("2x8");
    assertCompiledEverywhere(sixteen);
    assertCompiledEverywhere(eight);
    assertThat(eight).contains("kernel=" + k.name().replaceAll("/.*", "") + "/rows2x8");
    // 16-lane row blocks exist only with 512-bit vectors; elsewhere the property has no effect.
    assertThat(sixteen).contains(wide ? "/rows16" : "/rows2x8");
  }

  @Test
  void unknownPropertyValue_ignoredWithReason() throws Exception {
    assumeTrue(DctKernelProvider.vectorVariants().size() > 1, "no 512-bit vectors here");
    String out = probe("32");
    assertThat(out).contains("ignored " + DctKernelProvider.ROW_BLOCKS_PROPERTY + "=32");
    assertThat(out).contains("/rows16");
    assertCompiledEverywhere(out);
  }

  @Test
  void default_is16Lanes_wherever512BitVectorsExist() {
    assumeTrue(DctKernelProvider.vectorVariants().size() > 1, "no 512-bit vectors here");
    assumeTrue(System.getProperty(DctKernelProvider.ROW_BLOCKS_PROPERTY) == null,
        "shape forced for this run");
    assertThat(DctKernelProvider.vector().orElseThrow().name()).endsWith("/rows16");
  }

  @Test
  void variants_defaultFirst_distinctNames() {
    List<DctKernel> variants = DctKernelProvider.vectorVariants();
    assumeTrue(!variants.isEmpty(), "Vector API not usable here");
    assertThat(variants.get(0)).isSameAs(DctKernelProvider.vector().orElseThrow());
    assertThat(variants.stream().map(DctKernel::name).distinct()).hasSize(variants.size());
  }
}

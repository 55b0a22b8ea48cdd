package org.hashmatch.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.junit.jupiter.api.Test;

/**
 * The Vector API module is optional at run time: in a JVM started without {@code --add-modules
 * jdk.incubator.vector}, AUTO must fall back to the scalar kernel, VECTOR must be refused with a
 * clear message, and hashes must be unchanged. Runs {@link Probe} in a child JVM.
 */
class PdqWithoutVectorModuleTest {

  /** Child-JVM entry point: prints the resolved kernel, the VECTOR refusal and a hash. */
  public static final class Probe {
    public static void main(String[] args) {
      PdqHasher auto = PdqHasher.create(Kernel.AUTO);
      System.out.println("kernel=" + auto.kernel());
      try {
        PdqHasher.create(Kernel.VECTOR);
        System.out.println("vector=created");
      } catch (IllegalStateException e) {
        System.out.println("vector=refused: " + e.getMessage());
      }
      float[] luma = PdqTestImages.smoothLuma(1031, 769, 99);
      System.out.println("hash=" + auto.hash(luma, 1031, 769, false).hash());
    }
  }

  @Test
  void childJvmWithoutModule_autoIsScalar_vectorRefused_sameHash() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"),
        Probe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    } catch (IOException | InterruptedException e) {
      p.destroyForcibly();
      throw e;
    }
    assertThat(p.exitValue()).as(out).isZero();
    float[] luma = PdqTestImages.smoothLuma(1031, 769, 99);
    Hash256 expected = PdqHasher.create(Kernel.REFERENCE).hash(luma, 1031, 769, false).hash();
    assertThat(out)
        .contains("kernel=SCALAR")
        .contains("vector=refused: PDQ vector kernel unavailable: module jdk.incubator.vector")
        .contains("hash=" + expected.toHex());
  }
}

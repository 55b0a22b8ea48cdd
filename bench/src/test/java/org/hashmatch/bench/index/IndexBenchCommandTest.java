package org.hashmatch.bench.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IndexBenchCommandTest {

  private static final String FIELDS =
      "\\{\"size\":(\\d+),\"radius\":(\\d+),\"p50Micros\":[\\d.]+,\"p99Micros\":[\\d.]+,"
          + "\"qpsTwoThreads\":[\\d.]+,\"candidatesPerQuery\":[\\d.]+,"
          + "\"recallVsLinearScan\":([\\d.]+),\"buildSeconds\":[\\d.]+,\"bytesPerEntry\":([\\d.]+),"
          + "\"linearScanP50Micros\":[\\d.]+,.*\"falsePositives\":(\\d+),.*\\}";

  @ParameterizedTest
  @CsvSource({"table,uniform,31", "table,clustered,40", "index,weight128,31"})
  void run_smallBank_printsOneJsonLineWithExactRecall(String backend, String dataset, int radius) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        IndexBenchCommand.run(
            new String[] {
              "--size", "3000", "--radius", String.valueOf(radius), "--queries", "40",
              "--dataset", dataset, "--seed", "7", "--backend", backend, "--warmup", "10"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(stdout.lines()).hasSize(1);
    Matcher m = Pattern.compile(FIELDS).matcher(stdout.strip());
    assertThat(m.matches()).as(stdout).isTrue();
    assertThat(m.group(1)).isEqualTo("3000");
    assertThat(m.group(2)).isEqualTo(String.valueOf(radius));
    assertThat(Double.parseDouble(m.group(3))).isEqualTo(1.0);
    assertThat(Double.parseDouble(m.group(4))).isPositive();
    assertThat(m.group(5)).isEqualTo("0");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bytesPerEntry =");
  }

  @Test
  void parse_badOptions_throwWithTheValue() {
    assertThatThrownBy(() -> IndexBenchCommand.Options.parse(new String[] {"--radius", "31"}))
        .hasMessageContaining("--size is required");
    assertThatThrownBy(
            () -> IndexBenchCommand.Options.parse(new String[] {"--size", "10", "--dataset", "x"}))
        .hasMessageContaining("got 'x'");
    assertThatThrownBy(
            () -> IndexBenchCommand.Options.parse(new String[] {"--size", "10", "--radius", "300"}))
        .hasMessageContaining("got 300");
    assertThatThrownBy(() -> IndexBenchCommand.Options.parse(new String[] {"--size"}))
        .hasMessageContaining("missing value after --size");
  }

  @Test
  void dataset_hashIsAPureFunctionOfSeedAndIndex() {
    long[] a = new long[4];
    long[] b = new long[4];
    for (Dataset d : Dataset.values()) {
      d.hash(3, 12345, 100_000, a, 0);
      d.hash(3, 12345, 100_000, b, 0);
      assertThat(a).isEqualTo(b);
      int weight = 0;
      for (long w : a) {
        weight += Long.bitCount(w);
      }
      switch (d) {
        case WEIGHT128 -> assertThat(weight).isEqualTo(128);
        case CLUSTERED -> assertThat(weight).isBetween(128 - 12, 128 + 12);
        case UNIFORM -> assertThat(weight).isBetween(1, 255);
      }
    }
  }
}

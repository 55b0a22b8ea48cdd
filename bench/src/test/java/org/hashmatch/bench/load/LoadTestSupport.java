package org.hashmatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the load tests. */
final class LoadTestSupport {
  private LoadTestSupport() {}

  static LoadOptions options(int port, String key, String... args) {
    List<String> argv = new ArrayList<>(List.of("--target", "http://127.0.0.1:" + port, "--key", key));
    argv.addAll(List.of(args));
    return LoadOptions.parse(argv);
  }

  /** Runs {@code bench load} in-process and returns the JSON summary; the report is discarded. */
  static JsonObject runLoad(LoadOptions o) throws Exception {
    ByteArrayOutputStream human = new ByteArrayOutputStream();
    JsonObject summary = LoadCommand.run(o, new PrintStream(human, true, StandardCharsets.UTF_8));
    String report = human.toString(StandardCharsets.UTF_8);
    // Kept in the surefire output file for whoever reads a failing run.
    System.out.print(report);
    System.out.println(summary.encode());
    assertThat(report).contains("latency ms");
    return summary;
  }

  /** Checks the fields every summary has and that they are consistent with each other. */
  static void assertWellFormed(JsonObject s, String scenario) {
    assertThat(s.getString("scenario")).isEqualTo(scenario);
    long scheduled = s.getLong("scheduled");
    long completed = s.getLong("completed");
    long ok = s.getLong("ok");
    assertThat(scheduled).isPositive();
    assertThat(ok).isBetween(0L, completed);
    assertThat(completed).isLessThanOrEqualTo(scheduled);
    assertThat(s.getLong("errors")).isEqualTo(scheduled - ok);
    assertThat(s.getDouble("achievedRate")).isPositive();
    for (String h : List.of("latencyMs", "serviceTimeMs")) {
      JsonObject p = s.getJsonObject(h);
      assertThat(p.getLong("count")).as(h + " count").isEqualTo(completed);
      assertPercentilesOrdered(p);
    }
    assertThat(s.getJsonObject("schedulerLagMs").getLong("count")).isPositive();
    JsonObject errors = s.getJsonObject("errorsBy");
    assertThat(errors.getJsonObject("status")).isNotNull();
    assertThat(errors.getJsonObject("connection")).isNotNull();
    assertThat(errors.getLong("dropped")).isNotNull();
    assertThat(s.getJsonObject("byKind")).isNotNull();
  }

  static void assertPercentilesOrdered(JsonObject p) {
    double p50 = p.getDouble("p50");
    assertThat(p50).isPositive();
    assertThat(p.getDouble("p90")).isGreaterThanOrEqualTo(p50);
    assertThat(p.getDouble("p99")).isGreaterThanOrEqualTo(p.getDouble("p90"));
    assertThat(p.getDouble("p999")).isGreaterThanOrEqualTo(p.getDouble("p99"));
    assertThat(p.getDouble("max")).isGreaterThanOrEqualTo(p.getDouble("p999"));
  }
}

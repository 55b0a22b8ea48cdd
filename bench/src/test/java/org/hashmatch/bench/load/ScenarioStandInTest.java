package org.hashmatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario and the seeding command against the {@link StandInService} test double: request
 * shapes, setup calls, summaries and output files, independent of the real service's speed.
 */
class ScenarioStandInTest extends StandInTestBase {
  private static final String BANK = "bench";

  private void seed(long size, long seed) throws Exception {
    Args a =
        Args.parse(
            List.of("--bank", BANK, "--size", Long.toString(size), "--seed", Long.toString(seed),
                "--batch", "300", "--concurrency", "3"),
            java.util.Set.of("bank", "size", "seed", "batch", "concurrency"),
            java.util.Set.of());
    JsonObject out = SeedCommand.run(a, Target.parse("http://127.0.0.1:" + standIn.port(), "k"));
    assertThat(out.getLong("count")).isEqualTo(size);
    assertThat(out.getBoolean("created")).isTrue();
  }

  @Test
  void seed_givenSizeAndSeed_addsExactlyTheSyntheticHashesInBatches() throws Exception {
    seed(1_000, 42);
    assertThat(standIn.bankSize(BANK)).isEqualTo(1_000);
    assertThat(standIn.hashes(BANK))
        .containsExactlyInAnyOrderElementsOf(
            LongStream.range(0, 1_000).mapToObj(i -> SyntheticHashes.hash(42, i)).toList());
  }

  @Test
  void listPdq_moreEntriesThanOnePage_followsCursors() throws Exception {
    seed(2_500, 9);
    try (HttpTarget http = new HttpTarget(vertx, Target.parse("http://127.0.0.1:" + standIn.port(), "k"), 2, 10_000)) {
      // Batches run concurrently, so the bank's order is not the index order.
      var all = LongStream.range(0, 2_500).mapToObj(i -> SyntheticHashes.hash(9, i)).toList();
      assertThat(BankApi.listPdq(http, BANK, 2_200)).hasSize(2_200).doesNotHaveDuplicates().isSubsetOf(all);
      assertThat(BankApi.listPdq(http, BANK, 10_000)).containsExactlyInAnyOrderElementsOf(all);
      assertThatThrownBy(() -> BankApi.listPdq(http, "missing", 10))
          .isInstanceOf(LoadSetupException.class)
          .hasMessageContaining("expected status 200, got 404");
    }
  }

  @Test
  void matchHash_seededBank_plantedQueriesMatchAndRandomOnesDoNot(@TempDir Path tmp) throws Exception {
    seed(500, 7);
    Path out = tmp.resolve("summary.json");
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(
                standIn.port(), "k", "--scenario", "match-hash", "--rate", "100", "--duration", "1",
                "--warmup", "0.2", "--seed", "3", "--out", out.toString()));
    LoadTestSupport.assertWellFormed(s, "match-hash");
    assertThat(s.getLong("ok")).isEqualTo(s.getLong("scheduled"));
    JsonObject decisions = s.getJsonObject("decisions");
    assertThat(decisions.getLong("block")).isPositive(); // planted, <= 8 bits flipped
    assertThat(decisions.getLong("none")).isPositive(); // random
    assertThat(new JsonObject(Files.readString(out)).getLong("scheduled")).isEqualTo(s.getLong("scheduled"));
    assertHistogramLogReadable(tmp.resolve("summary.json.hlog"));
  }

  @Test
  void health_run_summaryWellFormed() throws Exception {
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(
                standIn.port(), "k", "--scenario", "health", "--rate", "100", "--duration", "1",
                "--warmup", "0.2"));
    LoadTestSupport.assertWellFormed(s, "health");
    assertThat(s.getJsonObject("byKind").fieldNames()).containsExactly("health");
  }

  @Test
  void matchImage_generatedImages_summaryWellFormed(@TempDir Path tmp) throws Exception {
    TestImages.write(tmp, 4, 11);
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(
                standIn.port(), "k", "--scenario", "match-image", "--rate", "50", "--duration", "1",
                "--warmup", "0.2", "--images", tmp.toString()));
    LoadTestSupport.assertWellFormed(s, "match-image");
    assertThat(s.getInteger("images")).isEqualTo(4);
    assertThat(s.getLong("ok")).isEqualTo(s.getLong("scheduled"));
  }

  @Test
  void mixed_someAdds_bothKindsReported() throws Exception {
    seed(200, 5);
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(
                standIn.port(), "k", "--scenario", "mixed", "--rate", "200", "--duration", "1",
                "--warmup", "0", "--add-fraction", "0.1"));
    LoadTestSupport.assertWellFormed(s, "mixed");
    assertThat(s.getJsonObject("byKind").fieldNames()).containsExactlyInAnyOrder("match", "add");
    assertThat(standIn.bankSize(BANK)).isGreaterThan(200);
    assertThat(s.getLong("ok")).isEqualTo(s.getLong("scheduled"));
  }

  @Test
  void freshness_entriesHiddenForThreeQueries_probesMatchUntilFound() throws Exception {
    standIn.hiddenForMatches(3);
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(
                standIn.port(), "k", "--scenario", "freshness", "--rate", "20", "--duration", "1",
                "--warmup", "0"));
    LoadTestSupport.assertWellFormed(s, "freshness");
    JsonObject f = s.getJsonObject("freshnessMs");
    assertThat(f.getLong("probes")).isEqualTo(s.getLong("ok"));
    assertThat(f.getLong("count")).isEqualTo(f.getLong("probes"));
    assertThat(f.getLong("notFound")).isZero();
    assertThat(f.getDouble("p50")).isPositive();
    // Three misses, then the hit, for every measured probe.
    assertThat(f.getLong("matchCalls")).isEqualTo(4 * f.getLong("count"));
    assertThat(f.getLong("matchErrors")).isZero();
  }

  @Test
  void findMax_generousGoal_stepsUpAndReportsPassingRate() throws Exception {
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(
                standIn.port(), "k", "--scenario", "health", "--find-max", "--p99-ms", "100000",
                "--rate", "20", "--max-rate", "80", "--duration", "0.5", "--warmup", "0.2"));
    JsonObject fm = s.getJsonObject("findMax");
    assertThat(fm.getJsonArray("steps").size()).isGreaterThanOrEqualTo(2);
    JsonObject first = fm.getJsonArray("steps").getJsonObject(0);
    assertThat(first.getDouble("rate")).isEqualTo(20.0);
    // Wiring, not timing (FindMaxTest checks the search itself): every step stays within
    // [start / 2^k, cap], and the answer is the highest passing step.
    List<JsonObject> steps =
        fm.getJsonArray("steps").stream().map(o -> (JsonObject) o).toList();
    assertThat(steps).allSatisfy(st -> assertThat(st.getDouble("rate")).isLessThanOrEqualTo(80.0));
    double highestPass =
        steps.stream().filter(st -> st.getBoolean("passed")).mapToDouble(st -> st.getDouble("rate")).max().orElse(0);
    assertThat(fm.getDouble("maxRate")).isEqualTo(highestPass);
    if (highestPass > 0) {
      assertThat(s.getDouble("rate")).isEqualTo(highestPass);
    }
  }

  private static void assertHistogramLogReadable(Path hlog) throws Exception {
    HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
    long total = 0;
    int intervals = 0;
    EncodableHistogram h;
    while ((h = reader.nextIntervalHistogram()) != null) {
      intervals++;
      if ("corrected".equals(h.getTag())) {
        total += ((org.HdrHistogram.Histogram) h).getTotalCount();
      }
    }
    assertThat(intervals).isPositive();
    assertThat(total).isPositive();
  }
}

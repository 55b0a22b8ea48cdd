package org.hashmatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FindMaxTest {

  /** A result whose every latency is {@code p99Millis}, with {@code errors} failed requests. */
  static RunResult result(double rate, double p99Millis, long errors) {
    Histogram h = new Histogram(Histograms.MAX_MICROS, Histograms.DIGITS);
    long n = 1_000;
    h.recordValueWithCount(Math.round(p99Millis * 1000), n - errors);
    return new RunResult(
        rate, 0, 1, 1, n, n - errors, n - errors, 0, 0, new TreeMap<>(), new TreeMap<>(), h, h, h,
        new TreeMap<>(), new JsonObject());
  }

  private static FindMax.Outcome search(DoubleUnaryOperator p99OfRate, double start, List<Double> tried)
      throws InterruptedException {
    return FindMax.search(
        rate -> {
          tried.add(rate);
          return result(rate, p99OfRate.applyAsDouble(rate), 0);
        },
        start,
        1,
        1_000_000,
        10);
  }

  @Test
  void search_kneeAt1000_findsRateWithinResolutionBelowKnee() throws Exception {
    List<Double> tried = new ArrayList<>();
    FindMax.Outcome o = search(rate -> rate <= 1000 ? 2 : 50, 100, tried);
    assertThat(o.maxRate()).isLessThanOrEqualTo(1000).isGreaterThanOrEqualTo(1000 * (1 - FindMax.RESOLUTION));
    assertThat(tried).startsWith(100.0, 200.0, 400.0, 800.0, 1600.0, 1600.0);
    assertThat(o.steps()).hasSize(tried.size());
    assertThat(o.best()).isNotNull();
    assertThat(o.best().rate()).isEqualTo(o.maxRate());
    assertThat(o.steps()).allSatisfy(s -> assertThat(s.passed()).isEqualTo(s.rate() <= 1000));
  }

  @Test
  void search_oneSpuriousFailure_isRetriedAndDoesNotCapTheSearch() throws Exception {
    List<Double> tried = new ArrayList<>();
    int[] calls = {0};
    FindMax.Outcome o =
        FindMax.search(
            rate -> {
              tried.add(rate);
              boolean firstCall = calls[0]++ == 0;
              return result(rate, firstCall || rate > 1000 ? 50 : 2, 0);
            },
            250,
            1,
            1_000_000,
            10);
    assertThat(tried).startsWith(250.0, 250.0, 500.0, 1000.0, 2000.0, 2000.0);
    assertThat(o.steps().get(0).passed()).isFalse();
    assertThat(o.steps().get(1).passed()).isTrue();
    assertThat(o.maxRate()).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void search_startTooHigh_halvesDownUntilPassing() throws Exception {
    List<Double> tried = new ArrayList<>();
    FindMax.Outcome o = search(rate -> rate <= 300 ? 2 : 50, 1000, tried);
    assertThat(tried).startsWith(1000.0, 1000.0, 500.0, 500.0, 250.0);
    assertThat(o.maxRate()).isLessThanOrEqualTo(300).isGreaterThanOrEqualTo(300 * (1 - FindMax.RESOLUTION));
  }

  @Test
  void search_nothingPasses_reportsZeroAndStopsAtMinimumRate() throws Exception {
    List<Double> tried = new ArrayList<>();
    FindMax.Outcome o = search(rate -> 50, 16, tried);
    assertThat(o.maxRate()).isZero();
    assertThat(o.best()).isNull();
    assertThat(tried).containsExactly(16.0, 16.0, 8.0, 8.0, 4.0, 4.0, 2.0, 2.0, 1.0, 1.0);
  }

  @Test
  void passes_answersFallBehind_fails() {
    Histogram h = new Histogram(Histograms.MAX_MICROS, Histograms.DIGITS);
    h.recordValueWithCount(1000, 100);
    // 100 answers due in 1 s, the last one 1.5 s in: 67/s achieved of 100/s intended.
    RunResult behind =
        new RunResult(100, 0, 1, 1.5, 100, 100, 100, 0, 0, new TreeMap<>(), new TreeMap<>(), h, h, h,
            new TreeMap<>(), new JsonObject());
    assertThat(FindMax.passes(behind, 10)).isFalse();
  }

  @Test
  void passes_errorsAboveThreshold_fails() {
    assertThat(FindMax.passes(result(100, 1, 0), 10)).isTrue();
    assertThat(FindMax.passes(result(100, 1, 2), 10)).isFalse();
    assertThat(FindMax.passes(result(100, 11, 0), 10)).isFalse();
  }
}

package org.hashmatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Proves the omission correction against a stand-in server that stalls one request. With one
 * connection and no pipelining, every request due during the stall queues behind it: a
 * closed-loop tester would see one slow request; the corrected histogram must see all of them.
 *
 * <p>The bounds hold by construction, not by timing luck: a request intended at {@code t} during a
 * stall that ends at {@code s + 200 ms} cannot be answered before then, so at 100 requests/s at
 * least the 10 requests due in the first 100 ms of the stall (5 % of the 200 measured) have
 * corrected latency >= 100 ms, hence p99 >= 100 ms. Their service times are small, because the
 * clock for service time starts when the connection is free.
 */
class CoordinatedOmissionTest extends StandInTestBase {
  @Test
  void run_serverStallsMidRun_stallShowsInCorrectedPercentilesNotInServiceTime() throws Exception {
    // One priming request, 50 warmup requests (0.5 s), then 200 measured; the 152nd request the
    // server sees is load request 150, due 1.5 s in, mid-measurement.
    standIn.stall(152, 200);
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(
                standIn.port(), "k", "--scenario", "health", "--rate", "100", "--duration", "2",
                "--warmup", "0.5", "--connections", "1", "--event-loops", "1"));

    LoadTestSupport.assertWellFormed(s, "health");
    assertThat(s.getLong("scheduled")).isEqualTo(200);
    assertThat(s.getLong("ok")).isEqualTo(200);
    JsonObject corrected = s.getJsonObject("latencyMs");
    JsonObject service = s.getJsonObject("serviceTimeMs");
    assertThat(corrected.getDouble("p99")).isGreaterThanOrEqualTo(100.0);
    assertThat(corrected.getDouble("max")).isGreaterThanOrEqualTo(195.0);
    // The one stalled request itself took ~200 ms of service time; the queued ones did not.
    assertThat(service.getDouble("max")).isGreaterThanOrEqualTo(195.0);
    assertThat(service.getDouble("p99")).isLessThan(corrected.getDouble("p99") / 2);
  }

  @Test
  void run_outstandingLimitReached_requestsAreDroppedAndCountedNotDelayed() throws Exception {
    // A 400 ms stall at 200/s with at most 5 requests in flight: the schedule must not stretch,
    // so the requests due meanwhile are dropped and reported as errors.
    standIn.stall(52, 400); // load request 50 (after one priming request)
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(
                standIn.port(), "k", "--scenario", "health", "--rate", "200", "--duration", "1",
                "--warmup", "0", "--connections", "1", "--event-loops", "1",
                "--max-outstanding", "5"));

    assertThat(s.getLong("scheduled")).isEqualTo(200);
    long dropped = s.getJsonObject("errorsBy").getLong("dropped");
    assertThat(dropped).isGreaterThan(0);
    assertThat(s.getLong("errors")).isEqualTo(dropped);
    assertThat(s.getLong("completed")).isEqualTo(200 - dropped);
  }
}

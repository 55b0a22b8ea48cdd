package org.hashmatch.bench.load;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one constant-rate run, counted over the measured period only (requests whose
 * intended send time falls after the warmup).
 *
 * @param rate intended requests per second
 * @param warmupSeconds discarded seconds before the measured period
 * @param durationSeconds length of the measured period
 * @param spanSeconds from the start of the measured period to the last answer to a measured
 *     request (at least {@code durationSeconds}); a service that falls behind answers its backlog
 *     late, which stretches the span and lowers the achieved rate
 * @param scheduled requests due in the measured period
 * @param completed responses received (any status)
 * @param ok responses with the expected status
 * @param dropped requests not sent because {@code maxOutstanding} requests were in flight
 * @param unfinished requests still without an answer when the run gave up waiting
 * @param statusErrors unexpected statuses and how often each came
 * @param connectionErrors failed exchanges (connect refused, reset, timeout) by exception type
 * @param latency corrected latency, microseconds: response received minus intended send time
 * @param serviceTime uncorrected service time, microseconds: response received minus the moment a
 *     connection was obtained and the request written
 * @param schedulerLag microseconds from intended send time to the request being handed to the
 *     client on its event loop: the generator's own delay
 * @param byKind corrected latency per request kind
 * @param extra scenario-specific statistics
 */
public record RunResult(
    double rate,
    double warmupSeconds,
    double durationSeconds,
    double spanSeconds,
    long scheduled,
    long completed,
    long ok,
    long dropped,
    long unfinished,
    SortedMap<String, Long> statusErrors,
    SortedMap<String, Long> connectionErrors,
    Histogram latency,
    Histogram serviceTime,
    Histogram schedulerLag,
    SortedMap<String, Histogram> byKind,
    JsonObject extra) {

  /** Scheduler lag p99 above which the generator may be distorting the result (microseconds). */
  static final long LAG_WARNING_MICROS = 1_000;

  /** Requests that did not succeed: wrong status, connection error, dropped, unfinished. */
  public long errors() {
    return scheduled - ok;
  }

  /** Responses (any status) per second of the span. */
  public double achievedRate() {
    return completed / spanSeconds;
  }

  /** Failed requests over scheduled requests (0 when nothing was scheduled). */
  public double errorRatio() {
    return scheduled == 0 ? 0 : (double) errors() / scheduled;
  }

  /** Corrected p99 in milliseconds ({@code NaN} without samples). */
  public double p99Millis() {
    return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0;
  }

  /** Whether the generator's own scheduling lag was large enough to distort the numbers. */
  public boolean generatorLagging() {
    return schedulerLag.getTotalCount() > 0
        && schedulerLag.getValueAtPercentile(99) > LAG_WARNING_MICROS;
  }

  /** The summary as JSON (milliseconds for every latency). */
  public JsonObject toJson() {
    JsonObject kinds = new JsonObject();
    for (Map.Entry<String, Histogram> e : byKind.entrySet()) {
      kinds.put(e.getKey(), Histograms.toJson(e.getValue()));
    }
    JsonObject j =
        new JsonObject()
            .put("rate", rate)
            .put("warmupSeconds", warmupSeconds)
            .put("durationSeconds", durationSeconds)
            .put("scheduled", scheduled)
            .put("completed", completed)
            .put("ok", ok)
            .put("errors", errors())
            .put("achievedRate", Histograms.round3(achievedRate()))
            .put("okRate", Histograms.round3(ok / spanSeconds))
            .put("spanSeconds", Histograms.round3(spanSeconds))
            .put("latencyMs", Histograms.toJson(latency))
            .put("serviceTimeMs", Histograms.toJson(serviceTime))
            .put("schedulerLagMs", Histograms.toJson(schedulerLag))
            .put("generatorLagging", generatorLagging())
            .put(
                "errorsBy",
                new JsonObject()
                    .put("status", new JsonObject(Map.copyOf(statusErrors)))
                    .put("connection", new JsonObject(Map.copyOf(connectionErrors)))
                    .put("dropped", dropped)
                    .put("unfinished", unfinished))
            .put("byKind", kinds);
    extra.forEach(e -> j.put(e.getKey(), e.getValue()));
    return j;
  }

  /** A few human-readable lines. */
  public String human() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "rate %.1f/s for %.1f s (+%.1f s warmup): %d scheduled, %d completed (%.1f/s), %d ok"
                + " (%.1f/s), %d errors%n",
            rate, durationSeconds, warmupSeconds, scheduled, completed, achievedRate(), ok,
            ok / spanSeconds, errors()));
    b.append("  latency ms (from intended send time): ").append(Histograms.line(latency)).append('\n');
    b.append("  service time ms (uncorrected):        ").append(Histograms.line(serviceTime)).append('\n');
    b.append("  generator scheduling lag ms:          ").append(Histograms.line(schedulerLag)).append('\n');
    for (Map.Entry<String, Histogram> e : byKind.entrySet()) {
      if (byKind.size() > 1) {
        b.append("  latency ms, ").append(e.getKey()).append(": ").append(Histograms.line(e.getValue())).append('\n');
      }
    }
    if (errors() > 0) {
      b.append("  errors: status ").append(statusErrors).append(", connection ").append(connectionErrors)
          .append(", dropped ").append(dropped).append(", unfinished ").append(unfinished).append('\n');
    }
    if (extra.getValue("freshnessMs") instanceof JsonObject f) {
      b.append("  freshness ms (add acknowledged -> matchable): ").append(f.encode()).append('\n');
    }
    if (generatorLagging()) {
      b.append("  WARNING: generator scheduling lag p99 > ")
          .append(LAG_WARNING_MICROS / 1000.0)
          .append(" ms: the load generator may be a bottleneck (fewer connections, more event loops, or another machine)\n");
    }
    return b.toString();
  }
}

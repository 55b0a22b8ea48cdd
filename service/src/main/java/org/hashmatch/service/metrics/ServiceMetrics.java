package org.hashmatch.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The service's meters. Thread-safe (Micrometer meters are).
 *
 * <pre>
 * hashmatch_http_server_requests_seconds{method,route,status}  request latency histogram
 * hashmatch_hash_queue_wait_seconds                               wait for a hashing thread
 * hashmatch_hash_seconds                                          decode + hash time
 * hashmatch_search_seconds                                        index search time per query
 * hashmatch_matches_total{bank,decision}                          matched entries, by bank and the
 *                                                                 decision of their query
 * hashmatch_match_decisions_total{decision}                       match queries by decision
 * hashmatch_rejected_total{reason}                                requests shed (overloaded, timeout)
 * hashmatch_images_in_flight                                      image requests admitted now
 * hashmatch_bank_entries{bank}                                    bank sizes, refreshed per scrape
 * </pre>
 *
 * Labels are route templates (never raw paths), statuses, bank names and decisions; never image
 * data, hashes or key secrets.
 */
public final class ServiceMetrics {

  private static final Duration MIN_EXPECTED = Duration.ofNanos(50_000);
  private static final Duration MAX_EXPECTED = Duration.ofSeconds(30);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer queueWait = histogram("hashmatch.hash.queue.wait", "Wait for a hashing thread");
  private final Timer hashTime = histogram("hashmatch.hash", "Decode and hash time");
  private final Timer searchTime = histogram("hashmatch.search", "Index search time per query");
  private final MultiGauge bankEntries =
      MultiGauge.builder("hashmatch.bank.entries").description("Entries per bank").register(registry);
  private final AtomicInteger imagesInFlight = new AtomicInteger();

  public ServiceMetrics() {
    registry.gauge("hashmatch.images.in.flight", imagesInFlight);
  }

  private Timer histogram(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(MIN_EXPECTED)
        .maximumExpectedValue(MAX_EXPECTED)
        .register(registry);
  }

  /** Records one finished request. */
  public void request(String method, String routeTemplate, int status, long nanos) {
    Timer.builder("hashmatch.http.server.requests")
        .description("HTTP request latency by route template and status")
        .tags("method", method, "route", routeTemplate, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(MIN_EXPECTED)
        .maximumExpectedValue(MAX_EXPECTED)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void queueWait(long nanos) {
    queueWait.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void hashTime(long nanos) {
    hashTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void searchTime(long nanos) {
    searchTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts one match query's decision and its matches per bank. */
  public void decision(String decision, Map<String, Integer> matchesPerBank) {
    Counter.builder("hashmatch.match.decisions").tag("decision", decision).register(registry).increment();
    matchesPerBank.forEach(
        (bank, n) ->
            Counter.builder("hashmatch.matches")
                .tags("bank", bank, "decision", decision)
                .register(registry)
                .increment(n));
  }

  /** Counts a shed request. */
  public void rejected(String reason) {
    Counter.builder("hashmatch.rejected").tag("reason", reason).register(registry).increment();
  }

  /** The gauge of admitted image requests, owned by the admission control. */
  public AtomicInteger imagesInFlight() {
    return imagesInFlight;
  }

  /**
   * Renders the Prometheus text format after refreshing the bank sizes. May block on the index:
   * call from a worker.
   */
  public String scrape(Supplier<Map<String, Long>> bankSizes) {
    List<MultiGauge.Row<?>> rows =
        bankSizes.get().entrySet().stream()
            .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("bank", e.getKey()), e.getValue()))
            .toList();
    bankEntries.register(rows, true);
    return registry.scrape();
  }
}

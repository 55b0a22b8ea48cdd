package org.hashmatch.bench.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.hashmatch.hashing.Hash256;
import org.jspecify.annotations.Nullable;

/**
 * The {@code freshness} scenario: each arrival adds an entry with a fresh random hash; once the add
 * is acknowledged ({@code 201}), a probe matches that hash back to back until the answer names the
 * new entry. The recorded value is "add acknowledged" to "match response naming the entry
 * received": an upper bound of how long the entry was invisible, with a resolution of one match
 * round trip. Probes that never find the entry within the timeout count as {@code notFound}.
 *
 * <p>The adds follow the open-loop schedule (their latency is the run's main histogram); the probes
 * are closed-loop follow-ups, one request in flight per probe.
 */
final class FreshnessWorkload implements Workload {
  private final HttpTarget http;
  private final String bank;
  private final SplittableRandom random;
  private final long timeoutNanos;
  private final long seed;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicReference<Stats> stats = new AtomicReference<>(new Stats());

  FreshnessWorkload(HttpTarget http, String bank, long seed, long timeoutMillis) {
    this.http = http;
    this.bank = bank;
    this.random = new SplittableRandom(seed ^ 0xF4E5_4A11L);
    this.seed = seed;
    this.timeoutNanos = timeoutMillis * 1_000_000L;
  }

  private static final class Stats {
    final ConcurrentHistogram freshness = Histograms.concurrent();
    final LongAdder probes = new LongAdder();
    final LongAdder notFound = new LongAdder();
    final LongAdder matchCalls = new LongAdder();
    final LongAdder matchErrors = new LongAdder();
  }

  @Override
  public RequestSpec next(long index) {
    return Workloads.addSpec(bank, SyntheticHashes.random(random), "bench-freshness-" + seed + "-" + index);
  }

  @Override
  public void onExchange(RequestSpec spec, Exchange exchange, boolean measured) {
    if (exchange.status() != 201 || !(spec.attachment() instanceof Hash256 pdq)) {
      return;
    }
    String id = entryId(exchange);
    Stats s = stats.get();
    if (measured) {
      s.probes.increment();
    }
    pending.incrementAndGet();
    probe(s, pdq, id, exchange.doneNanos(), measured);
  }

  private void probe(Stats s, Hash256 pdq, @Nullable String id, long ackNanos, boolean measured) {
    http.send(Workloads.matchHashSpec(bank, pdq, null))
        .onComplete(ar -> afterProbe(s, pdq, id, ackNanos, measured, ar));
  }

  private void afterProbe(
      Stats s,
      Hash256 pdq,
      @Nullable String id,
      long ackNanos,
      boolean measured,
      AsyncResult<Exchange> ar) {
    long now = System.nanoTime();
    if (measured) {
      s.matchCalls.increment();
    }
    if (ar.succeeded() && ar.result().status() == 200 && names(ar.result(), id)) {
      if (measured) {
        s.freshness.recordValue(Histograms.micros(ar.result().doneNanos() - ackNanos));
      }
      pending.decrementAndGet();
      return;
    }
    if (measured && (ar.failed() || ar.result().status() != 200)) {
      s.matchErrors.increment();
    }
    if (now - ackNanos > timeoutNanos) {
      if (measured) {
        s.notFound.increment();
      }
      pending.decrementAndGet();
      return;
    }
    probe(s, pdq, id, ackNanos, measured);
  }

  /** The id in an add response ({@code id} or {@code entryId}), or null if there is none. */
  static @Nullable String entryId(Exchange e) {
    try {
      JsonObject j = e.body().toJsonObject();
      Object id = j.getValue("id");
      if (id == null) {
        id = j.getValue("entryId");
      }
      return id == null ? null : String.valueOf(id);
    } catch (DecodeException | ClassCastException ex) {
      return null;
    }
  }

  /**
   * Whether a match response names the entry: a match with this entry id, or, when the add did not
   * return an id, an exact (distance 0) match.
   */
  static boolean names(Exchange e, @Nullable String id) {
    JsonArray matches;
    try {
      matches = e.body().toJsonObject().getJsonArray("matches");
    } catch (DecodeException | ClassCastException ex) {
      return false;
    }
    if (matches == null) {
      return false;
    }
    for (int i = 0; i < matches.size(); i++) {
      if (!(matches.getValue(i) instanceof JsonObject m)) {
        continue;
      }
      Object mid = m.getValue("entryId");
      if (id != null && mid != null && Objects.equals(String.valueOf(mid), id)) {
        return true;
      }
      if (id == null && m.getValue("distance") instanceof Number d && d.intValue() == 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void beginRun() {
    stats.set(new Stats());
  }

  @Override
  public int pending() {
    return pending.get();
  }

  @Override
  public void report(JsonObject summary) {
    Stats s = stats.get();
    summary.put(
        "freshnessMs",
        Histograms.toJson(s.freshness)
            .put("probes", s.probes.sum())
            .put("notFound", s.notFound.sum())
            .put("matchCalls", s.matchCalls.sum())
            .put("matchErrors", s.matchErrors.sum()));
  }

  /** The freshness histogram of the last run (microseconds), for the human-readable report. */
  ConcurrentHistogram freshness() {
    return stats.get().freshness;
  }
}

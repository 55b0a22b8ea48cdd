package org.hashmatch.bench.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Offers load open loop at a constant arrival rate.
 *
 * <pre>
 *  scheduler thread                       event loops (one context each)          service
 *  ----------------                       ------------------------------          -------
 *  intended_i = start + i / rate
 *  park until intended_i  ──runOnContext──▶ lag = now - intended_i
 *  (never waits for answers;               client.request (pool of C connections,
 *   beyond maxOutstanding in flight:        no pipelining; queue if all busy) ─────▶
 *   drop and count)                         response ◀──────────────────────────────
 *                                           latency = done - intended_i  (corrected)
 *                                           service = done - written     (uncorrected)
 * </pre>
 *
 * <p>Why from the intended time: a closed-loop tester waits for an answer before sending the next
 * request, so while the server stalls it stops asking and the stall is measured once instead of for
 * every request a real client population would have sent meanwhile ("coordinated omission", Gil
 * Tene; the HdrHistogram README and wrk2). Here the schedule never stretches: a request due during a
 * stall is charged the whole time from when it should have gone out. The uncorrected service time
 * is kept beside it so the difference is visible. The generator's own delay (scheduler lag) is
 * measured too; it is part of the corrected latency, so a lagging generator can only make the
 * service look slower, never faster, and the summary warns when it lags.
 *
 * <p>Not thread-safe: one run at a time, driven from one non-Vert.x thread.
 */
final class LoadGenerator {
  /** Delay between deciding to start and the first intended send time. */
  private static final long LEAD_NANOS = 20_000_000L;
  /** Histogram-log interval. */
  private static final long LOG_INTERVAL_MILLIS = 1_000;

  private final HttpTarget http;
  private final Workload workload;
  private final List<Context> contexts;
  private final int maxOutstanding;
  private final long drainMillis;

  private LoadGenerator(
      HttpTarget http, Workload workload, List<Context> contexts, int maxOutstanding, long drainMillis) {
    this.http = http;
    this.workload = workload;
    this.contexts = List.copyOf(contexts);
    this.maxOutstanding = maxOutstanding;
    this.drainMillis = drainMillis;
  }

  /**
   * Creates a generator that sends from {@code eventLoops} event-loop contexts of {@code vertx}.
   * Blocks until the contexts exist; call from a non-Vert.x thread.
   *
   * @param maxOutstanding requests in flight beyond which new ones are dropped and counted
   * @param drainMillis how long a run waits for answers after its last intended send time
   */
  static LoadGenerator create(
      Vertx vertx, HttpTarget http, Workload workload, int eventLoops, int maxOutstanding, long drainMillis) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    Future<String> deployed =
        vertx.deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    contexts.add(context);
                    return Future.succeededFuture();
                  }
                },
            new DeploymentOptions().setInstances(eventLoops));
    BankApi.await(deployed, "start generator event loops");
    return new LoadGenerator(http, workload, contexts, maxOutstanding, drainMillis);
  }

  /**
   * Opens the client's connections and loads the client's classes before any schedule starts, by
   * sending {@code connections} concurrent {@code GET /healthz} requests from the event loops.
   * Blocks; call from a non-Vert.x thread.
   *
   * @throws LoadSetupException if the service does not answer them with 200
   */
  void prime(int connections) {
    List<Future<Exchange>> all = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Promise<Exchange> p = Promise.promise();
      contexts.get(i % contexts.size())
          .runOnContext(v -> http.send(RequestSpec.get("prime", "/healthz")).onComplete(p));
      all.add(p.future());
    }
    for (Future<Exchange> f : all) {
      Exchange e = BankApi.await(f, "GET /healthz");
      if (e.status() != 200) {
        throw BankApi.unexpected("GET /healthz", 200, e);
      }
    }
  }

  /** What one run collects; shared by the scheduler thread and the event loops. */
  private static final class Run {
    final long measureStart;
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
    final LongAdder scheduled = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final Map<String, LongAdder> statusErrors = new ConcurrentHashMap<>();
    final Map<String, LongAdder> connectionErrors = new ConcurrentHashMap<>();
    final ConcurrentHistogram latency = Histograms.concurrent();
    final ConcurrentHistogram service = Histograms.concurrent();
    final ConcurrentHistogram lag = Histograms.concurrent();
    final Map<String, ConcurrentHistogram> byKind = new ConcurrentHashMap<>();
    /** Every response including warmup, for the interval log. */
    final Recorder latencyLog = Histograms.recorder();
    final Recorder serviceLog = Histograms.recorder();

    Run(long measureStart) {
      this.measureStart = measureStart;
    }
  }

  /**
   * Runs {@code warmupSeconds + durationSeconds} of load at {@code rate} requests per second and
   * waits for the answers.
   *
   * @param log interval histograms (corrected and service time, warmup included) are appended here
   *     every second when not null; tags carry {@code tagSuffix}
   * @throws InterruptedException if the calling thread is interrupted
   */
  RunResult run(
      double rate,
      double warmupSeconds,
      double durationSeconds,
      @Nullable HistogramLogWriter log,
      String tagSuffix)
      throws InterruptedException {
    if (!(rate > 0) || !(durationSeconds > 0) || !(warmupSeconds >= 0)) {
      throw new IllegalArgumentException(
          "need rate > 0, duration > 0, warmup >= 0; got " + rate + ", " + durationSeconds + ", "
              + warmupSeconds);
    }
    workload.beginRun();
    double intervalNanos = 1e9 / rate;
    long warmupNanos = (long) (warmupSeconds * 1e9);
    long durationNanos = (long) (durationSeconds * 1e9);
    long start = System.nanoTime() + LEAD_NANOS;
    long measureStart = start + warmupNanos;
    long end = measureStart + durationNanos;
    long total = (long) Math.ceil((warmupNanos + durationNanos) / intervalNanos);
    Run run = new Run(measureStart);

    ScheduledExecutorService logger = null;
    if (log != null) {
      logger = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("hlog").unstarted(r));
      logger.scheduleAtFixedRate(
          () -> writeInterval(log, run, tagSuffix), LOG_INTERVAL_MILLIS, LOG_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }
    try {
      for (long i = 0; i < total; i++) {
        long intended = start + (long) (i * intervalNanos);
        if (intended >= end) {
          break;
        }
        waitUntil(intended);
        boolean measured = intended >= measureStart;
        if (measured) {
          run.scheduled.increment();
        }
        if (run.outstanding.get() >= maxOutstanding) {
          if (measured) {
            run.dropped.increment();
          }
          continue;
        }
        RequestSpec spec = workload.next(i);
        run.outstanding.incrementAndGet();
        contexts.get((int) (i % contexts.size()))
            .runOnContext(v -> fire(run, spec, intended, measured));
      }
      long deadline = System.nanoTime() + drainMillis * 1_000_000L;
      while ((run.outstanding.get() > 0 || workload.pending() > 0) && System.nanoTime() < deadline) {
        LockSupport.parkNanos(5_000_000L);
        if (Thread.interrupted()) {
          throw new InterruptedException("load run interrupted while waiting for answers");
        }
      }
    } finally {
      if (logger != null) {
        logger.shutdown();
        if (!logger.awaitTermination(5, TimeUnit.SECONDS)) {
          logger.shutdownNow();
        }
        writeInterval(log, run, tagSuffix);
      }
    }
    return result(run, rate, warmupSeconds, durationSeconds, measureStart);
  }

  /**
   * Parks until {@code intended}; spins only for the last 20 µs (parking has coarser granularity,
   * and a spin longer than that would take CPU from the service on a shared machine). Whatever
   * lateness remains is measured as scheduler lag.
   */
  private static void waitUntil(long intended) throws InterruptedException {
    long now;
    while ((now = System.nanoTime()) < intended) {
      long wait = intended - now;
      if (wait > 20_000) {
        LockSupport.parkNanos(wait);
        if (Thread.interrupted()) {
          throw new InterruptedException("load run interrupted");
        }
      } else {
        Thread.onSpinWait();
      }
    }
  }

  private void fire(Run run, RequestSpec spec, long intended, boolean measured) {
    if (measured) {
      run.lag.recordValue(Histograms.micros(System.nanoTime() - intended));
    }
    http.send(spec).onComplete(ar -> complete(run, spec, intended, measured, ar));
  }

  private void complete(Run run, RequestSpec spec, long intended, boolean measured, AsyncResult<Exchange> ar) {
    try {
      record(run, spec, intended, measured, ar);
    } finally {
      // Last, so a run that sees nothing outstanding also sees this answer counted and any
      // follow-up (freshness probe) registered as pending.
      run.outstanding.decrementAndGet();
    }
  }

  private void record(Run run, RequestSpec spec, long intended, boolean measured, AsyncResult<Exchange> ar) {
    if (ar.failed()) {
      if (measured) {
        run.connectionErrors
            .computeIfAbsent(ar.cause().getClass().getSimpleName(), k -> new LongAdder())
            .increment();
      }
      return;
    }
    Exchange ex = ar.result();
    long latencyMicros = Histograms.micros(ex.doneNanos() - intended);
    long serviceMicros = Histograms.micros(ex.doneNanos() - ex.sentNanos());
    run.latencyLog.recordValue(latencyMicros);
    run.serviceLog.recordValue(serviceMicros);
    if (measured) {
      run.completed.increment();
      run.lastDone.accumulateAndGet(ex.doneNanos(), Math::max);
      run.latency.recordValue(latencyMicros);
      run.service.recordValue(serviceMicros);
      run.byKind.computeIfAbsent(spec.kind(), k -> Histograms.concurrent()).recordValue(latencyMicros);
      if (ex.status() == spec.expectedStatus()) {
        run.ok.increment();
      } else {
        run.statusErrors
            .computeIfAbsent(spec.kind() + ":" + ex.status(), k -> new LongAdder())
            .increment();
      }
    }
    workload.onExchange(spec, ex, measured);
  }

  private static void writeInterval(HistogramLogWriter log, Run run, String tagSuffix) {
    synchronized (log) {
      Histogram corrected = run.latencyLog.getIntervalHistogram();
      corrected.setTag("corrected" + tagSuffix);
      Histogram service = run.serviceLog.getIntervalHistogram();
      service.setTag("service" + tagSuffix);
      log.outputIntervalHistogram(corrected);
      log.outputIntervalHistogram(service);
    }
  }

  private RunResult result(
      Run run, double rate, double warmupSeconds, double durationSeconds, long measureStart) {
    long last = run.lastDone.get();
    double span =
        last == Long.MIN_VALUE ? durationSeconds : Math.max(durationSeconds, (last - measureStart) / 1e9);
    SortedMap<String, Histogram> kinds = new TreeMap<>();
    run.byKind.forEach((k, h) -> kinds.put(k, h.copy()));
    JsonObject extra = new JsonObject();
    workload.report(extra);
    long scheduled = run.scheduled.sum();
    long completed = run.completed.sum();
    long dropped = run.dropped.sum();
    long connection = run.connectionErrors.values().stream().mapToLong(LongAdder::sum).sum();
    long unfinished = Math.max(0, scheduled - completed - dropped - connection);
    return new RunResult(
        rate,
        warmupSeconds,
        durationSeconds,
        span,
        scheduled,
        completed,
        run.ok.sum(),
        dropped,
        unfinished,
        counts(run.statusErrors),
        counts(run.connectionErrors),
        run.latency.copy(),
        run.service.copy(),
        run.lag.copy(),
        kinds,
        extra);
  }

  private static SortedMap<String, Long> counts(Map<String, LongAdder> m) {
    SortedMap<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}

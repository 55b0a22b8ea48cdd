package org.hashmatch.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.HdrHistogram.HistogramLogWriter;
import org.jspecify.annotations.Nullable;

/**
 * {@code bin/hashmatch bench load}: offers constant-rate (open-loop) load to a running service and
 * prints corrected latency percentiles. Human-readable report on stderr, one JSON summary line on
 * stdout; {@code --out FILE} also writes the summary to FILE and the interval histograms to
 * {@code FILE.hlog} (HdrHistogram log, readable by {@code HistogramLogProcessor}; warmup included,
 * skip it with {@code -start}).
 */
public final class LoadCommand {
  static final String USAGE =
      """
      usage: bin/hashmatch bench load --target URL --key KEY --scenario SCENARIO
                                      --rate R --duration S [options]
        --scenario health|match-hash|match-image|mixed|freshness
        --rate R                 intended requests per second (constant arrival rate)
        --duration S             measured seconds (per step with --find-max)
        --warmup S               seconds sent first and discarded (default 2; 1 with --find-max)
        --connections C          HTTP/1.1 connections, no pipelining (default 16)
        --out FILE               write the JSON summary to FILE and histograms to FILE.hlog
        --find-max --p99-ms X    step the rate up to the highest one whose p99 <= X ms
        --max-rate R             find-max never tries more than R/s (default 1000000)
        --bank B                 bank to match and add to (default bench)
        --images DIR             JPEG/PNG files for match-image
        --seed N                 seed of every random choice (default 1)
        --planted-fraction F     share of match-hash queries near a bank entry (default 0.5)
        --max-flip-bits N        planted queries get 0..N bits flipped (default 8)
        --add-fraction F         share of adds in mixed (default 0.01)
        --max-outstanding N      in-flight limit; requests beyond are dropped and counted (10000)
        --timeout-ms N           connect and response timeout (default 30000)
        --event-loops N          generator event-loop threads (default cores/2, 1..4)
        --freshness-timeout-ms N give up a freshness probe after N ms (default 10000)

      usage: bin/hashmatch bench load --scenario decode-only|hash-only --images DIR
                                      --duration S [--warmup S] [--threads T]
        in-process, no HTTP: images/s this machine decodes (or decodes and hashes) with T
        threads (default: cores), the denominator of match-image throughput
      """;

  private LoadCommand() {}

  /** Entry point; exits 2 on usage errors and 1 on failures. */
  public static void main(String[] argv) {
    if (LocalImageRate.localMode(Arrays.asList(argv)) != null) {
      mainLocal(argv);
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(Arrays.asList(argv));
    } catch (UsageException e) {
      System.err.println("bench load: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    try {
      JsonObject summary = run(options, System.err);
      System.out.println(summary.encode());
      System.out.flush();
      System.exit(0);
    } catch (LoadSetupException e) {
      System.err.println("bench load: " + e.getMessage());
      System.exit(1);
    } catch (IOException e) {
      System.err.println("bench load: cannot write output: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("bench load: interrupted");
      System.exit(1);
    }
  }

  private static void mainLocal(String[] argv) {
    try {
      JsonObject out = LocalImageRate.run(Arrays.asList(argv), System.err);
      System.out.println(out.encode());
      System.exit(0);
    } catch (UsageException e) {
      System.err.println("bench load: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
    } catch (LoadSetupException e) {
      System.err.println("bench load: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("bench load: interrupted");
      System.exit(1);
    }
  }

  /**
   * Runs the load described by {@code o} and returns the JSON summary; prints the human-readable
   * report to {@code human}. Blocks; call from a non-Vert.x thread.
   *
   * @throws LoadSetupException if the service cannot be prepared for the scenario
   * @throws IOException if {@code --out} cannot be written
   */
  static JsonObject run(LoadOptions o, PrintStream human) throws IOException, InterruptedException {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(o.eventLoops()));
    @Nullable OutputStream hlogStream = null;
    try (HttpTarget http = new HttpTarget(vertx, o.target(), o.connections(), o.timeoutMillis())) {
      Workload workload = Workloads.create(o, http);
      long drainMillis =
          o.timeoutMillis() + 1_000
              + (o.scenario() == Scenario.FRESHNESS ? o.freshnessTimeoutMillis() : 0);
      LoadGenerator generator =
          LoadGenerator.create(vertx, http, workload, o.eventLoops(), o.maxOutstanding(), drainMillis);
      generator.prime(o.connections());
      HistogramLogWriter log = null;
      Path out = o.out();
      if (out != null) {
        Path hlog = out.resolveSibling(out.getFileName() + ".hlog");
        hlogStream = Files.newOutputStream(hlog);
        log = new HistogramLogWriter(new PrintStream(hlogStream, false, StandardCharsets.UTF_8));
        long now = System.currentTimeMillis();
        log.outputComment("hashmatch bench load, scenario " + o.scenario().cliName()
            + ", target " + o.target().display() + ", unit microseconds, warmup included");
        log.outputLogFormatVersion();
        log.outputStartTime(now);
        log.setBaseTime(now);
        log.outputBaseTime(now);
        log.outputLegend();
      }
      human.printf(
          Locale.ROOT,
          "bench load: scenario %s, target %s, %d connections, %d event loops, seed %d%n",
          o.scenario().cliName(), o.target().display(), o.connections(), o.eventLoops(), o.seed());
      JsonObject summary = config(o);
      if (o.findMax()) {
        HistogramLogWriter stepLog = log;
        FindMax.Outcome found =
            FindMax.search(
                rate -> {
                  RunResult r =
                      generator.run(
                          rate, o.warmupSeconds(), o.durationSeconds(), stepLog,
                          "-r" + Math.round(rate));
                  human.print("  step " + (FindMax.passes(r, o.p99Millis()) ? "PASS " : "FAIL ") + r.human());
                  return r;
                },
                o.rate(),
                1,
                o.maxRate(),
                o.p99Millis());
        JsonArray steps = new JsonArray();
        for (FindMax.StepOutcome s : found.steps()) {
          steps.add(
              new JsonObject()
                  .put("rate", s.rate())
                  .put("passed", s.passed())
                  .put("p99Ms", s.result().p99Millis())
                  .put("achievedRate", Histograms.round3(s.result().achievedRate()))
                  .put("errors", s.result().errors()));
        }
        summary.put(
            "findMax",
            new JsonObject()
                .put("p99GoalMs", o.p99Millis())
                .put("maxRate", found.maxRate())
                .put("steps", steps));
        FindMax.StepOutcome best = found.best();
        if (best != null) {
          best.result().toJson().forEach(e -> summary.put(e.getKey(), e.getValue()));
        }
        human.printf(
            Locale.ROOT,
            "find-max: highest rate with p99 <= %.3f ms: %.1f/s%n", o.p99Millis(), found.maxRate());
      } else {
        RunResult r = generator.run(o.rate(), o.warmupSeconds(), o.durationSeconds(), log, "");
        r.toJson().forEach(e -> summary.put(e.getKey(), e.getValue()));
        human.print(r.human());
      }
      summary.getJsonObject("machine").put("loadAverageAtEnd", loadAverage());
      if (out != null) {
        Files.writeString(out, summary.encodePrettily() + "\n", StandardCharsets.UTF_8);
      }
      return summary;
    } finally {
      if (hlogStream != null) {
        hlogStream.close();
      }
      BankApi.await(vertx.close(), "close Vert.x");
    }
  }

  private static JsonObject config(LoadOptions o) {
    return new JsonObject()
        .put("tool", "hashmatch bench load")
        .put("startedAt", Instant.now().toString())
        .put("scenario", o.scenario().cliName())
        .put("target", o.target().display())
        .put("bank", o.bank())
        .put("connections", o.connections())
        .put("eventLoops", o.eventLoops())
        .put("maxOutstanding", o.maxOutstanding())
        .put("seed", o.seed())
        .put(
            "machine",
            new JsonObject()
                .put("cpuModel", cpuModel())
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", Runtime.version().toString())
                .put("loadAverageAtStart", loadAverage()));
  }

  /** The first "model name" of /proc/cpuinfo, or "unknown" where there is none (not Linux). */
  static String cpuModel() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | java.io.UncheckedIOException e) {
      return "unknown";
    }
  }

  /** The 1-minute load average of /proc/loadavg: how busy the shared machine was. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f.length > 0 ? f[0] : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }
}

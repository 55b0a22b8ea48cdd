package org.hashmatch.bench.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code bench load} needs.
 *
 * @param target the service and key
 * @param scenario what to send
 * @param rate intended requests per second (the first step with {@code findMax})
 * @param durationSeconds measured seconds per run (per step with {@code findMax})
 * @param warmupSeconds seconds sent before each measured period and discarded
 * @param connections HTTP/1.1 connections (the client pool size)
 * @param out where to write the JSON summary; the histogram log goes beside it as {@code FILE.hlog}
 * @param findMax whether to search the highest rate whose p99 stays under {@code p99Millis}
 * @param p99Millis the p99 goal for {@code findMax}
 * @param bank the bank matched against and added to
 * @param images folder of JPEG/PNG files for {@code match-image}
 * @param seed seed of every random choice (and of the planted hashes, as {@code bench seed})
 * @param plantedFraction share of {@code match-hash} queries that are planted hashes
 * @param maxFlipBits planted queries get 0..maxFlipBits bits flipped
 * @param addFraction share of {@code mixed} requests that add an entry
 * @param maxOutstanding requests in flight beyond which new ones are dropped (and counted)
 * @param timeoutMillis connect and response timeout per request
 * @param eventLoops event-loop threads of the generator
 * @param freshnessTimeoutMillis how long a freshness probe matches before giving up
 * @param maxRate {@code findMax} never tries a higher rate
 */
public record LoadOptions(
    Target target,
    Scenario scenario,
    double rate,
    double durationSeconds,
    double warmupSeconds,
    int connections,
    @Nullable Path out,
    boolean findMax,
    double p99Millis,
    String bank,
    @Nullable Path images,
    long seed,
    double plantedFraction,
    int maxFlipBits,
    double addFraction,
    int maxOutstanding,
    long timeoutMillis,
    int eventLoops,
    long freshnessTimeoutMillis,
    double maxRate) {

  static final Set<String> VALUED =
      Set.of(
          "target", "key", "scenario", "rate", "duration", "connections", "warmup", "out",
          "p99-ms", "bank", "images", "seed", "planted-fraction", "max-flip-bits",
          "add-fraction", "max-outstanding", "timeout-ms", "event-loops", "freshness-timeout-ms",
          "max-rate");
  static final Set<String> FLAGS = Set.of("find-max");

  /** Validates cross-field constraints. */
  public LoadOptions {
    if (findMax && !(p99Millis > 0)) {
      throw new UsageException("--find-max needs --p99-ms X with X > 0");
    }
    if (scenario == Scenario.MATCH_IMAGE && images == null) {
      throw new UsageException("scenario match-image needs --images DIR");
    }
    if (!(rate > 0) || !(durationSeconds > 0) || warmupSeconds < 0) {
      throw new UsageException(
          "need rate > 0, duration > 0, warmup >= 0; got rate " + rate + ", duration "
              + durationSeconds + ", warmup " + warmupSeconds);
    }
  }

  /**
   * Parses the command line.
   *
   * @throws UsageException on any malformed or missing option
   */
  public static LoadOptions parse(List<String> argv) {
    Args a = Args.parse(argv, VALUED, FLAGS);
    Target target = Target.parse(a.require("target"), a.require("key"));
    Scenario scenario = Scenario.fromCli(a.require("scenario"));
    boolean findMax = a.flag("find-max");
    String imagesArg = a.get("images");
    String outArg = a.get("out");
    if (!findMax && (a.get("rate") == null || a.get("duration") == null)) {
      throw new UsageException("options --rate and --duration are required (or use --find-max)");
    }
    if (!findMax && a.get("p99-ms") != null) {
      throw new UsageException("--p99-ms only makes sense with --find-max");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return new LoadOptions(
        target,
        scenario,
        a.doubleValue("rate", findMax ? 100 : Double.NaN, 0, 10_000_000),
        a.doubleValue("duration", findMax ? 5 : Double.NaN, 0, 86_400),
        a.doubleValue("warmup", findMax ? 1 : 2, -1, 3_600),
        a.intValue("connections", 16, 1, 10_000),
        outArg == null ? null : Path.of(outArg),
        findMax,
        findMax ? a.doubleValue("p99-ms", Double.NaN, 0, 3_600_000) : Double.NaN,
        a.string("bank", "bench"),
        imagesArg == null ? null : Path.of(imagesArg),
        a.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
        a.doubleValue("planted-fraction", 0.5, -1, 1),
        a.intValue("max-flip-bits", 8, 0, 256),
        a.doubleValue("add-fraction", 0.01, -1, 1),
        a.intValue("max-outstanding", 10_000, 1, 1_000_000),
        a.longValue("timeout-ms", 30_000, 1, 3_600_000),
        a.intValue("event-loops", Math.max(1, Math.min(4, cores / 2)), 1, 64),
        a.longValue("freshness-timeout-ms", 10_000, 1, 3_600_000),
        a.doubleValue("max-rate", 1_000_000, 0, 10_000_000));
  }
}

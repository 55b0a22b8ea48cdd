package org.hashmatch.bench.load;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.hashmatch.hashing.DecodeLimits;
import org.hashmatch.hashing.HashingException;
import org.hashmatch.hashing.ImageHasher;
import org.hashmatch.hashing.image.ImageDecoder;
import org.jspecify.annotations.Nullable;

/**
 * The in-process denominators of the image ratios: how many of the same images per second this
 * machine decodes ({@code decode-only}) or decodes and hashes ({@code hash-only}) with {@code
 * threads} threads, without HTTP. Each thread works closed loop (the next image as soon as the
 * previous is done), which is right here: the question is capacity, not latency under a given
 * load. Uses the service's own decoder and hasher with the service's default limits.
 */
final class LocalImageRate {
  /** What each operation does. */
  enum Mode {
    DECODE("decode-only"),
    HASH("hash-only");

    final String cliName;

    Mode(String cliName) {
      this.cliName = cliName;
    }

    static @Nullable Mode fromCli(String name) {
      for (Mode m : values()) {
        if (m.cliName.equals(name)) {
          return m;
        }
      }
      return null;
    }
  }

  static final Set<String> VALUED = Set.of("scenario", "images", "duration", "warmup", "threads");

  private LocalImageRate() {}

  /** The scenario named on a command line, if it is a local one. */
  static @Nullable Mode localMode(List<String> argv) {
    int i = argv.indexOf("--scenario");
    return i >= 0 && i + 1 < argv.size() ? Mode.fromCli(argv.get(i + 1)) : null;
  }

  /**
   * Parses {@code --scenario decode-only|hash-only --images DIR --duration S [--warmup S]
   * [--threads T]} and measures.
   *
   * @throws UsageException on a bad command line
   * @throws LoadSetupException if the images cannot be loaded
   */
  static JsonObject run(List<String> argv, java.io.PrintStream human) throws InterruptedException {
    Args a = Args.parse(argv, VALUED, Set.of());
    Mode mode = Mode.fromCli(a.require("scenario"));
    if (mode == null) {
      throw new UsageException("not a local scenario: " + a.get("scenario"));
    }
    Path dir = Path.of(a.require("images"));
    double duration = a.doubleValue("duration", Double.NaN, 0, 86_400);
    if (Double.isNaN(duration)) {
      throw new UsageException("option --duration is required");
    }
    double warmup = a.doubleValue("warmup", 2, -1, 3_600);
    int threads = a.intValue("threads", Runtime.getRuntime().availableProcessors(), 1, 256);
    List<Workloads.ImageBody> images = Workloads.loadImages(dir);
    JsonObject out = measure(mode, images, threads, warmup, duration);
    JsonObject op = out.getJsonObject("opMs");
    human.printf(
        Locale.ROOT,
        "bench load %s: %d images, %d threads, %.1f s: %.1f images/s; per image ms %s; %d failed%n",
        mode.cliName, images.size(), threads, duration, out.getDouble("rate"), op.encode(),
        out.getLong("failures"));
    return out;
  }

  static JsonObject measure(
      Mode mode, List<Workloads.ImageBody> images, int threads, double warmupSeconds, double durationSeconds)
      throws InterruptedException {
    ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULT);
    ImageHasher hasher = new ImageHasher(DecodeLimits.DEFAULT);
    ConcurrentHistogram opTimes = Histograms.concurrent();
    LongAdder done = new LongAdder();
    LongAdder failures = new LongAdder();
    // Load the decoder classes and JIT the common paths once before the clock starts.
    for (Workloads.ImageBody img : images.subList(0, Math.min(images.size(), 20))) {
      try {
        hasher.hash(img.bytes(), false);
      } catch (HashingException e) {
        // Counted (if it fails again) during the measured period.
      }
    }
    long start = System.nanoTime();
    long measureStart = start + (long) (warmupSeconds * 1e9);
    long end = measureStart + (long) (durationSeconds * 1e9);
    CountDownLatch finished = new CountDownLatch(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      workers.add(
          Thread.ofPlatform()
              .name("local-" + mode.cliName + "-" + t)
              .start(
                  () -> {
                    try {
                      int i = first;
                      long now;
                      while ((now = System.nanoTime()) < end) {
                        byte[] bytes = images.get(i++ % images.size()).bytes();
                        boolean ok = true;
                        try {
                          if (mode == Mode.DECODE) {
                            decoder.decode(bytes);
                          } else {
                            hasher.hash(bytes, false);
                          }
                        } catch (HashingException e) {
                          ok = false;
                        }
                        long after = System.nanoTime();
                        // Throughput counts operations completed inside the measured period.
                        if (after >= measureStart && after <= end) {
                          if (ok) {
                            done.increment();
                            opTimes.recordValue(Histograms.micros(after - now));
                          } else {
                            failures.increment();
                          }
                        }
                      }
                    } finally {
                      finished.countDown();
                    }
                  }));
    }
    finished.await();
    return new JsonObject()
        .put("tool", "hashmatch bench load")
        .put("scenario", mode.cliName)
        .put("threads", threads)
        .put("images", images.size())
        .put("warmupSeconds", warmupSeconds)
        .put("durationSeconds", durationSeconds)
        .put("completed", done.sum())
        .put("failures", failures.sum())
        .put("rate", Histograms.round3(done.sum() / durationSeconds))
        .put("opMs", Histograms.toJson(opTimes))
        .put(
            "machine",
            new JsonObject()
                .put("cpuModel", LoadCommand.cpuModel())
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", Runtime.version().toString())
                .put("loadAverageAtEnd", LoadCommand.loadAverage()));
  }
}

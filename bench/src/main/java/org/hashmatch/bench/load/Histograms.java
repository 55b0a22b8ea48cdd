package org.hashmatch.bench.load;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Recorder;

/**
 * Histogram conventions of the load generator: values in microseconds, 3 significant digits, up to
 * one hour (longer values are clamped to one hour and still counted).
 */
final class Histograms {
  /** Largest trackable value, microseconds. */
  static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);
  /** Significant decimal digits kept. */
  static final int DIGITS = 3;

  private Histograms() {}

  static ConcurrentHistogram concurrent() {
    return new ConcurrentHistogram(1, MAX_MICROS, DIGITS);
  }

  static Recorder recorder() {
    return new Recorder(1, MAX_MICROS, DIGITS);
  }

  /** Nanoseconds to the recorded unit, clamped into the trackable range. */
  static long micros(long nanos) {
    long us = nanos / 1_000;
    return Math.max(1, Math.min(MAX_MICROS, us));
  }

  /** p50/p90/p99/p99.9/max/mean in milliseconds plus the count. */
  static JsonObject toJson(AbstractHistogram h) {
    JsonObject j = new JsonObject().put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return j;
    }
    return j.put("p50", ms(h.getValueAtPercentile(50)))
        .put("p90", ms(h.getValueAtPercentile(90)))
        .put("p99", ms(h.getValueAtPercentile(99)))
        .put("p999", ms(h.getValueAtPercentile(99.9)))
        .put("max", ms(h.getMaxValue()))
        .put("mean", round3(h.getMean() / 1000.0));
  }

  /** One human-readable line: {@code p50 1.234  p90 ...} in milliseconds. */
  static String line(AbstractHistogram h) {
    if (h.getTotalCount() == 0) {
      return "(no samples)";
    }
    return String.format(
        Locale.ROOT,
        "p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (n=%d)",
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0,
        h.getTotalCount());
  }

  static double ms(long micros) {
    return round3(micros / 1000.0);
  }

  static double round3(double x) {
    return Math.round(x * 1000.0) / 1000.0;
  }
}

package org.hashmatch.bench.load;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Searches the highest constant rate that meets a p99 goal: double the rate while steps pass, then
 * bisect between the last passing and the first failing rate until they are within
 * {@link #RESOLUTION} of each other (or {@link #MAX_STEPS} steps were run). A step passes when its
 * corrected p99 is at most the goal, at most {@link #MAX_ERROR_RATIO} of its requests failed
 * (dropped, timed out, wrong status), and the answers kept up: the achieved rate (answers over the
 * span to the last answer) is at least {@link #MIN_ACHIEVED_RATIO} of the intended rate. Falling
 * behind also shows in the corrected p99, but slowly: with a generous goal (seconds, for images) a
 * short step ends before the backlog has pushed p99 over it, so the throughput check is needed.
 *
 * <p>Latency is not perfectly monotonic in the rate on a noisy machine, and noise only ever adds
 * latency: a pause elsewhere on a shared machine can fail a step that the service would pass, never
 * the other way round. So a failing step is run once more before the rate counts as failing (the
 * first run of a fresh JVM is the usual victim). The search reports every step so a reader can see
 * non-monotonic results, and the answer is the highest rate that passed.
 */
final class FindMax {
  static final double RESOLUTION = 0.05;
  static final int MAX_STEPS = 20;
  static final double MAX_ERROR_RATIO = 0.001;
  static final double MIN_ACHIEVED_RATIO = 0.9;

  /** Runs one step at a rate. */
  @FunctionalInterface
  interface Step {
    RunResult run(double rate) throws InterruptedException;
  }

  /**
   * One search step.
   *
   * @param rate intended rate
   * @param result what the step measured
   * @param passed whether it met the goal
   */
  record StepOutcome(double rate, RunResult result, boolean passed) {}

  /**
   * The search's answer.
   *
   * @param maxRate highest passing rate, 0 if none passed
   * @param best the passing step at {@code maxRate}, or null
   * @param steps every step in order
   */
  record Outcome(double maxRate, @Nullable StepOutcome best, List<StepOutcome> steps) {}

  private FindMax() {}

  static boolean passes(RunResult r, double p99GoalMillis) {
    double p99 = r.p99Millis();
    return !Double.isNaN(p99)
        && p99 <= p99GoalMillis
        && r.errorRatio() <= MAX_ERROR_RATIO
        && r.achievedRate() >= MIN_ACHIEVED_RATIO * r.rate();
  }

  /**
   * Searches from {@code startRate}. If the start fails, the rate is halved until a step passes
   * (down to {@code minRate}).
   *
   * @param maxRate the search never goes above this rate
   */
  static Outcome search(Step step, double startRate, double minRate, double maxRate, double p99GoalMillis)
      throws InterruptedException {
    List<StepOutcome> steps = new ArrayList<>();
    StepOutcome best = null;
    double lo = 0; // highest passing
    double hi = Double.POSITIVE_INFINITY; // lowest failing
    double rate = Math.min(startRate, maxRate);
    while (steps.size() < MAX_STEPS) {
      RunResult r = step.run(rate);
      boolean ok = passes(r, p99GoalMillis);
      StepOutcome s = new StepOutcome(rate, r, ok);
      steps.add(s);
      if (!ok && steps.size() < MAX_STEPS) {
        RunResult again = step.run(rate);
        ok = passes(again, p99GoalMillis);
        s = new StepOutcome(rate, again, ok);
        steps.add(s);
      }
      if (ok) {
        if (rate > lo) {
          lo = rate;
          best = s;
        }
      } else {
        hi = Math.min(hi, rate);
      }
      double next;
      if (hi == Double.POSITIVE_INFINITY) {
        if (rate >= maxRate) {
          break;
        }
        next = Math.min(rate * 2, maxRate);
      } else if (lo == 0) {
        next = rate / 2;
        if (next < minRate) {
          break;
        }
      } else {
        if ((hi - lo) / lo <= RESOLUTION) {
          break;
        }
        next = (lo + hi) / 2;
      }
      rate = next;
    }
    return new Outcome(lo, best, steps);
  }
}

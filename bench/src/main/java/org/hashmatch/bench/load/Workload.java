package org.hashmatch.bench.load;

import io.vertx.core.json.JsonObject;

/**
 * What a scenario sends and how it reads the answers.
 *
 * <p>Threading: {@link #next} is called only by the generator's single scheduler thread (so it may
 * use an unsynchronized random generator); {@link #onExchange} is called on event-loop threads and
 * must be thread-safe; {@link #beginRun}, {@link #pending} and {@link #report} are called by the
 * thread running the load between and after runs.
 */
interface Workload {

  /** The request for arrival number {@code index}. */
  RequestSpec next(long index);

  /**
   * A response for a request from {@link #next} arrived.
   *
   * @param measured whether the request's intended send time was in the measured period
   */
  default void onExchange(RequestSpec spec, Exchange exchange, boolean measured) {}

  /** Clears per-run statistics before a run (find-max runs several). */
  default void beginRun() {}

  /** Follow-up operations still running (freshness probes); the run waits for them. */
  default int pending() {
    return 0;
  }

  /** Adds scenario-specific statistics of the last run to the summary. */
  default void report(JsonObject summary) {}
}

package org.hashmatch.bench.load;

import io.vertx.core.buffer.Buffer;

/**
 * A completed HTTP exchange.
 *
 * @param status the response status
 * @param body the full response body
 * @param sentNanos {@link System#nanoTime()} when a connection was obtained and the request was
 *     written: the start of the uncorrected "service time"
 * @param doneNanos {@link System#nanoTime()} when the last byte of the response arrived
 */
record Exchange(int status, Buffer body, long sentNanos, long doneNanos) {}

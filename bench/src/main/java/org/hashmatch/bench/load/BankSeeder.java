package org.hashmatch.bench.load;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Fills a bank with the synthetic hashes {@link SyntheticHashes#hash}{@code (seed, i)} for {@code i}
 * in {@code [offset, offset + size)}, through {@code POST /v1/banks/{bank}/entries/batch}, with a few
 * batches in flight. Each entry's reference is {@code seed-<seed>-<i>}, so a run is reproducible and
 * its entries recognisable.
 *
 * <p>Batches are built on the calling thread (JSON encoding is the costly part) and sent
 * asynchronously; a {@code 503} is retried after its {@code Retry-After} (bounded), any other
 * unexpected answer stops the seeding with a {@link LoadSetupException}.
 */
final class BankSeeder {
  /** The service's limit per batch call. */
  static final int MAX_BATCH = 10_000;
  private static final int MAX_RETRIES = 8;

  /**
   * What a seeding did.
   *
   * @param created whether the bank was created
   * @param count entries added
   * @param seconds wall-clock seconds from the first batch to the last answer
   */
  record Outcome(boolean created, long count, double seconds) {}

  private final Vertx vertx;
  private final HttpTarget http;

  BankSeeder(Vertx vertx, HttpTarget http) {
    this.vertx = vertx;
    this.http = http;
  }

  /**
   * Seeds the bank. Blocks; call from a non-Vert.x thread.
   *
   * @throws LoadSetupException if the service rejects a call
   * @throws InterruptedException if interrupted while waiting
   */
  Outcome seed(String bank, long size, long offset, long seed, int batchSize, int concurrency)
      throws InterruptedException {
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new IllegalArgumentException("batch must be in [1, " + MAX_BATCH + "], got " + batchSize);
    }
    boolean created = BankApi.ensureBank(http, bank);
    Semaphore permits = new Semaphore(concurrency);
    AtomicReference<@Nullable LoadSetupException> failure = new AtomicReference<>();
    AtomicLong added = new AtomicLong();
    String path = Workloads.bankPath(bank) + "/entries/batch";
    long started = System.nanoTime();
    for (long from = offset; from < offset + size && failure.get() == null; from += batchSize) {
      int n = (int) Math.min(batchSize, offset + size - from);
      JsonArray entries = new JsonArray();
      for (long i = from; i < from + n; i++) {
        entries.add(
            new JsonObject()
                .put("pdq", SyntheticHashes.hash(seed, i).toHex())
                .put("quality", 100)
                .put("reference", "seed-" + seed + "-" + i));
      }
      JsonObject body = new JsonObject().put("entries", entries);
      permits.acquire();
      long first = from;
      send(path, body, 0)
          .future()
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  added.addAndGet(n);
                } else {
                  failure.compareAndSet(
                      null,
                      ar.cause() instanceof LoadSetupException l
                          ? l
                          : new LoadSetupException(
                              "batch from " + first + ": " + ar.cause(), ar.cause()));
                }
                permits.release();
              });
    }
    permits.acquire(concurrency);
    LoadSetupException f = failure.get();
    if (f != null) {
      throw f;
    }
    return new Outcome(created, added.get(), (System.nanoTime() - started) / 1e9);
  }

  private Promise<Void> send(String path, JsonObject body, int attempt) {
    Promise<Void> done = Promise.promise();
    sendInto(done, path, body, attempt);
    return done;
  }

  private void sendInto(Promise<Void> done, String path, JsonObject body, int attempt) {
    http.sendJson(HttpMethod.POST, path, body, 201)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                done.fail(new LoadSetupException("POST " + path + ": " + ar.cause(), ar.cause()));
                return;
              }
              Exchange e = ar.result();
              if (e.status() == 201 || e.status() == 200) {
                done.complete();
              } else if (e.status() == 503 && attempt < MAX_RETRIES) {
                vertx.setTimer(retryDelayMillis(attempt), t -> sendInto(done, path, body, attempt + 1));
              } else {
                done.fail(BankApi.unexpected("POST " + path, 201, e));
              }
            });
  }

  private static long retryDelayMillis(int attempt) {
    return Math.min(5_000, 100L << attempt);
  }
}

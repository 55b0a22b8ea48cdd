package org.hashmatch.service.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.hashmatch.hashing.HashResult;
import org.hashmatch.hashing.ImageHasher;
import org.hashmatch.index.HashIndex;
import org.hashmatch.service.ServiceConfig;
import org.hashmatch.service.audit.Actor;
import org.hashmatch.service.audit.AuditEvent;
import org.hashmatch.service.audit.AuditLog;
import org.hashmatch.service.auth.ApiKey;
import org.hashmatch.service.auth.KeyStore;
import org.hashmatch.service.match.MatchEngine;
import org.hashmatch.service.metrics.ServiceMetrics;
import org.jspecify.annotations.Nullable;

/**
 * Everything handlers use, and the two pools work runs on.
 *
 * <pre>
 *  event loop            "hashing" pool (hashWorkers)     "index" pool
 *  ----------            ----------------------------     ------------
 *  auth, admission  -->  decode + hash (unordered)   -->  search / add / remove / commit
 *  parse JSON, map  <----------------------------------   + audit append (fsync)
 *  write response
 * </pre>
 *
 * The event loop never decodes, hashes, touches the index or does file I/O.
 */
public final class ApiContext {

  final ServiceConfig config;
  final Vertx vertx;
  final HashIndex index;
  final ImageHasher hasher;
  final KeyStore keys;
  final AuditLog audit;
  final ServiceMetrics metrics;
  final MatchEngine engine;
  final WorkerExecutor hashing;
  final WorkerExecutor indexPool;
  final WorkerExecutor searchPool;

  /**
   * @param hashing the "hashing" pool (decode + hash)
   * @param indexPool the "index" pool (changes, listings, audit appends, key changes)
   * @param searchPool the "search" pool (match queries only: CPU-bound, never waits on a commit)
   */
  public ApiContext(
      ServiceConfig config,
      Vertx vertx,
      HashIndex index,
      ImageHasher hasher,
      KeyStore keys,
      AuditLog audit,
      ServiceMetrics metrics,
      WorkerExecutor hashing,
      WorkerExecutor indexPool,
      WorkerExecutor searchPool) {
    this.config = config;
    this.vertx = vertx;
    this.index = index;
    this.hasher = hasher;
    this.keys = keys;
    this.audit = audit;
    this.metrics = metrics;
    this.engine = new MatchEngine(index, metrics::searchTime);
    this.hashing = hashing;
    this.indexPool = indexPool;
    this.searchPool = searchPool;
  }

  private volatile @Nullable String openApi;

  /**
   * Does the start-up work that would otherwise block the event loop on the first request:
   * loading the OpenAPI document and initializing JSON and problem classes. Call on a worker.
   */
  public void warmUp() {
    openApi = OpsHandlers.loadOpenApi();
    ProblemType.values();
    new io.vertx.core.json.JsonObject().put("warm", true).encode();
    new io.vertx.core.json.JsonObject("{\"warm\":[1]}");
  }

  /** The OpenAPI document (loaded by {@link #warmUp()}, or now). */
  String openApi() {
    String s = openApi;
    if (s == null) {
      s = OpsHandlers.loadOpenApi();
      openApi = s;
    }
    return s;
  }

  /** Runs blocking index (or audit, or key file) work on the "index" pool, unordered. */
  <T> Future<T> onIndex(Callable<T> task) {
    return indexPool.executeBlocking(task, false);
  }

  /**
   * Runs a match query on the "search" pool, unordered. Searches have a pool of their own because
   * a change holds its "index" thread until its group commit is durable (tens of milliseconds, more
   * while a merged segment's tables are built): sharing one pool let a trickle of adds starve the
   * matches queued behind them.
   */
  <T> Future<T> onSearch(Callable<T> task) {
    return searchPool.executeBlocking(task, false);
  }

  /**
   * Decodes and hashes the request body on the "hashing" pool. The request's admission permit is
   * held until the task has finished, even if the request times out first.
   */
  Future<HashResult> hash(RoutingContext ctx, boolean dihedral) {
    return hashWith(ctx, bytes -> hasher.hash(bytes, dihedral));
  }

  /**
   * Runs {@code hashing} over the request body on the "hashing" pool, as {@link #hash}. The array
   * handed to it is a fresh copy of the body, dropped with the task (never stored).
   */
  <T> Future<T> hashWith(RoutingContext ctx, Function<byte[], T> hashing) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return Future.failedFuture(new ApiProblem(ProblemType.INVALID_REQUEST, "the body is empty, expected an image"));
    }
    ImageAdmission.Permit permit = ctx.get(ImageAdmission.PERMIT_KEY);
    if (permit != null) {
      permit.retain();
    }
    long submitted = System.nanoTime();
    return this.hashing
        .executeBlocking(() -> {
          long start = System.nanoTime();
          metrics.queueWait(start - submitted);
          try {
            // The copy is the hasher's input; it is dropped with this task (never stored).
            return hashing.apply(body.getBytes());
          } finally {
            metrics.hashTime(System.nanoTime() - start);
          }
        }, false)
        .andThen(ar -> {
          if (permit != null) {
            permit.release();
          }
        });
  }

  /** The authenticated key of this request (auth ran first on every protected route). */
  static ApiKey key(RoutingContext ctx) {
    ApiKey k = ctx.get(AuthHandler.KEY);
    if (k == null) {
      throw new IllegalStateException("no authenticated key on a protected route");
    }
    return k;
  }

  static Actor actor(RoutingContext ctx) {
    ApiKey k = key(ctx);
    return new Actor(k.id(), k.name(), k.role().jsonName());
  }

  /** Appends an audit record; call on the index pool, right after the change is durable. */
  void audit(
      Actor actor, String action, @Nullable String bank, List<String> entryIds,
      @Nullable String keyId, @Nullable String reason, Map<String, Object> details) {
    audit.append(new AuditEvent(actor, action, bank, entryIds, keyId, reason, details));
  }
}

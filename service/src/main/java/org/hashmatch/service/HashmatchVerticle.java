package org.hashmatch.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hashmatch.hashing.DecodeLimits;
import org.hashmatch.hashing.ImageHasher;
import org.hashmatch.index.HashIndex;
import org.hashmatch.service.audit.AuditLog;
import org.hashmatch.service.auth.KeyStore;
import org.hashmatch.service.http.ApiContext;
import org.hashmatch.service.http.ApiRouter;
import org.hashmatch.service.metrics.ServiceMetrics;
import org.jspecify.annotations.Nullable;

/**
 * The service as one verticle. {@link #start()} is one composed future: open the data directory
 * (index, keys, audit log; on a worker) → build the router → listen. {@link #stop()} undoes it in
 * reverse and closes the index last.
 */
final class HashmatchVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(HashmatchVerticle.class.getName());
  private static final long KEY_RELOAD_MILLIS = 1000;

  private final ServiceConfig config;
  private final Function<Path, HashIndex> indexOpener;
  private @Nullable HashIndex index;
  private @Nullable KeyStore keys;
  private @Nullable AuditLog audit;
  private @Nullable WorkerExecutor hashing;
  private @Nullable WorkerExecutor indexPool;
  private @Nullable WorkerExecutor searchPool;
  private @Nullable HttpServer server;
  private @Nullable Router router;
  private long reloadTimer = -1;

  HashmatchVerticle(ServiceConfig config, Function<Path, HashIndex> indexOpener) {
    this.config = config;
    this.indexOpener = indexOpener;
  }

  @Override
  public Future<?> start() {
    int cores = Runtime.getRuntime().availableProcessors();
    hashing = vertx.createSharedWorkerExecutor("hashing", config.hashWorkers(), 60, TimeUnit.SECONDS);
    // Changes mostly wait on a group commit, so more of them in flight share each fsync; searches
    // are CPU-bound and get one thread per core of their own.
    indexPool = vertx.createSharedWorkerExecutor("index", Math.max(4, 2 * cores), 60, TimeUnit.SECONDS);
    searchPool = vertx.createSharedWorkerExecutor("search", cores, 60, TimeUnit.SECONDS);
    return indexPool
        .executeBlocking(this::openStores, false)
        .compose(api -> {
          HttpServerOptions options = new HttpServerOptions()
              .setHost(config.host())
              .setPort(config.port())
              .setCompressionSupported(false)
              // Closes connections a client leaves idle (or stalled) for long.
              .setIdleTimeout(120)
              .setIdleTimeoutUnit(TimeUnit.SECONDS);
          Router r = ApiRouter.create(api);
          router = r;
          return vertx.createHttpServer(options).requestHandler(r).listen();
        })
        .onSuccess(s -> {
          server = s;
          reloadTimer = vertx.setPeriodic(KEY_RELOAD_MILLIS, id -> reloadKeys());
        })
        // A failed start is not followed by stop(): release what was opened, keep the cause.
        .recover(e -> stop().transform(ar -> {
          if (ar.failed()) {
            e.addSuppressed(ar.cause());
          }
          return Future.<HttpServer>failedFuture(e);
        }));
  }

  /**
   * Opens everything that does I/O or heavy class initialization (index, keys, audit log, the
   * hasher's kernels, the metrics registry): on a worker, never on the event loop.
   */
  private ApiContext openStores() throws Exception {
    Files.createDirectories(config.dataDir());
    keys = KeyStore.open(config.dataDir());
    audit = AuditLog.open(config.dataDir());
    index = indexOpener.apply(config.dataDir().resolve("index"));
    ServiceMetrics metrics = new ServiceMetrics();
    ImageHasher hasher =
        new ImageHasher(new DecodeLimits(config.maxPixels(), config.bodyLimitBytes()));
    ApiContext api = new ApiContext(
        config, vertx, index, hasher, keys, audit, metrics, hashing, indexPool, searchPool);
    // Routers are cheap, but building ours loads the OpenAPI resource and many classes.
    api.warmUp();
    return api;
  }

  /** Picks up keys created or revoked by the {@code keys} command while the service runs. */
  private void reloadKeys() {
    KeyStore k = keys;
    WorkerExecutor pool = indexPool;
    if (k == null || pool == null) {
      return;
    }
    pool.executeBlocking(() -> {
      k.reloadIfChanged();
      return null;
    }, false).onFailure(e -> LOG.log(Level.WARNING,
        "key file changed but cannot be read; the previous keys stay in force", e));
  }

  /** The bound port, once started. */
  int port() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("not started");
    }
    return s.actualPort();
  }

  /** The router, once started (tests read its routes). */
  Router router() {
    Router r = router;
    if (r == null) {
      throw new IllegalStateException("not started");
    }
    return r;
  }

  KeyStore keys() {
    KeyStore k = keys;
    if (k == null) {
      throw new IllegalStateException("not started");
    }
    return k;
  }

  AuditLog audit() {
    AuditLog a = audit;
    if (a == null) {
      throw new IllegalStateException("not started");
    }
    return a;
  }

  @Override
  public Future<?> stop() {
    if (reloadTimer >= 0) {
      vertx.cancelTimer(reloadTimer);
    }
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed
        .compose(v -> vertx.executeBlocking(() -> {
          closeStores();
          return null;
        }, false))
        .eventually(() -> {
          Future<Void> h = hashing == null ? Future.succeededFuture() : hashing.close();
          Future<Void> i = indexPool == null ? Future.succeededFuture() : indexPool.close();
          Future<Void> s = searchPool == null ? Future.succeededFuture() : searchPool.close();
          return Future.join(h, i, s);
        });
  }

  private void closeStores() throws Exception {
    Exception first = null;
    try {
      if (audit != null) {
        audit.close();
      }
    } catch (RuntimeException e) {
      first = e;
    }
    try {
      if (index != null) {
        index.close();
      }
    } catch (Exception e) {
      if (first != null) {
        first.addSuppressed(e);
      } else {
        first = e;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

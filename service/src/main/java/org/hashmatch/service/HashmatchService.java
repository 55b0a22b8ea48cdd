package org.hashmatch.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.hashmatch.index.HashIndex;
import org.hashmatch.index.IndexOptions;
import org.hashmatch.service.audit.Actor;
import org.hashmatch.service.audit.AuditEvent;
import org.hashmatch.service.auth.CreatedKey;
import org.hashmatch.service.auth.Role;

/**
 * A running service: index opened, routes listening. Start in tests with port 0.
 *
 * <p>Thread-safety: {@link #port()} and {@link #createKey} may be called from any thread; {@link
 * #createKey} blocks on file I/O, so never call it on an event loop.
 */
public final class HashmatchService {

  private final Vertx vertx;
  private final HashmatchVerticle verticle;
  private final String deploymentId;
  private volatile boolean closed;

  private HashmatchService(Vertx vertx, HashmatchVerticle verticle, String deploymentId) {
    this.vertx = vertx;
    this.verticle = verticle;
    this.deploymentId = deploymentId;
  }

  /** Opens the data directory and starts listening; completes once the port is bound. */
  public static Future<HashmatchService> start(Vertx vertx, ServiceConfig config) {
    return start(vertx, config, dir -> HashIndex.open(dir, IndexOptions.DEFAULT));
  }

  /** As {@link #start(Vertx, ServiceConfig)} with another index implementation (tests). */
  static Future<HashmatchService> start(
      Vertx vertx, ServiceConfig config, Function<Path, HashIndex> indexOpener) {
    HashmatchVerticle v = new HashmatchVerticle(config, indexOpener);
    return vertx.deployVerticle(v).map(id -> new HashmatchService(vertx, v, id));
  }

  /** The bound port. */
  public int port() {
    return verticle.port();
  }

  /** The router (package-private: tests derive the route list from it). */
  io.vertx.ext.web.Router router() {
    return verticle.router();
  }

  /**
   * Creates an API key with a role ({@code matcher}, {@code curator}, {@code admin}) and returns its
   * secret, which is shown only this once. The creation is audited (actor {@code local}). Blocks.
   *
   * @throws IllegalArgumentException for an unknown role or an invalid name
   */
  public String createKey(String role, String name) {
    Role r = Role.fromJsonName(Objects.requireNonNull(role, "role"));
    CreatedKey k = verticle.keys().create(r, name);
    verticle.audit().append(new AuditEvent(
        new Actor("local", "HashmatchService.createKey", Role.ADMIN.jsonName()), "key.create",
        null, List.of(), k.key().id(), null,
        Map.of("role", r.jsonName(), "name", k.key().name())));
    return k.secret();
  }

  /** Stops listening and closes the index. Idempotent. */
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    return vertx.undeploy(deploymentId);
  }
}

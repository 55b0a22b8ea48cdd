package org.hashmatch.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** A running service: index opened, routes listening. Start in tests with port 0. */
public final class HashmatchService {

  private HashmatchService() {}

  /** Opens the data directory and starts listening; completes once the port is bound. */
  public static Future<HashmatchService> start(Vertx vertx, ServiceConfig config) {
    return Future.failedFuture(
        new UnsupportedOperationException("HashmatchService: not implemented yet (issue 4)"));
  }

  /** The bound port. */
  public int port() {
    throw new UnsupportedOperationException("not implemented yet (issue 4)");
  }

  /**
   * Creates an API key with a role ({@code matcher}, {@code curator}, {@code admin}) and returns its
   * secret, which is shown only this once.
   */
  public String createKey(String role, String name) {
    throw new UnsupportedOperationException("not implemented yet (issue 4)");
  }

  /** Stops listening and closes the index. */
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}

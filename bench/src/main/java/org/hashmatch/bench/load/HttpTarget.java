package org.hashmatch.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * The service as seen by the load generator: one Vert.x HTTP/1.1 client with a fixed pool of
 * connections, keep-alive on, pipelining off (each connection carries one request at a time, as
 * most production callers do). Requests beyond the pool wait in the client's queue, and that wait
 * is part of the corrected latency.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread, usually an event loop.
 */
final class HttpTarget implements AutoCloseable {
  private final Target target;
  private final HttpClientAgent client;
  private final long timeoutMillis;
  private final String authorization;

  /**
   * Creates the client.
   *
   * @param connections pool size (HTTP/1.1 connections)
   * @param timeoutMillis connect timeout and response idle timeout per request
   */
  HttpTarget(Vertx vertx, Target target, int connections, long timeoutMillis) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be >= 1, got " + connections);
    }
    this.target = target;
    this.timeoutMillis = timeoutMillis;
    this.authorization = "Bearer " + target.key();
    HttpClientOptions options =
        new HttpClientOptions()
            .setDefaultHost(target.host())
            .setDefaultPort(target.port())
            .setSsl(target.ssl())
            .setTrustAll(false)
            .setKeepAlive(true)
            .setPipelining(false)
            .setTcpNoDelay(true)
            .setMaxInitialLineLength(8192);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1);
    this.client = vertx.createHttpClient(options, pool);
  }

  Target target() {
    return target;
  }

  /**
   * Sends a request and reads the whole response. The future fails on connection errors and
   * timeouts; any HTTP status succeeds.
   */
  Future<Exchange> send(RequestSpec spec) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(spec.method())
            .setURI(target.uri(spec.path()))
            .setConnectTimeout(timeoutMillis)
            .setIdleTimeout(timeoutMillis)
            .putHeader(HttpHeaders.AUTHORIZATION, authorization);
    byte[] body = spec.body();
    String contentType = spec.contentType();
    if (contentType != null) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    }
    return client
        .request(options)
        .compose(
            request -> {
              long sent = System.nanoTime();
              Future<io.vertx.core.http.HttpClientResponse> response =
                  body == null ? request.send() : request.send(Buffer.buffer(body));
              return response.compose(
                  r ->
                      r.body()
                          .map(b -> new Exchange(r.statusCode(), b, sent, System.nanoTime())));
            });
  }

  /** Sends a JSON body ({@code null} for none) and returns the exchange. */
  Future<Exchange> sendJson(HttpMethod method, String path, JsonObject json, int expectedStatus) {
    byte[] bytes = json.toBuffer().getBytes();
    return send(new RequestSpec("setup", method, path, "application/json", bytes, expectedStatus, null));
  }

  /** Closes the connections. */
  @Override
  public void close() {
    client.close().toCompletionStage().toCompletableFuture().join();
  }
}

package org.hashmatch.service.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.lang.System.Logger.Level;
import java.util.HexFormat;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.hashmatch.hashing.CorruptImageException;
import org.hashmatch.hashing.HashingException;
import org.hashmatch.hashing.ImageTooLargeException;
import org.hashmatch.hashing.UnsupportedImageException;
import org.hashmatch.index.BankExistsException;
import org.hashmatch.index.BankNotFoundException;
import org.hashmatch.index.CorruptBankException;
import org.hashmatch.index.EntryNotFoundException;
import org.hashmatch.index.FormatVersionException;
import org.hashmatch.index.IndexException;
import org.hashmatch.index.IndexUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response: {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}. The sealed exception trees of
 * the hashing and index modules are switched over exhaustively, so a new exception type fails the
 * build here until it is given an HTTP meaning. Internal errors answer 500 with an opaque {@code
 * errorId} only; the cause is logged under that id.
 */
public final class ProblemMapper {

  private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());
  /** Seconds a client should wait after a 503 for overload or timeout. */
  static final int RETRY_AFTER_OVERLOAD_SECONDS = 1;
  /** Longest a refused request's unread body is drained before its connection is closed. */
  private static final long LINGER_MILLIS = 2_000;
  /** Most bytes of a refused request's body drained (and discarded) before closing. */
  private static final long LINGER_MAX_BYTES = 32L * 1024 * 1024;
  /** Seconds a client should wait after a 503 because the index is unavailable. */
  static final int RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

  /** A mapped problem; {@code detail} is null for internal errors. */
  record Problem(ProblemType type, @Nullable String detail, @Nullable Throwable internalCause) {}

  /** Maps a failure to its problem. */
  static Problem map(Throwable t) {
    return switch (t) {
      case ApiProblem p -> new Problem(p.type(), p.getMessage(), null);
      case HashingException h -> mapHashing(h);
      case IndexException i -> mapIndex(i);
      case DecodeException d -> new Problem(ProblemType.MALFORMED_JSON, "body is not valid JSON", null);
      case IllegalArgumentException e -> new Problem(ProblemType.INVALID_REQUEST, e.getMessage(), null);
      case TimeoutException e -> new Problem(ProblemType.TIMEOUT, "the request took too long", null);
      case RejectedExecutionException e ->
          new Problem(ProblemType.OVERLOADED, "no capacity to take the request now", null);
      case HttpException e -> fromStatus(e.getStatusCode());
      default -> new Problem(ProblemType.INTERNAL, null, t);
    };
  }

  private static Problem mapHashing(HashingException h) {
    return switch (h) {
      case UnsupportedImageException e -> new Problem(ProblemType.UNSUPPORTED_IMAGE, e.getMessage(), null);
      case ImageTooLargeException e -> new Problem(ProblemType.IMAGE_TOO_LARGE, e.getMessage(), null);
      case CorruptImageException e -> new Problem(ProblemType.CORRUPT_IMAGE, e.getMessage(), null);
    };
  }

  private static Problem mapIndex(IndexException i) {
    return switch (i) {
      case BankNotFoundException e -> new Problem(ProblemType.BANK_NOT_FOUND, e.getMessage(), null);
      case BankExistsException e -> new Problem(ProblemType.BANK_EXISTS, e.getMessage(), null);
      case EntryNotFoundException e -> new Problem(ProblemType.ENTRY_NOT_FOUND, e.getMessage(), null);
      case IndexUnavailableException e ->
          new Problem(ProblemType.INDEX_UNAVAILABLE, "the index cannot serve now", e);
      // Stored data failing its checks is an operator matter: opaque to the caller, logged here.
      case CorruptBankException e -> new Problem(ProblemType.INTERNAL, null, e);
      case FormatVersionException e -> new Problem(ProblemType.INTERNAL, null, e);
    };
  }

  /** Maps a bare status set by a Vert.x handler (body limit, no route, wrong method). */
  static Problem fromStatus(int status) {
    return switch (status) {
      case 400 -> new Problem(ProblemType.INVALID_REQUEST, "the request is malformed", null);
      case 404 -> new Problem(ProblemType.NOT_FOUND, "no route for this path", null);
      case 405 -> new Problem(ProblemType.METHOD_NOT_ALLOWED, "this path does not take this method", null);
      case 413 -> new Problem(ProblemType.BODY_TOO_LARGE, "the request body exceeds the body limit", null);
      case 415 -> new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "unsupported content type", null);
      case 503 -> new Problem(ProblemType.OVERLOADED, "no capacity to take the request now", null);
      default -> new Problem(ProblemType.INTERNAL, null, new IllegalStateException("status " + status));
    };
  }

  /** The failure handler: writes the problem for {@code ctx.failure()} or {@code ctx.statusCode()}. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    Problem p = failure != null ? map(failure) : fromStatus(ctx.statusCode());
    write(ctx, p);
  }

  /** Writes the problem for a failure unless a response was already sent. */
  public static void write(RoutingContext ctx, Throwable failure) {
    write(ctx, map(failure));
  }

  static void write(RoutingContext ctx, Problem p) {
    HttpServerResponse res = ctx.response();
    if (res.ended() || res.headWritten()) {
      return;
    }
    ProblemType type = p.type();
    JsonObject body = new JsonObject()
        .put("type", type.uri())
        .put("title", type.title())
        .put("status", type.status());
    if (type == ProblemType.INTERNAL) {
      String errorId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      body.put("errorId", errorId);
      LOG.log(Level.ERROR, "internal error " + errorId + " on " + ctx.request().method() + " "
          + ctx.get(ApiRouter.ROUTE_KEY, "unmatched"), p.internalCause());
    } else {
      if (p.detail() != null) {
        body.put("detail", p.detail());
      }
      if (p.internalCause() != null) {
        LOG.log(Level.WARNING, type.slug() + " on " + ctx.get(ApiRouter.ROUTE_KEY, "unmatched"),
            p.internalCause());
      }
    }
    body.put("instance", ctx.request().path());
    res.setStatusCode(type.status())
        .setStatusMessage(HttpResponseStatus.valueOf(type.status()).reasonPhrase())
        .putHeader("Content-Type", "application/problem+json");
    switch (type) {
      case UNAUTHORIZED -> res.putHeader("WWW-Authenticate", "Bearer realm=\"hashmatch\"");
      case OVERLOADED, TIMEOUT ->
          res.putHeader("Retry-After", Integer.toString(RETRY_AFTER_OVERLOAD_SECONDS));
      case INDEX_UNAVAILABLE ->
          res.putHeader("Retry-After", Integer.toString(RETRY_AFTER_UNAVAILABLE_SECONDS));
      default -> { }
    }
    if (!ctx.request().isEnded()) {
      // Refused before its body was read (auth, admission, content type, size, a stalled upload):
      // never buffer the rest. Answer, then close the connection, which also tells an HTTP/1.1
      // client that is still sending that the exchange is over.
      res.putHeader("Connection", "close");
      res.end(body.encode()).onComplete(ar -> lingerThenClose(ctx.vertx(), ctx.request()));
      return;
    }
    res.end(body.encode());
  }

  /**
   * Lingering close. Closing a socket while the client's data is still unread makes the kernel
   * reset the connection, and a client still sending its body may then lose the answer we just
   * wrote (seen as "connection closed" instead of a 413). So the rest of the body is read and
   * discarded, never kept, for at most {@link #LINGER_MILLIS} and {@link #LINGER_MAX_BYTES}; then,
   * or when the body ends, the connection is closed.
   */
  private static void lingerThenClose(Vertx vertx, HttpServerRequest req) {
    HttpConnection conn = req.connection();
    long timer = vertx.setTimer(LINGER_MILLIS, t -> conn.close());
    Runnable close = () -> {
      vertx.cancelTimer(timer);
      conn.close();
    };
    long[] drained = {0};
    try {
      req.exceptionHandler(e -> close.run());
      req.endHandler(v -> close.run());
      req.handler(b -> {
        drained[0] += b.length();
        if (drained[0] > LINGER_MAX_BYTES) {
          close.run();
        }
      });
      req.resume();
    } catch (IllegalStateException alreadyRead) {
      // The body was consumed or the request ended meanwhile: nothing left to drain.
      close.run();
    }
  }
}

package org.hashmatch.service.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hashmatch.service.auth.ApiKey;
import org.hashmatch.service.auth.Role;
import org.jspecify.annotations.Nullable;

/**
 * Builds the router. Every route carries two metadata entries that tests and the OpenAPI check
 * read back from the router itself: {@link #TEMPLATE_META} (the path in OpenAPI form, e.g. {@code
 * /v1/banks/{bank}}) and {@link #ROLE_META} (the least role, absent on open routes).
 *
 * <p>Handler chain of a protected route: request start (id, timer, timeout, access log) → template
 * → auth → [image admission] → [body, limited, never to disk] → handler → reply or problem.
 */
public final class ApiRouter {

  /** Route metadata: the OpenAPI path template. */
  public static final String TEMPLATE_META = "hashmatch.template";
  /** Route metadata: the least role ({@link Role#jsonName()}); absent on open routes. */
  public static final String ROLE_META = "hashmatch.role";

  static final String ROUTE_KEY = "hashmatch.route";
  static final String START_KEY = "hashmatch.start";
  static final String REQUEST_ID_KEY = "hashmatch.requestId";
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ApiContext api;
  private final Router router;
  private final BodyHandler body;
  private final ImageAdmission admission;

  private ApiRouter(ApiContext api) {
    this.api = api;
    this.router = Router.router(api.vertx);
    // No file uploads, ever: multipart bodies are refused by content type before this runs, and
    // with handleFileUploads=false nothing is written to a file-uploads directory.
    this.body = BodyHandler.create(false)
        .setBodyLimit(api.config.bodyLimitBytes())
        .setDeleteUploadedFilesOnEnd(true);
    this.admission = new ImageAdmission(api.config.maxQueuedImages(), api.metrics);
  }

  /** The router of the whole API. */
  public static Router create(ApiContext api) {
    return new ApiRouter(api).build();
  }

  private Router build() {
    router.route().handler(this::start);

    OpsHandlers ops = new OpsHandlers(api);
    MatchHandlers match = new MatchHandlers(api);
    BankHandlers banks = new BankHandlers(api);
    EntryHandlers entries = new EntryHandlers(api);
    TransferHandlers transfer = new TransferHandlers(api);
    AdminHandlers admin = new AdminHandlers(api);

    route(HttpMethod.GET, "/healthz", null).handler(respond(ops::healthz));
    route(HttpMethod.GET, "/readyz", null).handler(respond(ops::readyz));
    route(HttpMethod.GET, "/metrics", null).handler(respond(ops::metrics));
    route(HttpMethod.GET, "/openapi.json", null).handler(respond(ops::openapi));

    imageRoute(HttpMethod.POST, "/v1/hash", Role.MATCHER).handler(respond(match::hash));
    imageRoute(HttpMethod.POST, "/v1/match", Role.MATCHER).handler(respond(match::match));
    bodyRoute(HttpMethod.POST, "/v1/match/batch", Role.MATCHER).handler(respond(match::matchBatch));

    route(HttpMethod.GET, "/v1/banks", Role.CURATOR).handler(respond(banks::list));
    bodyRoute(HttpMethod.POST, "/v1/banks", Role.ADMIN).handler(respond(banks::create));
    route(HttpMethod.GET, "/v1/banks/{bank}", Role.CURATOR).handler(respond(banks::get));
    bodyRoute(HttpMethod.PATCH, "/v1/banks/{bank}", Role.ADMIN).handler(respond(banks::update));
    route(HttpMethod.DELETE, "/v1/banks/{bank}", Role.ADMIN).handler(respond(banks::delete));

    imageRoute(HttpMethod.POST, "/v1/banks/{bank}/entries", Role.CURATOR).handler(respond(entries::add));
    route(HttpMethod.GET, "/v1/banks/{bank}/entries", Role.CURATOR).handler(respond(entries::list));
    bodyRoute(HttpMethod.POST, "/v1/banks/{bank}/entries/batch", Role.CURATOR)
        .handler(respond(entries::addBatch));
    route(HttpMethod.GET, "/v1/banks/{bank}/entries/{id}", Role.CURATOR).handler(respond(entries::get));
    route(HttpMethod.DELETE, "/v1/banks/{bank}/entries/{id}", Role.CURATOR)
        .handler(respond(entries::remove));
    bodyRoute(HttpMethod.POST, "/v1/banks/{bank}/import", Role.CURATOR)
        .handler(respond(transfer::importEntries));
    route(HttpMethod.GET, "/v1/banks/{bank}/export", Role.CURATOR).handler(respond(transfer::export));

    route(HttpMethod.GET, "/v1/audit", Role.ADMIN).handler(respond(admin::audit));
    route(HttpMethod.GET, "/v1/keys", Role.ADMIN).handler(respond(admin::listKeys));
    bodyRoute(HttpMethod.POST, "/v1/keys", Role.ADMIN).handler(respond(admin::createKey));
    route(HttpMethod.DELETE, "/v1/keys/{id}", Role.ADMIN).handler(respond(admin::revokeKey));

    router.route().failureHandler(ProblemMapper::handle);
    router.errorHandler(404, ProblemMapper::handle);
    router.errorHandler(405, ProblemMapper::handle);
    return router;
  }

  private Route route(HttpMethod method, String template, @Nullable Role role) {
    Route r = router.route(method, template.replaceAll("\\{(\\w+)}", ":$1"));
    r.putMetadata(TEMPLATE_META, template);
    r.handler(beforeBody(ctx -> {
      ctx.put(ROUTE_KEY, template);
      ctx.next();
    }));
    if (role != null) {
      r.putMetadata(ROLE_META, role.jsonName());
      r.handler(beforeBody(AuthHandler.require(api.keys, role)));
    }
    return r;
  }

  /** A route with a JSON (or text) body. */
  private Route bodyRoute(HttpMethod method, String template, Role role) {
    return route(method, template, role).handler(beforeBody(this::refuseMultipart)).handler(body);
  }

  /** A route that may take an image body: admission before the body is read. */
  private Route imageRoute(HttpMethod method, String template, Role role) {
    return route(method, template, role)
        .handler(beforeBody(this::refuseMultipart))
        .handler(beforeBody(admission.handler()))
        .handler(body);
  }

  /**
   * Marks a handler as running before the body handler. Vert.x orders handler kinds (platform,
   * body, authentication, ..., user); ours must see the request before a byte of body is
   * buffered: unauthenticated, refused or over-capacity uploads are never read.
   */
  private static Handler<RoutingContext> beforeBody(Handler<RoutingContext> h) {
    return new PreBodyHandler(h);
  }

  private record PreBodyHandler(Handler<RoutingContext> delegate) implements PlatformHandler {
    @Override
    public void handle(RoutingContext ctx) {
      delegate.handle(ctx);
    }
  }

  private void refuseMultipart(RoutingContext ctx) {
    String mt = Requests.mediaType(ctx);
    if (mt != null && (mt.startsWith("multipart/") || mt.equals("application/x-www-form-urlencoded"))) {
      ctx.fail(Requests.unsupportedType(mt, "a raw body (image/*, application/octet-stream, JSON, CSV)"));
      return;
    }
    ctx.next();
  }

  /** First handler of every request: id, start time, timeout, access log and metrics at the end. */
  private void start(RoutingContext ctx) {
    long start = System.nanoTime();
    String given = ctx.request().getHeader("X-Request-Id");
    String requestId = given != null && REQUEST_ID.matcher(given).matches()
        ? given : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    ctx.put(START_KEY, start);
    ctx.put(REQUEST_ID_KEY, requestId);
    ctx.response().putHeader("X-Request-Id", requestId);
    long timer = api.vertx.setTimer(api.config.requestTimeoutMillis(), id -> {
      if (!ctx.response().ended() && !ctx.response().headWritten()) {
        api.metrics.rejected("timeout");
        boolean change = ctx.request().method() != HttpMethod.GET;
        ProblemMapper.write(ctx, new ApiProblem(ProblemType.TIMEOUT,
            "no answer within " + api.config.requestTimeoutMillis() + " ms"
                + (change ? "; a change may still complete: check GET /v1/audit" : "")));
      }
    });
    ctx.addEndHandler(ar -> {
      api.vertx.cancelTimer(timer);
      String route = ctx.get(ROUTE_KEY, "unmatched");
      int status = ctx.response().getStatusCode();
      long nanos = System.nanoTime() - start;
      api.metrics.request(ctx.request().method().name(), route, status, nanos);
      ApiKey key = ctx.get(AuthHandler.KEY);
      JsonObject q = ctx.get(MatchHandlers.QUERY_LOG_KEY);
      AccessLog.log(requestId, ctx.request().method().name(), route, status, nanos / 1000,
          key == null ? null : key.id(), q);
    });
    ctx.next();
  }

  /**
   * Adapts a {@code RoutingContext → Future<Reply>} function: writes the reply, or hands the
   * failure to the one failure handler. A null reply means the handler streamed its own response.
   */
  private static Handler<RoutingContext> respond(Function<RoutingContext, Future<Reply>> fn) {
    return ctx -> {
      if (ctx.response().ended()) {
        return; // timed out while the body was still arriving
      }
      Future<Reply> f;
      try {
        f = fn.apply(ctx);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        HttpServerResponse res = ctx.response();
        if (res.ended()) {
          return;
        }
        if (ar.failed()) {
          if (res.headWritten()) {
            res.reset(); // a streamed response broke half-way: the client must not see it as complete
          } else {
            ctx.fail(ar.cause());
          }
          return;
        }
        Reply r = ar.result();
        if (r == null) {
          return;
        }
        res.setStatusCode(r.status());
        r.headers().forEach(res::putHeader);
        if (r.body() != null) {
          res.putHeader("Content-Type", r.contentType());
        }
        res.end(r.bodyBuffer());
      });
    };
  }
}

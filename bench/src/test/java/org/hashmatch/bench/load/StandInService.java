package org.hashmatch.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hashmatch.hashing.Hash256;

/**
 * TEST DOUBLE, not the Hashmatch service: a tiny in-memory HTTP server that answers the routes the
 * load generator uses, with delays the test controls.
 *
 * <ul>
 *   <li>{@link #stall}: the n-th request received is answered only after a delay. With one client
 *       connection and no pipelining every later request waits behind it, which is exactly the
 *       stall a closed-loop tester under-reports.
 *   <li>{@link #hiddenForMatches}: an added entry stays invisible to its first n matching queries,
 *       so a freshness probe needs exactly n + 1 match calls, whatever the timing.
 * </ul>
 */
final class StandInService implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<String, List<Stored>> banks = new ConcurrentHashMap<>();
  private volatile long stallAtRequest = -1;
  private volatile long stallMillis;
  private volatile int hiddenForMatches;

  private record Stored(long id, Hash256 pdq, String reference, AtomicInteger misses) {}

  private StandInService(Vertx vertx) {
    this.vertx = vertx;
    Router router = Router.router(vertx);
    router.route().handler(this::count);
    router.get("/healthz").handler(rc -> json(rc, 200, new JsonObject().put("status", "ok")));
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(32 * 1024 * 1024));
    router.get("/v1/banks/:bank").handler(this::getBank);
    router.post("/v1/banks").handler(this::createBank);
    router.get("/v1/banks/:bank/entries").handler(this::listEntries);
    router.post("/v1/banks/:bank/entries/batch").handler(this::addBatch);
    router.post("/v1/banks/:bank/entries").handler(this::addEntry);
    router.post("/v1/match").handler(this::match);
    this.server = vertx.createHttpServer().requestHandler(router);
  }

  static StandInService start(Vertx vertx) {
    StandInService s = new StandInService(vertx);
    BankApi.await(s.server.listen(0, "127.0.0.1"), "start stand-in");
    return s;
  }

  int port() {
    return server.actualPort();
  }

  /** The {@code requestNumber}-th request (1-based, all routes) is answered after {@code millis}. */
  void stall(long requestNumber, long millis) {
    this.stallMillis = millis;
    this.stallAtRequest = requestNumber;
  }

  void hiddenForMatches(int queries) {
    this.hiddenForMatches = queries;
  }

  int bankSize(String bank) {
    List<Stored> b = banks.get(bank);
    return b == null ? 0 : b.size();
  }

  List<Hash256> hashes(String bank) {
    return banks.getOrDefault(bank, List.of()).stream().map(Stored::pdq).toList();
  }

  private void count(RoutingContext rc) {
    long n = received.incrementAndGet();
    if (n == stallAtRequest) {
      vertx.setTimer(stallMillis, t -> rc.next());
    } else {
      rc.next();
    }
  }

  private void getBank(RoutingContext rc) {
    List<Stored> b = banks.get(rc.pathParam("bank"));
    if (b == null) {
      json(rc, 404, new JsonObject().put("type", "bank-not-found"));
    } else {
      json(rc, 200, new JsonObject().put("name", rc.pathParam("bank")).put("size", b.size()));
    }
  }

  private void createBank(RoutingContext rc) {
    String name = rc.body().asJsonObject().getString("name");
    if (banks.putIfAbsent(name, new CopyOnWriteArrayList<>()) != null) {
      json(rc, 409, new JsonObject().put("type", "bank-exists"));
    } else {
      json(rc, 201, new JsonObject().put("name", name));
    }
  }

  private void listEntries(RoutingContext rc) {
    List<Stored> b = banks.get(rc.pathParam("bank"));
    if (b == null) {
      json(rc, 404, new JsonObject());
      return;
    }
    int limit = Integer.parseInt(rc.queryParams().get("limit"));
    String cursor = rc.queryParams().get("cursor");
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    JsonArray page = new JsonArray();
    for (int i = from; i < Math.min(b.size(), from + limit); i++) {
      Stored s = b.get(i);
      page.add(new JsonObject().put("id", s.id()).put("pdq", s.pdq().toHex()).put("reference", s.reference()));
    }
    JsonObject out = new JsonObject().put("entries", page);
    if (from + limit < b.size()) {
      out.put("nextCursor", String.valueOf(from + limit));
    }
    json(rc, 200, out);
  }

  private Stored store(String bank, JsonObject e) {
    Stored s =
        new Stored(
            nextId.getAndIncrement(),
            Hash256.fromHex(e.getString("pdq")),
            e.getString("reference", ""),
            new AtomicInteger(hiddenForMatches));
    banks.get(bank).add(s);
    return s;
  }

  private void addEntry(RoutingContext rc) {
    String bank = rc.pathParam("bank");
    if (!banks.containsKey(bank)) {
      json(rc, 404, new JsonObject());
      return;
    }
    Stored s = store(bank, rc.body().asJsonObject());
    json(rc, 201, new JsonObject().put("id", s.id()));
  }

  private void addBatch(RoutingContext rc) {
    String bank = rc.pathParam("bank");
    if (!banks.containsKey(bank)) {
      json(rc, 404, new JsonObject());
      return;
    }
    JsonArray ids = new JsonArray();
    for (Object o : rc.body().asJsonObject().getJsonArray("entries")) {
      ids.add(store(bank, (JsonObject) o).id());
    }
    json(rc, 201, new JsonObject().put("ids", ids));
  }

  private void match(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    JsonArray matches = new JsonArray();
    if (type != null && type.startsWith("application/json")) {
      Hash256 q = Hash256.fromHex(rc.body().asJsonObject().getString("pdq"));
      banks.forEach(
          (bank, entries) -> {
            for (Stored s : entries) {
              int d = s.pdq().distance(q);
              if (d <= 31 && s.misses().getAndUpdate(m -> Math.max(0, m - 1)) == 0) {
                matches.add(
                    new JsonObject().put("bank", bank).put("entryId", s.id()).put("distance", d));
              }
            }
          });
    } else if (rc.body().length() == 0) {
      json(rc, 400, new JsonObject().put("type", "empty-body"));
      return;
    }
    json(rc, 200, new JsonObject()
        .put("decision", matches.isEmpty() ? "none" : "block")
        .put("matches", matches));
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
  }

  @Override
  public void close() {
    BankApi.await(server.close(), "stop stand-in");
  }
}

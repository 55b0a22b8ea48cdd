package org.hashmatch.service.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.HashResult;
import org.hashmatch.hashing.ImageHasher;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.RobustHashes;
import org.hashmatch.index.Match;
import org.hashmatch.index.PdqProbe;
import org.hashmatch.service.match.MatchOutcome;
import org.hashmatch.service.match.QueryHashes;

/** {@code /v1/hash}, {@code /v1/match}, {@code /v1/match/batch}. */
final class MatchHandlers {

  static final String QUERY_LOG_KEY = "hashmatch.queryHashes";

  private final ApiContext api;

  MatchHandlers(ApiContext api) {
    this.api = api;
  }

  /** POST /v1/hash: raw image in, every hash out. */
  Future<Reply> hash(RoutingContext ctx) {
    String mt = Requests.mediaType(ctx);
    if (!Requests.isImage(mt)) {
      throw Requests.unsupportedType(mt, "image/* or application/octet-stream");
    }
    boolean dihedral = Requests.boolParam(ctx, "dihedral", false);
    return api.hash(ctx, dihedral).map(r -> Reply.ok(Json.hashResult(r, dihedral)));
  }

  /**
   * POST /v1/match: raw image or JSON hash set. An image is searched with all its dihedral
   * variants (unless ?dihedral=false) and, when its uniform borders were trimmed, the same for the
   * trimmed image (unless ?trim=false), as {@link ImageHasher#hashForMatch} computes them.
   */
  Future<Reply> match(RoutingContext ctx) {
    String mt = Requests.mediaType(ctx);
    Set<String> banks = Requests.banksParam(ctx);
    Future<QueryHashes> query;
    if (Requests.isImage(mt)) {
      boolean dihedral = Requests.boolParam(ctx, "dihedral", true);
      boolean trim = Requests.boolParam(ctx, "trim", true);
      query = trim
          ? api.hashWith(ctx, api.hasher::hashForMatch).map(r -> fromImage(r, dihedral))
          : api.hash(ctx, dihedral).map(r -> fromImage(r, dihedral));
    } else if (Requests.isJson(mt)) {
      query = Future.succeededFuture(Requests.queryHashes(Requests.jsonObject(ctx), ""));
    } else {
      throw Requests.unsupportedType(mt, "image/*, application/octet-stream or application/json");
    }
    long start = ctx.get(ApiRouter.START_KEY);
    return query.compose(q -> api.onSearch(() -> api.engine.match(q, banks)).map(o -> {
      count(o);
      logQuery(ctx, q);
      long took = (System.nanoTime() - start) / 1000;
      return Reply.ok(Json.matchResult(q, o, took));
    }));
  }

  /** POST /v1/match/batch: {@code {"items":[hash sets]}} or a bare array, results in order. */
  Future<Reply> matchBatch(RoutingContext ctx) {
    String mt = Requests.mediaType(ctx);
    if (!Requests.isJson(mt)) {
      throw Requests.unsupportedType(mt, "application/json");
    }
    Set<String> banks = Requests.banksParam(ctx);
    Object body = Requests.jsonBody(ctx);
    JsonArray items;
    if (body instanceof JsonArray a) {
      items = a;
    } else {
      JsonObject o = (JsonObject) body;
      Requests.rejectUnknown(o, Set.of("items"), "");
      if (!(o.getValue("items") instanceof JsonArray a)) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST, "items must be an array of hash sets");
      }
      items = a;
    }
    int limit = api.config.batchLimit();
    if (items.size() > limit) {
      throw new ApiProblem(ProblemType.BATCH_TOO_LARGE,
          "batch has " + items.size() + " items, at most " + limit + " allowed");
    }
    List<QueryHashes> queries = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (!(items.getValue(i) instanceof JsonObject item)) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST, "items[" + i + "] must be an object");
      }
      queries.add(Requests.queryHashes(item, "items[" + i + "]: "));
    }
    long start = ctx.get(ApiRouter.START_KEY);
    return api.onSearch(() -> api.engine.matchAll(queries, banks)).map(outcomes -> {
      JsonArray results = new JsonArray();
      for (int i = 0; i < outcomes.size(); i++) {
        count(outcomes.get(i));
        results.add(Json.matchResult(queries.get(i), outcomes.get(i), null));
      }
      return Reply.ok(new JsonObject()
          .put("results", results)
          .put("tookMicros", (System.nanoTime() - start) / 1000));
    });
  }

  private static QueryHashes fromImage(HashResult r, boolean dihedral) {
    List<PdqProbe> probes = new ArrayList<>();
    addProbes(probes, r.pdq(), r.pdqDihedral(), dihedral, false);
    return new QueryHashes(r.pdq(), probes, r.quality(), r.phash(), r.md5(), r.sha256());
  }

  /**
   * The image's probes, then (when borders were trimmed) the trimmed image's, in that order. An
   * image that is flat inside its borders is gated as quality 0 (see {@link
   * org.hashmatch.hashing.robust.RobustQuery#flatContent()}): its PDQ describes only the frame.
   */
  private static QueryHashes fromImage(RobustHashes r, boolean dihedral) {
    HashResult h = r.hashes();
    List<PdqProbe> probes = new ArrayList<>();
    addProbes(probes, h.pdq(), h.pdqDihedral(), dihedral, false);
    PdqResult trimmed = r.query().trimmed();
    if (trimmed == null) {
      return new QueryHashes(
          h.pdq(), probes, r.query().effectiveQuality(), h.phash(), h.md5(), h.sha256());
    }
    addProbes(probes, trimmed.hash(), trimmed.dihedral(), dihedral, true);
    return new QueryHashes(h.pdq(), probes, h.quality(), h.phash(), h.md5(), h.sha256(),
        trimmed.hash(), trimmed.quality());
  }

  private static void addProbes(List<PdqProbe> probes, Hash256 pdq, Map<Dihedral, Hash256> variants,
      boolean dihedral, boolean trimmed) {
    probes.add(new PdqProbe(Dihedral.ORIGINAL, pdq, trimmed));
    if (dihedral) {
      for (Dihedral d : Dihedral.values()) {
        Hash256 h = variants.get(d);
        if (d != Dihedral.ORIGINAL && h != null) {
          probes.add(new PdqProbe(d, h, trimmed));
        }
      }
    }
  }

  private void count(MatchOutcome o) {
    Map<String, Integer> perBank = new HashMap<>();
    for (Match m : o.matches()) {
      perBank.merge(m.entry().bank(), 1, Integer::sum);
    }
    api.metrics.decision(o.decision().jsonName(), perBank);
  }

  private void logQuery(RoutingContext ctx, QueryHashes q) {
    if (api.config.logQueryHashes()) {
      ctx.put(QUERY_LOG_KEY, new JsonObject()
          .put("pdq", q.pdq() == null ? null : q.pdq().toHex())
          .put("phash", q.phash() == null ? null : q.phash().toHex())
          .put("md5", q.md5())
          .put("sha256", q.sha256()));
    }
  }
}

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
import org.hashmatch.hashing.HashResult;
import org.hashmatch.hashing.ImageHasher;
import org.hashmatch.index.Entry;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.EntryNotFoundException;
import org.hashmatch.index.EntryPage;
import org.hashmatch.service.audit.Actor;

/** {@code /v1/banks/{bank}/entries...}: add (image or JSON), batch add, list, get, remove. */
final class EntryHandlers {

  /** Most entries in one {@code entries/batch} call. */
  static final int BATCH_ENTRY_LIMIT = 10_000;
  private static final int MAX_ID = 128;

  private final ApiContext api;

  EntryHandlers(ApiContext api) {
    this.api = api;
  }

  /**
   * POST entries: a raw image (hashed, then discarded; provenance from {@code ?reference=},
   * {@code ?source=}, {@code ?note=}, {@code ?meta.KEY=VALUE}) or a JSON hash set with provenance.
   * An image entry stores the bank-side variants of {@link ImageHasher#hashForEntry} (trimmed
   * borders, the deployed augmentations) as its PDQ variants, unless {@code ?augment=false}.
   */
  Future<Reply> add(RoutingContext ctx) {
    String bank = Requests.bankParam(ctx);
    String mt = Requests.mediaType(ctx);
    Actor actor = ApiContext.actor(ctx);
    Future<EntryDraft> draft;
    String reason;
    if (Requests.isImage(mt)) {
      reason = Requests.reason(ctx, null);
      JsonObject prov = provenanceFromQuery(ctx);
      boolean augment = Requests.boolParam(ctx, "augment", true);
      draft = augment
          ? api.hashWith(ctx, api.hasher::hashForEntry).map(r ->
              fromImage(r.hashes(), prov, actor.keyId()).withPdqVariants(r.bankVariants()))
          : api.hash(ctx, false).map(r -> fromImage(r, prov, actor.keyId()));
    } else if (Requests.isJson(mt)) {
      JsonObject o = Requests.jsonObject(ctx);
      reason = Requests.reason(ctx, o);
      o.remove("reason");
      draft = Future.succeededFuture(Requests.entryDraft(o, actor.keyId(), "", Set.of()));
    } else {
      throw Requests.unsupportedType(mt, "image/*, application/octet-stream or application/json");
    }
    return draft.compose(d -> api.onIndex(() -> {
      Entry e = api.index.add(bank, d);
      api.audit(actor, "entry.add", bank, List.of(e.id()), null, reason, Map.of());
      return Reply.created(Json.entry(e), "/v1/banks/" + bank + "/entries/" + e.id());
    }));
  }

  /** POST entries/batch: {@code {"entries":[...]}}, all-or-nothing, → 201 {@code {"ids":[...]}}. */
  Future<Reply> addBatch(RoutingContext ctx) {
    String bank = Requests.bankParam(ctx);
    String mt = Requests.mediaType(ctx);
    if (!Requests.isJson(mt)) {
      throw Requests.unsupportedType(mt, "application/json");
    }
    JsonObject o = Requests.jsonObject(ctx);
    Requests.rejectUnknown(o, Set.of("entries", "reason"), "");
    if (!(o.getValue("entries") instanceof JsonArray items)) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, "entries must be an array");
    }
    if (items.size() > BATCH_ENTRY_LIMIT) {
      throw new ApiProblem(ProblemType.BATCH_TOO_LARGE,
          "batch has " + items.size() + " entries, at most " + BATCH_ENTRY_LIMIT + " allowed");
    }
    if (items.isEmpty()) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, "entries is empty");
    }
    Actor actor = ApiContext.actor(ctx);
    String reason = Requests.reason(ctx, o);
    List<EntryDraft> drafts = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (!(items.getValue(i) instanceof JsonObject item)) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST, "entries[" + i + "] must be an object");
      }
      drafts.add(Requests.entryDraft(item, actor.keyId(), "entries[" + i + "]: ", Set.of()));
    }
    return api.onIndex(() -> {
      List<Entry> added = api.index.addAll(bank, drafts);
      List<String> ids = added.stream().map(Entry::id).toList();
      api.audit(actor, "entry.addBatch", bank, ids, null, reason, Map.of("count", ids.size()));
      return new Reply(201, new JsonObject().put("ids", new JsonArray(ids)), "application/json", Map.of());
    });
  }

  /** GET entries?cursor=&limit= (limit 1..1000, default 100). */
  Future<Reply> list(RoutingContext ctx) {
    String bank = Requests.bankParam(ctx);
    int limit = Requests.intParam(ctx, "limit", 100, 1, 1000);
    String cursor = ctx.request().getParam("cursor");
    String c = cursor == null || cursor.isEmpty() ? null : cursor;
    return api.onIndex(() -> {
      EntryPage page = api.index.list(bank, c, limit);
      JsonArray entries = new JsonArray();
      page.entries().forEach(e -> entries.add(Json.entry(e)));
      return Reply.ok(new JsonObject().put("entries", entries).put("nextCursor", page.nextCursor()));
    });
  }

  Future<Reply> get(RoutingContext ctx) {
    String bank = Requests.bankParam(ctx);
    String id = entryId(ctx);
    return api.onIndex(() -> {
      if (api.index.bank(bank).isEmpty()) {
        throw new org.hashmatch.index.BankNotFoundException("no bank named '" + bank + "'");
      }
      Entry e = api.index.get(bank, id).orElseThrow(
          () -> new EntryNotFoundException("no entry '" + id + "' in bank '" + bank + "'"));
      return Reply.ok(Json.entry(e));
    });
  }

  Future<Reply> remove(RoutingContext ctx) {
    String bank = Requests.bankParam(ctx);
    String id = entryId(ctx);
    String reason = Requests.reason(ctx, null);
    Actor actor = ApiContext.actor(ctx);
    return api.onIndex(() -> {
      Entry e = api.index.remove(bank, id);
      api.audit(actor, "entry.remove", bank, List.of(e.id()), null, reason, Map.of());
      return Reply.noContent();
    });
  }

  private static String entryId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || id.isEmpty() || id.length() > MAX_ID) {
      throw new ApiProblem(ProblemType.ENTRY_NOT_FOUND, "no such entry");
    }
    return id;
  }

  private static JsonObject provenanceFromQuery(RoutingContext ctx) {
    JsonObject o = new JsonObject();
    for (String f : List.of("reference", "source", "note")) {
      String v = ctx.request().getParam(f);
      if (v != null) {
        o.put(f, v);
      }
    }
    Map<String, String> meta = new HashMap<>();
    ctx.queryParams().forEach(e -> {
      if (e.getKey().startsWith("meta.")) {
        meta.put(e.getKey().substring(5), e.getValue());
      }
    });
    Requests.checkMetadata(meta, "");
    o.put("metadata", new JsonObject(new HashMap<String, Object>(meta)));
    // Validate lengths now, before any hashing work is spent.
    Requests.optString(o, "reference", Requests.MAX_REFERENCE, "");
    Requests.optString(o, "source", Requests.MAX_SOURCE, "");
    Requests.optString(o, "note", Requests.MAX_NOTE, "");
    return o;
  }

  private static EntryDraft fromImage(HashResult r, JsonObject prov, String addedBy) {
    Map<String, String> meta = new HashMap<>();
    prov.getJsonObject("metadata").forEach(e -> meta.put(e.getKey(), (String) e.getValue()));
    return new EntryDraft(r.pdq(), r.quality(), r.phash(), r.md5(), r.sha256(),
        prov.getString("reference"), prov.getString("source"), prov.getString("note"),
        addedBy, meta);
  }
}

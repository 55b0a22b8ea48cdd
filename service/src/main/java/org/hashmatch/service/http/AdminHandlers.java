package org.hashmatch.service.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashmatch.service.audit.Actor;
import org.hashmatch.service.audit.AuditRecord;
import org.hashmatch.service.auth.ApiKey;
import org.hashmatch.service.auth.CreatedKey;
import org.hashmatch.service.auth.Role;

/** {@code /v1/audit} and {@code /v1/keys}: admin only. */
final class AdminHandlers {

  private final ApiContext api;

  AdminHandlers(ApiContext api) {
    this.api = api;
  }

  /**
   * GET /v1/audit?since=&limit=: records after {@code since} (a sequence number, exclusive, or an
   * ISO-8601 instant, inclusive), oldest first, at most {@code limit} (1..1000, default 100).
   */
  Future<Reply> audit(RoutingContext ctx) {
    String since = ctx.request().getParam("since");
    int limit = Requests.intParam(ctx, "limit", 100, 1, 1000);
    Long sinceSeq = null;
    Instant sinceTime = null;
    if (since != null && !since.isEmpty()) {
      if (since.chars().allMatch(Character::isDigit) && since.length() <= 18) {
        sinceSeq = Long.parseLong(since);
      } else {
        try {
          sinceTime = Instant.parse(since);
        } catch (DateTimeParseException e) {
          throw new ApiProblem(ProblemType.INVALID_REQUEST,
              "since must be a sequence number or an ISO-8601 instant like 2026-01-31T12:00:00Z");
        }
      }
    }
    Long seq = sinceSeq;
    Instant time = sinceTime;
    return api.onIndex(() -> {
      long from = seq != null ? seq : time != null ? api.audit.seqBefore(time) : 0;
      List<AuditRecord> records = api.audit.read(from, limit);
      JsonArray out = new JsonArray();
      records.forEach(r -> out.add(r.toJson()));
      Long next = records.isEmpty() ? null : records.getLast().seq();
      return Reply.ok(new JsonObject()
          .put("records", out)
          .put("next", next != null && next < api.audit.lastSeq() ? next : null)
          .put("lastSeq", api.audit.lastSeq())
          .put("lastHash", api.audit.lastHash()));
    });
  }

  Future<Reply> listKeys(RoutingContext ctx) {
    return api.onIndex(() -> {
      api.keys.reloadIfChanged();
      JsonArray out = new JsonArray();
      api.keys.list().forEach(k -> out.add(Json.key(k)));
      return Reply.ok(new JsonObject().put("keys", out));
    });
  }

  /** POST /v1/keys {@code {"role","name","reason"}} → 201 with the secret, shown this once. */
  Future<Reply> createKey(RoutingContext ctx) {
    JsonObject o = Requests.jsonObject(ctx);
    Requests.rejectUnknown(o, Set.of("role", "name", "reason"), "");
    String roleName = Requests.optString(o, "role", 16, "");
    if (roleName == null) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, "role is required: matcher, curator or admin");
    }
    Role role = Role.fromJsonName(roleName);
    String name = Requests.optString(o, "name", 64, "");
    String reason = Requests.reason(ctx, o);
    Actor actor = ApiContext.actor(ctx);
    return api.onIndex(() -> {
      CreatedKey k = api.keys.create(role, name == null ? "" : name);
      api.audit(actor, "key.create", null, List.of(), k.key().id(), reason,
          Map.of("role", role.jsonName(), "name", k.key().name()));
      return Reply.created(Json.key(k.key()).put("secret", k.secret()), "/v1/keys/" + k.key().id());
    });
  }

  Future<Reply> revokeKey(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !ApiKey.isValidId(id)) {
      throw new ApiProblem(ProblemType.KEY_NOT_FOUND, "no key with this id");
    }
    String reason = Requests.reason(ctx, null);
    Actor actor = ApiContext.actor(ctx);
    return api.onIndex(() -> {
      ApiKey k = api.keys.revoke(id).orElseThrow(
          () -> new ApiProblem(ProblemType.KEY_NOT_FOUND, "no key '" + id + "'"));
      api.audit(actor, "key.revoke", null, List.of(), k.id(), reason, Map.of());
      return Reply.noContent();
    });
  }
}

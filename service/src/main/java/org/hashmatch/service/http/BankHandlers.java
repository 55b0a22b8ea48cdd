package org.hashmatch.service.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.BankNotFoundException;
import org.hashmatch.index.BankPatch;
import org.hashmatch.service.audit.Actor;

/** {@code /v1/banks} and {@code /v1/banks/{bank}}. */
final class BankHandlers {

  private static final Set<String> CREATE_FIELDS =
      Set.of("name", "action", "enabled", "pdqRadius", "phashRadius", "minQuality", "reason");
  private static final Set<String> PATCH_FIELDS =
      Set.of("action", "enabled", "pdqRadius", "phashRadius", "minQuality", "reason");

  private final ApiContext api;

  BankHandlers(ApiContext api) {
    this.api = api;
  }

  Future<Reply> list(RoutingContext ctx) {
    return api.onIndex(() -> {
      JsonArray banks = new JsonArray();
      for (BankConfig b : api.index.banks()) {
        banks.add(Json.bank(b, api.index.size(b.name())));
      }
      return Reply.ok(new JsonObject().put("banks", banks));
    });
  }

  Future<Reply> get(RoutingContext ctx) {
    String name = Requests.bankParam(ctx);
    return api.onIndex(() -> {
      BankConfig b = api.index.bank(name)
          .orElseThrow(() -> new BankNotFoundException("no bank named '" + name + "'"));
      return Reply.ok(Json.bank(b, api.index.size(name)));
    });
  }

  /** POST /v1/banks: {@code name} and {@code action} required, thresholds optional. */
  Future<Reply> create(RoutingContext ctx) {
    JsonObject o = Requests.jsonObject(ctx);
    Requests.rejectUnknown(o, CREATE_FIELDS, "");
    String name = Requests.optString(o, "name", 64, "");
    if (name == null) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, "name is required");
    }
    String action = Requests.optString(o, "action", 16, "");
    if (action == null) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, "action is required: block, review or allow");
    }
    BankConfig base = BankConfig.withDefaults(name, Action.fromJsonName(action));
    BankConfig config = patch(o).applyTo(base);
    String reason = Requests.reason(ctx, o);
    Actor actor = ApiContext.actor(ctx);
    return api.onIndex(() -> {
      BankConfig created = api.index.createBank(config);
      api.audit(actor, "bank.create", created.name(), List.of(), null, reason, Json.bankDetails(created));
      return Reply.created(Json.bank(created, 0L), "/v1/banks/" + created.name());
    });
  }

  Future<Reply> update(RoutingContext ctx) {
    String name = Requests.bankParam(ctx);
    JsonObject o = Requests.jsonObject(ctx);
    Requests.rejectUnknown(o, PATCH_FIELDS, "");
    BankPatch p = patch(o);
    String reason = Requests.reason(ctx, o);
    Actor actor = ApiContext.actor(ctx);
    return api.onIndex(() -> {
      BankConfig updated = api.index.updateBank(name, p);
      api.audit(actor, "bank.update", name, List.of(), null, reason, Json.bankDetails(updated));
      return Reply.ok(Json.bank(updated, api.index.size(name)));
    });
  }

  Future<Reply> delete(RoutingContext ctx) {
    String name = Requests.bankParam(ctx);
    String reason = Requests.reason(ctx, null);
    Actor actor = ApiContext.actor(ctx);
    return api.onIndex(() -> {
      long size = api.index.size(name);
      api.index.deleteBank(name);
      api.audit(actor, "bank.delete", name, List.of(), null, reason, Map.of("entries", size));
      return Reply.noContent();
    });
  }

  private static BankPatch patch(JsonObject o) {
    String action = Requests.optString(o, "action", 16, "");
    return new BankPatch(
        Requests.optBool(o, "enabled"),
        Requests.optInt(o, "pdqRadius", 0, 256, ""),
        Requests.optInt(o, "phashRadius", 0, 64, ""),
        Requests.optInt(o, "minQuality", 0, 100, ""),
        action == null ? null : Action.fromJsonName(action));
  }
}

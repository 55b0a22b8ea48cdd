package org.hashmatch.service.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.HashResult;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.Entry;
import org.hashmatch.index.Match;
import org.hashmatch.service.auth.ApiKey;
import org.hashmatch.service.match.MatchOutcome;
import org.hashmatch.service.match.QueryHashes;
import org.jspecify.annotations.Nullable;

/** The JSON shapes the API returns. Field names here are a promise to users. */
final class Json {

  private Json() {}

  static JsonObject bank(BankConfig b, @Nullable Long size) {
    JsonObject o = new JsonObject()
        .put("name", b.name())
        .put("enabled", b.enabled())
        .put("action", b.action().jsonName())
        .put("pdqRadius", b.pdqRadius())
        .put("phashRadius", b.phashRadius())
        .put("minQuality", b.minQuality());
    if (size != null) {
      o.put("size", size);
    }
    return o;
  }

  static JsonObject entry(Entry e) {
    var p = e.provenance();
    return new JsonObject()
        .put("id", e.id())
        .put("bank", e.bank())
        .put("pdq", e.pdq() == null ? null : e.pdq().toHex())
        .put("quality", e.pdq() == null ? null : e.quality())
        .put("phash", e.phash() == null ? null : e.phash().toHex())
        .put("md5", e.md5())
        .put("sha256", e.sha256())
        .put("reference", p.reference())
        .put("source", p.source())
        .put("note", p.note())
        .put("addedBy", p.addedBy())
        .put("addedAt", p.addedAt().toString())
        .put("metadata", new JsonObject(new TreeMap<String, Object>(p.metadata())))
        .put("pdqVariants", pdqVariants(e.pdqVariants()));
  }

  static JsonArray pdqVariants(List<PdqVariant> variants) {
    JsonArray a = new JsonArray();
    for (PdqVariant v : variants) {
      a.add(new JsonObject()
          .put("label", v.label())
          .put("pdq", v.hash().toHex())
          .put("quality", v.quality()));
    }
    return a;
  }

  static JsonObject hashResult(HashResult r, boolean dihedral) {
    JsonObject o = new JsonObject()
        .put("pdq", r.pdq().toHex())
        .put("quality", r.quality())
        .put("phash", r.phash().toHex())
        .put("md5", r.md5())
        .put("sha256", r.sha256())
        .put("width", r.width())
        .put("height", r.height());
    if (dihedral) {
      JsonObject d = new JsonObject();
      for (Dihedral v : Dihedral.values()) {
        var h = r.pdqDihedral().get(v);
        d.put(v.jsonName(), h == null ? null : h.toHex());
      }
      o.put("dihedral", d);
    }
    return o;
  }

  static JsonObject match(Match m, Action action) {
    return new JsonObject()
        .put("bank", m.entry().bank())
        .put("entryId", m.entry().id())
        .put("signal", m.signal().jsonName())
        .put("distance", m.distance())
        .put("variant", m.variant() == null ? null : m.variant().jsonName())
        .put("trimmed", m.trimmed())
        .put("entryVariant", m.entryVariant())
        .put("action", action.jsonName())
        .put("reference", m.entry().provenance().reference())
        .put("addedAt", m.entry().provenance().addedAt().toString());
  }

  static JsonObject query(QueryHashes q, MatchOutcome o) {
    return new JsonObject()
        .put("pdq", q.pdq() == null ? null : q.pdq().toHex())
        .put("quality", q.pdq() == null ? null : q.quality())
        .put("phash", q.phash() == null ? null : q.phash().toHex())
        .put("md5", q.md5())
        .put("sha256", q.sha256())
        .put("trimmedPdq", q.trimmedPdq() == null ? null : q.trimmedPdq().toHex())
        .put("trimmedQuality", q.trimmedPdq() == null ? null : q.trimmedQuality())
        .put("belowQuality", o.belowQuality())
        .put("belowQualityBanks", new JsonArray(o.belowQualityBanks()));
  }

  /** One match result: decision, matches, query (and tookMicros when given). */
  static JsonObject matchResult(QueryHashes q, MatchOutcome o, @Nullable Long tookMicros) {
    JsonArray matches = new JsonArray();
    for (int i = 0; i < o.matches().size(); i++) {
      matches.add(match(o.matches().get(i), o.actions().get(i)));
    }
    JsonObject r = new JsonObject()
        .put("decision", o.decision().jsonName())
        .put("matches", matches)
        .put("query", query(q, o));
    if (tookMicros != null) {
      r.put("tookMicros", tookMicros);
    }
    return r;
  }

  static JsonObject key(ApiKey k) {
    return new JsonObject()
        .put("id", k.id())
        .put("name", k.name())
        .put("role", k.role().jsonName())
        .put("createdAt", k.createdAt().toString())
        .put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
  }

  static Map<String, Object> bankDetails(BankConfig b) {
    return Map.of(
        "enabled", b.enabled(),
        "action", b.action().jsonName(),
        "pdqRadius", b.pdqRadius(),
        "phashRadius", b.phashRadius(),
        "minQuality", b.minQuality());
  }
}

package org.hashmatch.service.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.PdqProbe;
import org.hashmatch.service.match.QueryHashes;
import org.jspecify.annotations.Nullable;

/** Parsing and validation of request parts. Every failure is an {@link ApiProblem} naming the field. */
final class Requests {

  static final int MAX_REASON = 1024;
  static final int MAX_REFERENCE = 512;
  static final int MAX_SOURCE = 128;
  static final int MAX_NOTE = 4096;
  static final int MAX_METADATA_KEYS = 32;
  static final int MAX_METADATA_VALUE = 1024;
  private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern META_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  static final Set<String> HASH_FIELDS = Set.of("pdq", "quality", "phash", "md5", "sha256");
  static final Set<String> ENTRY_FIELDS = Set.of(
      "pdq", "quality", "phash", "md5", "sha256", "reference", "source", "note", "metadata",
      "pdqVariants");
  static final Set<String> VARIANT_FIELDS = Set.of("label", "pdq", "quality");

  private Requests() {}

  /** The media type without parameters, lowercase; null if absent. */
  static @Nullable String mediaType(RoutingContext ctx) {
    String ct = ctx.request().getHeader("Content-Type");
    if (ct == null) {
      return null;
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  static boolean isImage(@Nullable String mediaType) {
    return mediaType != null
        && (mediaType.startsWith("image/") || mediaType.equals("application/octet-stream"));
  }

  static boolean isJson(@Nullable String mediaType) {
    return mediaType != null && (mediaType.equals("application/json") || mediaType.endsWith("+json"));
  }

  static ApiProblem unsupportedType(@Nullable String mediaType, String expected) {
    return new ApiProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type is " + (mediaType == null ? "missing" : "'" + mediaType + "'")
            + ", expected " + expected);
  }

  /** The body as a JSON value (object or array). */
  static Object jsonBody(RoutingContext ctx) {
    String mt = mediaType(ctx);
    if (!isJson(mt)) {
      throw unsupportedType(mt, "application/json");
    }
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw new ApiProblem(ProblemType.MALFORMED_JSON, "the body is empty, expected JSON");
    }
    try {
      String t = text.strip();
      if (t.startsWith("[")) {
        return new JsonArray(t);
      }
      return new JsonObject(t);
    } catch (DecodeException e) {
      throw new ApiProblem(ProblemType.MALFORMED_JSON, "the body is not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  /** The body as a JSON object. */
  static JsonObject jsonObject(RoutingContext ctx) {
    if (jsonBody(ctx) instanceof JsonObject o) {
      return o;
    }
    throw new ApiProblem(ProblemType.INVALID_REQUEST, "the body must be a JSON object");
  }

  static void rejectUnknown(JsonObject o, Set<String> allowed, String where) {
    for (String f : o.fieldNames()) {
      if (!allowed.contains(f)) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST,
            where + "unknown field '" + f + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  static @Nullable String optString(JsonObject o, String field, int maxLength, String where) {
    Object v = o.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, where + field + " must be a string");
    }
    if (s.length() > maxLength) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST,
          where + field + " is " + s.length() + " characters, at most " + maxLength + " allowed");
    }
    return s;
  }

  static @Nullable Integer optInt(JsonObject o, String field, int min, int max, String where) {
    Object v = o.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
        || ((Number) v).longValue() > max) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST,
          where + field + " must be an integer in [" + min + ", " + max + "], got " + v);
    }
    return ((Number) v).intValue();
  }

  static @Nullable Boolean optBool(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, field + " must be true or false, got " + v);
    }
    return b;
  }

  static boolean boolParam(RoutingContext ctx, String name, boolean dflt) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ApiProblem(ProblemType.INVALID_REQUEST,
          "query parameter " + name + " must be true or false, got '" + v + "'");
    };
  }

  static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v);
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected range
    }
    throw new ApiProblem(ProblemType.INVALID_REQUEST,
        "query parameter " + name + " must be an integer in [" + min + ", " + max + "], got '" + v + "'");
  }

  /** {@code ?banks=a,b}: the named banks, or empty for all. */
  static Set<String> banksParam(RoutingContext ctx) {
    String v = ctx.request().getParam("banks");
    Set<String> out = new LinkedHashSet<>();
    if (v == null || v.isBlank()) {
      return out;
    }
    for (String name : v.split(",", -1)) {
      String n = name.strip();
      if (!BankConfig.isValidName(n)) {
        throw new ApiProblem(ProblemType.BANK_NOT_FOUND, "no bank named '" + abbreviate(n) + "'");
      }
      out.add(n);
    }
    return out;
  }

  /** The bank path parameter; a malformed name cannot exist, so it is a 404. */
  static String bankParam(RoutingContext ctx) {
    String n = ctx.pathParam("bank");
    if (n == null || !BankConfig.isValidName(n)) {
      throw new ApiProblem(ProblemType.BANK_NOT_FOUND, "no bank named '" + abbreviate(String.valueOf(n)) + "'");
    }
    return n;
  }

  /** Why: {@code reason} in the JSON body wins over the {@code X-Reason} header and {@code ?reason=}. */
  static @Nullable String reason(RoutingContext ctx, @Nullable JsonObject body) {
    String r = body == null ? null : optString(body, "reason", MAX_REASON, "");
    if (r == null) {
      r = ctx.request().getHeader("X-Reason");
    }
    if (r == null) {
      r = ctx.request().getParam("reason");
    }
    if (r != null && r.length() > MAX_REASON) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST,
          "reason is " + r.length() + " characters, at most " + MAX_REASON + " allowed");
    }
    return r == null || r.isBlank() ? null : r;
  }

  /** A hash set from JSON: pdq, quality (default 100), phash, md5, sha256; at least one hash. */
  static QueryHashes queryHashes(JsonObject o, String where) {
    rejectUnknown(o, HASH_FIELDS, where);
    Hash256 pdq = pdq(o, where);
    Integer quality = optInt(o, "quality", 0, 100, where);
    Hash64 phash = phash(o, where);
    String md5 = hexField(o, "md5", HEX32, 32, where);
    String sha256 = hexField(o, "sha256", HEX64, 64, where);
    if (pdq == null && phash == null && md5 == null && sha256 == null) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST,
          where + "a hash set needs at least one of pdq, phash, md5, sha256");
    }
    List<PdqProbe> probes = pdq == null ? List.of() : List.of(new PdqProbe(Dihedral.ORIGINAL, pdq));
    return new QueryHashes(pdq, probes, quality == null ? 100 : quality, phash, md5, sha256);
  }

  /** An entry draft from JSON: a hash set plus provenance. */
  static EntryDraft entryDraft(JsonObject o, String addedBy, String where, Set<String> extraAllowed) {
    Set<String> allowed = new HashSet<>(ENTRY_FIELDS);
    allowed.addAll(extraAllowed);
    rejectUnknown(o, allowed, where);
    JsonObject hashes = new JsonObject();
    for (String f : HASH_FIELDS) {
      if (o.containsKey(f)) {
        hashes.put(f, o.getValue(f));
      }
    }
    QueryHashes q = queryHashes(hashes, where);
    Map<String, String> metadata = new HashMap<>();
    Object m = o.getValue("metadata");
    if (m != null) {
      if (!(m instanceof JsonObject mo)) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST, where + "metadata must be an object of strings");
      }
      for (String k : mo.fieldNames()) {
        metadata.put(k, metaValue(k, mo.getValue(k), where));
      }
    }
    checkMetadata(metadata, where);
    List<PdqVariant> variants = pdqVariants(o, q.pdq() != null, where);
    return new EntryDraft(q.pdq(), q.pdq() == null ? 0 : q.quality(), q.phash(), q.md5(), q.sha256(),
        optString(o, "reference", MAX_REFERENCE, where),
        optString(o, "source", MAX_SOURCE, where),
        optString(o, "note", MAX_NOTE, where),
        addedBy, metadata, variants);
  }

  /**
   * The optional {@code pdqVariants} array of an entry: at most {@value
   * EntryDraft#MAX_PDQ_VARIANTS} objects {@code {"label", "pdq", "quality"}} (quality optional,
   * default 100), labels unique and matching {@code [a-z0-9+-]{1,32}}, only beside a {@code pdq}.
   */
  static List<PdqVariant> pdqVariants(JsonObject o, boolean hasPdq, String where) {
    Object v = o.getValue("pdqVariants");
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, where + "pdqVariants must be an array");
    }
    if (!a.isEmpty() && !hasPdq) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, where + "pdqVariants need a pdq hash");
    }
    if (a.size() > EntryDraft.MAX_PDQ_VARIANTS) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, where + "pdqVariants has " + a.size()
          + " items, at most " + EntryDraft.MAX_PDQ_VARIANTS + " allowed");
    }
    List<PdqVariant> out = new ArrayList<>(a.size());
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      String at = where + "pdqVariants[" + i + "].";
      if (!(a.getValue(i) instanceof JsonObject item)) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST,
            where + "pdqVariants[" + i + "] must be an object");
      }
      rejectUnknown(item, VARIANT_FIELDS, at);
      if (!(item.getValue("label") instanceof String label) || !PdqVariant.isValidLabel(label)) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST,
            at + "label must be a string matching [a-z0-9+-]{1,32}");
      }
      if (!labels.add(label)) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST,
            at + "label '" + label + "' is used twice");
      }
      Hash256 h = pdq(item, at);
      if (h == null) {
        throw new ApiProblem(ProblemType.INVALID_HASH, at + "pdq is missing");
      }
      Integer quality = optInt(item, "quality", 0, 100, at);
      out.add(new PdqVariant(label, h, quality == null ? 100 : quality));
    }
    return out;
  }

  static String metaValue(String key, @Nullable Object v, String where) {
    if (!(v instanceof String s)) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, where + "metadata." + key + " must be a string");
    }
    return s;
  }

  static void checkMetadata(Map<String, String> metadata, String where) {
    if (metadata.size() > MAX_METADATA_KEYS) {
      throw new ApiProblem(ProblemType.INVALID_REQUEST,
          where + "metadata has " + metadata.size() + " keys, at most " + MAX_METADATA_KEYS + " allowed");
    }
    metadata.forEach((k, v) -> {
      if (!META_KEY.matcher(k).matches()) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST,
            where + "metadata key '" + abbreviate(k) + "' must match [A-Za-z0-9_.-]{1,64}");
      }
      if (v.length() > MAX_METADATA_VALUE) {
        throw new ApiProblem(ProblemType.INVALID_REQUEST,
            where + "metadata." + k + " is " + v.length() + " characters, at most " + MAX_METADATA_VALUE);
      }
    });
  }

  static @Nullable Hash256 pdq(JsonObject o, String where) {
    Object v = o.getValue("pdq");
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new ApiProblem(ProblemType.INVALID_HASH, where + "pdq must be a string of 64 hex digits");
    }
    try {
      return Hash256.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_HASH, where + "pdq: " + e.getMessage());
    }
  }

  static @Nullable Hash64 phash(JsonObject o, String where) {
    Object v = o.getValue("phash");
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new ApiProblem(ProblemType.INVALID_HASH, where + "phash must be a string of 16 hex digits");
    }
    try {
      return Hash64.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_HASH, where + "phash: " + e.getMessage());
    }
  }

  static @Nullable String hexField(JsonObject o, String field, Pattern p, int digits, String where) {
    Object v = o.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || !p.matcher(s).matches()) {
      String got = v instanceof String s ? s.length() + " characters" : "a " + v.getClass().getSimpleName();
      throw new ApiProblem(ProblemType.INVALID_HASH,
          where + field + " must be " + digits + " hex digits, got " + got);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  static String abbreviate(String s) {
    String printable = s.replaceAll("[^\\p{Graph} ]", "?");
    return printable.length() <= 70 ? printable : printable.substring(0, 67) + "...";
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return abbreviate(nl < 0 ? s : s.substring(0, nl));
  }
}

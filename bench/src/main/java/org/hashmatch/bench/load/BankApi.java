package org.hashmatch.bench.load;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hashmatch.hashing.Hash256;
import org.jspecify.annotations.Nullable;

/**
 * The few bank calls the benchmarks need before they start: create a bank if missing, list some of
 * its hashes. All methods block and must be called from a non-Vert.x thread (the main thread).
 */
final class BankApi {
  private static final long SETUP_TIMEOUT_MILLIS = 120_000;
  private static final int PAGE_LIMIT = 1_000;

  private BankApi() {}

  /**
   * Creates {@code bank} with action {@code block} unless it exists.
   *
   * @return whether the bank was created by this call
   * @throws LoadSetupException on any unexpected answer
   */
  static boolean ensureBank(HttpTarget http, String bank) {
    Exchange get = await(http.send(RequestSpec.get("setup", Workloads.bankPath(bank))), "GET bank");
    if (get.status() == 200) {
      return false;
    }
    if (get.status() != 404) {
      throw unexpected("GET " + Workloads.bankPath(bank), 200, get);
    }
    JsonObject create = new JsonObject().put("name", bank).put("action", "block");
    Exchange post = await(http.sendJson(HttpMethod.POST, "/v1/banks", create, 201), "create bank");
    if (post.status() == 200 || post.status() == 201) {
      return true;
    }
    if (post.status() == 409) {
      return false; // created concurrently by someone else
    }
    throw unexpected("POST /v1/banks", 201, post);
  }

  /**
   * Lists up to {@code max} PDQ hashes of {@code bank} through {@code GET
   * /v1/banks/{bank}/entries} pages.
   *
   * @throws LoadSetupException if the bank cannot be listed
   */
  static List<Hash256> listPdq(HttpTarget http, String bank, int max) {
    List<Hash256> out = new ArrayList<>();
    String cursor = null;
    while (out.size() < max) {
      int limit = Math.min(PAGE_LIMIT, max - out.size());
      String path = Workloads.bankPath(bank) + "/entries?limit=" + limit;
      if (cursor != null) {
        path += "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
      }
      Exchange page = await(http.send(RequestSpec.get("setup", path)), "list entries");
      if (page.status() != 200) {
        throw unexpected("GET " + path, 200, page);
      }
      JsonObject json = json(page, "GET " + path);
      JsonArray entries = firstArray(json, "entries", "items", "data");
      if (entries == null || entries.isEmpty()) {
        break;
      }
      for (int i = 0; i < entries.size() && out.size() < max; i++) {
        Object e = entries.getValue(i);
        if (e instanceof JsonObject entry) {
          String hex = pdqOf(entry);
          if (hex != null) {
            out.add(Hash256.fromHex(hex));
          }
        }
      }
      cursor = firstString(json, "nextCursor", "next", "cursor");
      if (cursor == null || cursor.isEmpty()) {
        break;
      }
    }
    return out;
  }

  private static @Nullable String pdqOf(JsonObject entry) {
    String direct = entry.getValue("pdq") instanceof String s ? s : null;
    if (direct != null) {
      return direct;
    }
    for (String holder : List.of("hashes", "signals", "hash")) {
      if (entry.getValue(holder) instanceof JsonObject h && h.getValue("pdq") instanceof String s) {
        return s;
      }
    }
    return null;
  }

  private static @Nullable JsonArray firstArray(JsonObject json, String... names) {
    for (String n : names) {
      if (json.getValue(n) instanceof JsonArray a) {
        return a;
      }
    }
    return null;
  }

  private static @Nullable String firstString(JsonObject json, String... names) {
    for (String n : names) {
      if (json.getValue(n) instanceof String s) {
        return s;
      }
    }
    return null;
  }

  static JsonObject json(Exchange e, String what) {
    try {
      return e.body().toJsonObject();
    } catch (DecodeException | ClassCastException ex) {
      throw new LoadSetupException(what + ": expected a JSON object, got " + snippet(e), ex);
    }
  }

  static LoadSetupException unexpected(String what, int expected, Exchange e) {
    return new LoadSetupException(
        what + ": expected status " + expected + ", got " + e.status() + " " + snippet(e));
  }

  static String snippet(Exchange e) {
    String s = e.body().toString(StandardCharsets.UTF_8);
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  /** Waits for a setup call; the main thread may block. */
  static <T> T await(Future<T> future, String what) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(SETUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadSetupException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new LoadSetupException(what + ": " + cause, cause);
    } catch (TimeoutException e) {
      throw new LoadSetupException(what + ": no answer within " + SETUP_TIMEOUT_MILLIS + " ms", e);
    }
  }
}

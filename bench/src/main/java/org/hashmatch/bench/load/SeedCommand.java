package org.hashmatch.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code bin/hashmatch bench seed}: creates a bank if missing and fills it with deterministic
 * synthetic PDQ hashes through the batch route; prints one JSON line with the count and seconds.
 */
public final class SeedCommand {
  static final String USAGE =
      """
      usage: bin/hashmatch bench seed --target URL --key KEY --bank B --size N [options]
        --seed S          hashes are SyntheticHashes.hash(S, i), i in [offset, offset+N) (default 1)
        --offset I        first index (default 0), to grow a bank in steps
        --batch N         entries per batch call, at most 10000 (default 10000)
        --concurrency N   batch calls in flight (default 4)
        --timeout-ms N    per-call timeout (default 300000)
      The key needs the curator role (admin if the bank must be created).
      """;
  private static final Set<String> VALUED =
      Set.of("target", "key", "bank", "size", "seed", "offset", "batch", "concurrency", "timeout-ms");

  private SeedCommand() {}

  /** Entry point; exits 2 on usage errors and 1 on failures. */
  public static void main(String[] argv) {
    Args a;
    Target target;
    try {
      a = Args.parse(Arrays.asList(argv), VALUED, Set.of());
      target = Target.parse(a.require("target"), a.require("key"));
      a.require("bank");
      a.require("size");
    } catch (UsageException e) {
      System.err.println("bench seed: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    try {
      JsonObject out = run(a, target);
      System.out.println(out.encode());
      System.exit(0);
    } catch (UsageException e) {
      System.err.println("bench seed: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
    } catch (LoadSetupException e) {
      System.err.println("bench seed: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("bench seed: interrupted");
      System.exit(1);
    }
  }

  static JsonObject run(Args a, Target target) throws InterruptedException {
    String bank = a.require("bank");
    long size = a.longValue("size", 0, 0, 1_000_000_000L);
    long seed = a.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    long offset = a.longValue("offset", 0, 0, Long.MAX_VALUE / 2);
    int batch = a.intValue("batch", BankSeeder.MAX_BATCH, 1, BankSeeder.MAX_BATCH);
    int concurrency = a.intValue("concurrency", 4, 1, 64);
    long timeout = a.longValue("timeout-ms", 300_000, 1, 3_600_000);
    Vertx vertx = Vertx.vertx();
    try (HttpTarget http = new HttpTarget(vertx, target, concurrency, timeout)) {
      BankSeeder.Outcome o = new BankSeeder(vertx, http).seed(bank, size, offset, seed, batch, concurrency);
      return new JsonObject()
          .put("bank", bank)
          .put("created", o.created())
          .put("count", o.count())
          .put("seconds", Histograms.round3(o.seconds()))
          .put("entriesPerSecond", o.seconds() > 0 ? Math.round(o.count() / o.seconds()) : 0)
          .put("seed", seed)
          .put("offset", offset);
    } finally {
      BankApi.await(vertx.close(), "close Vert.x");
    }
  }
}

package org.hashmatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.hashmatch.service.HashmatchService;
import org.hashmatch.service.ServiceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario, briefly and at a low rate, against the real service started in the test (temp
 * data directory, port 0): proves the request shapes are what the service accepts and the
 * summaries are well-formed. One service for the class keeps the suite short.
 */
class ScenarioServiceTest {
  private static final String BANK = "bench";
  private static final int SEEDED = 2_000;

  @TempDir static Path data;
  @TempDir static Path images;
  private static Vertx vertx;
  private static HashmatchService service;
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    ServiceConfig d = ServiceConfig.defaults(data);
    ServiceConfig config =
        new ServiceConfig(
            data, "127.0.0.1", 0, d.bodyLimitBytes(), d.maxPixels(), d.hashWorkers(),
            d.maxQueuedImages(), d.batchLimit(), d.requestTimeoutMillis(), false);
    service = BankApi.await(HashmatchService.start(vertx, config), "start service");
    key = service.createKey("admin", "bench");
    Args seedArgs =
        Args.parse(
            List.of("--bank", BANK, "--size", Integer.toString(SEEDED), "--seed", "5", "--batch", "500"),
            Set.of("bank", "size", "seed", "batch"),
            Set.of());
    JsonObject seeded = SeedCommand.run(seedArgs, Target.parse("http://127.0.0.1:" + service.port(), key));
    assertThat(seeded.getLong("count")).isEqualTo(SEEDED);
    TestImages.write(images, 4, 3);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      BankApi.await(service.close(), "stop service");
    }
    BankApi.await(vertx.close(), "close");
  }

  private JsonObject run(String scenario, String... more) throws Exception {
    return run(scenario, 40, more);
  }

  private JsonObject run(String scenario, int rate, String... more) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--scenario", scenario, "--rate", Integer.toString(rate), "--duration", "1", "--warmup", "0.3",
                "--connections", "4", "--bank", BANK, "--seed", "5"));
    args.addAll(List.of(more));
    JsonObject s =
        LoadTestSupport.runLoad(
            LoadTestSupport.options(service.port(), key, args.toArray(String[]::new)));
    LoadTestSupport.assertWellFormed(s, scenario);
    assertThat(s.getLong("ok")).as("all requests succeed: %s", s.getJsonObject("errorsBy"))
        .isEqualTo(s.getLong("scheduled"));
    return s;
  }

  @Test
  void health() throws Exception {
    run("health");
  }

  @Test
  void matchHash_plantedHashesFromTheBankMatch() throws Exception {
    JsonObject s = run("match-hash");
    assertThat(s.getJsonObject("decisions").getLong("block")).isPositive();
    assertThat(s.getJsonObject("decisions").getLong("none")).isPositive();
  }

  @Test
  void matchImage() throws Exception {
    JsonObject s = run("match-image", "--images", images.toString());
    assertThat(s.getJsonObject("decisions").fieldNames()).isNotEmpty();
  }

  @Test
  void mixed() throws Exception {
    JsonObject s = run("mixed", "--add-fraction", "0.2");
    assertThat(s.getJsonObject("byKind").fieldNames()).containsExactlyInAnyOrder("match", "add");
  }

  @Test
  void freshness() throws Exception {
    JsonObject s = run("freshness", 10);
    JsonObject f = s.getJsonObject("freshnessMs");
    assertThat(f.getLong("probes")).isEqualTo(s.getLong("ok"));
    assertThat(f.getLong("count")).isEqualTo(f.getLong("probes"));
    assertThat(f.getLong("notFound")).isZero();
  }
}

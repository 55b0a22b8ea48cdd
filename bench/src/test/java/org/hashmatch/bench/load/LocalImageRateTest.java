package org.hashmatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImageRateTest {

  @Test
  void run_generatedImages_reportsPositiveRateWithoutFailures(@TempDir Path dir) throws Exception {
    TestImages.write(dir, 3, 1);
    for (String scenario : List.of("decode-only", "hash-only")) {
      JsonObject s =
          LocalImageRate.run(
              List.of("--scenario", scenario, "--images", dir.toString(), "--duration", "0.5",
                  "--warmup", "0.1", "--threads", "1"),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(s.getString("scenario")).isEqualTo(scenario);
      assertThat(s.getLong("completed")).isPositive();
      assertThat(s.getLong("failures")).isZero();
      assertThat(s.getDouble("rate")).isPositive();
      LoadTestSupport.assertPercentilesOrdered(s.getJsonObject("opMs"));
    }
  }

  @Test
  void run_folderWithoutImages_setupErrorNamesTheFolder(@TempDir Path dir) {
    assertThatThrownBy(
            () -> LocalImageRate.run(
                List.of("--scenario", "decode-only", "--images", dir.toString(), "--duration", "1"),
                System.err))
        .isInstanceOf(LoadSetupException.class)
        .hasMessageContaining(dir.toString());
    assertThat(LocalImageRate.localMode(List.of("--scenario", "health"))).isNull();
  }
}

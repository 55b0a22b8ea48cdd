package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** With logQueryHashes on (and only then, see PrivacyTest), match queries' hashes are logged. */
class QueryHashLoggingTest extends ServiceTestBase {

  @Override
  ServiceConfig config(Path dir) {
    return new ServiceConfig(dir, "127.0.0.1", 0, 20 * MB, 100_000_000L, 2, 32, 1000, 30_000, true);
  }

  @Test
  void logQueryHashes_putsTheQueryInTheAccessLog() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger access = Logger.getLogger("org.hashmatch.service.access");
    access.addHandler(capture);
    try {
      String md5 = "0123456789abcdef".repeat(2);
      assertThat(postJson("/v1/match", matcher, "{\"md5\":\"" + md5 + "\"}").status()).isEqualTo(200);
      // The line is written when the response has ended, so it may trail the response a little.
      int polls = 0;
      while (lines.stream().noneMatch(l -> l.contains("\"query\"") && l.contains(md5))) {
        assertThat(++polls).as("no access log line with the query: %s", lines).isLessThan(500);
        assertHealthy();
      }
    } finally {
      access.removeHandler(capture);
    }
  }
}

package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Images never touch disk or logs: during image requests no file appears (or changes) in the temp
 * directory or the data directory, except the index's own files when an entry is added, and none
 * of those holds the image's bytes; the access log holds neither image bytes nor query hashes.
 * The test JVM's java.io.tmpdir is private to this module (see the pom), so the watch is exact.
 */
class PrivacyTest extends ServiceTestBase {

  private static Map<Path, Long> snapshot(Path root) {
    Map<Path, Long> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(p -> {
        try {
          files.put(p, Files.size(p) * 31 + Files.getLastModifiedTime(p).toMillis());
        } catch (IOException e) {
          // a file vanished while walking: it is not there afterwards either
          files.put(p, -1L);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static List<Path> changed(Map<Path, Long> before, Map<Path, Long> after) {
    List<Path> out = new ArrayList<>();
    after.forEach((p, v) -> {
      if (!v.equals(before.get(p))) {
        out.add(p);
      }
    });
    return out;
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void imageRequests_leaveNoFiles_andNoImageDataInLogs() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    createBank("private", "block");
    byte[] png = TestImages.png(TestImages.photo(400, 300, 77));
    byte[] jpeg = TestImages.jpeg(TestImages.photo(400, 300, 78), 0.9f);
    JsonObject hashes = postImage("/v1/hash", matcher, png).json();
    List<String> logLines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logLines.add(String.valueOf(r.getMessage()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger("").addHandler(capture);
    Logger.getLogger("org.hashmatch.service.access").addHandler(capture);
    try {
      Map<Path, Long> tmpBefore = snapshot(tmp);
      Map<Path, Long> dataBefore = snapshot(dataDir);
      assertThat(postImage("/v1/hash", matcher, png).status()).isEqualTo(200);
      assertThat(call(HttpMethod.POST, "/v1/hash?dihedral=true", matcher, "image/jpeg",
          Buffer.buffer(jpeg)).status()).isEqualTo(200);
      assertThat(postImage("/v1/match", matcher, png).status()).isEqualTo(200);
      assertThat(call(HttpMethod.POST, "/v1/match", matcher, "application/octet-stream",
          Buffer.buffer(jpeg)).status()).isEqualTo(200);
      assertThat(call(HttpMethod.POST, "/v1/match", matcher, "image/png",
          Buffer.buffer(java.util.Arrays.copyOf(png, png.length / 2))).status()).isEqualTo(400);
      assertThat(changed(dataBefore, snapshot(dataDir)))
          .as("data directory changed by match/hash requests").isEmpty();
      assertThat(changed(tmpBefore, snapshot(tmp))).as("temp files from match/hash").isEmpty();

      // Adding an entry writes the index, but never the image.
      assertThat(postImage("/v1/banks/private/entries", curator, png).status()).isEqualTo(201);
      assertThat(changed(tmpBefore, snapshot(tmp)).stream()
          .filter(p -> !p.startsWith(dataDir)).toList()).as("temp files from an entry").isEmpty();
      byte[] needle = java.util.Arrays.copyOfRange(png, png.length / 2, png.length / 2 + 64);
      for (Path p : changed(dataBefore, snapshot(dataDir))) {
        assertThat(contains(Files.readAllBytes(p), needle)).as("image bytes in %s", p).isFalse();
      }
      int polls = 0; // access lines are written when responses end, and may trail them a little
      while (logLines.stream().filter(l -> l.contains("\"route\":\"/v1/")).count() < 6) {
        assertThat(++polls).as("access log lines missing: %s", logLines).isLessThan(500);
        assertHealthy();
      }
    } finally {
      Logger.getLogger("").removeHandler(capture);
      Logger.getLogger("org.hashmatch.service.access").removeHandler(capture);
    }
    // BodyHandler's default upload directory, relative to the working directory, never appears.
    assertThat(Path.of("file-uploads")).doesNotExist();
    assertThat(dataDir.resolve("file-uploads")).doesNotExist();
    for (String line : logLines) {
      assertThat(line).doesNotContain(hashes.getString("pdq")).doesNotContain(hashes.getString("md5"))
          .doesNotContain(hashes.getString("sha256")).doesNotContain(hashes.getString("phash"))
          .doesNotContain(matcher).doesNotContain(curator);
    }
  }
}

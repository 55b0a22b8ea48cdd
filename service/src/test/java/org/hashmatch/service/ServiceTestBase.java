package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real service on port 0 over a temp data directory with one key per role, and offers a
 * small blocking HTTP helper for the JUnit thread (never an event loop). Fails a test if any event
 * loop was reported blocked while it ran.
 */
@ExtendWith(VertxExtension.class)
abstract class ServiceTestBase {

  static final long MB = 1024 * 1024;

  @TempDir Path dataDir;
  Vertx vertx;
  HashmatchService service;
  WebClient client;
  String admin;
  String curator;
  String matcher;
  private final List<String> blocked = new CopyOnWriteArrayList<>();
  private final Handler blockedCapture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      String m = r.getMessage();
      if (m != null && m.contains("has been blocked for") && forbiddenWork(r.getThrown())) {
        blocked.add(r.getLoggerName() + ": " + m + " at " + describe(r.getThrown()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  /**
   * True if a blocked-thread report shows the kind of work that must never run on an event loop:
   * decoding, hashing, index or file I/O, digests. Other reports (a cold JVM loading classes, the
   * shared 2-core test machine not scheduling the thread) are noise, not our code blocking.
   */
  private static boolean forbiddenWork(@Nullable Throwable t) {
    if (t == null) {
      return false;
    }
    for (StackTraceElement e : t.getStackTrace()) {
      String c = e.getClassName();
      if (c.startsWith("org.hashmatch.hashing.") || c.startsWith("org.hashmatch.index.")
          || c.startsWith("org.apache.lucene.") || c.startsWith("javax.imageio.")
          || c.startsWith("com.twelvemonkeys.") || c.equals("sun.nio.ch.FileChannelImpl")
          || c.startsWith("java.security.MessageDigest") || c.startsWith("org.hashmatch.service.audit.")
          || c.startsWith("org.hashmatch.service.auth.KeyStore")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(@Nullable Throwable t) {
    if (t == null) {
      return "(no stack)";
    }
    StringBuilder b = new StringBuilder();
    StackTraceElement[] st = t.getStackTrace();
    for (int i = 0; i < Math.min(12, st.length); i++) {
      b.append("\n  ").append(st[i]);
    }
    return b.toString();
  }

  /** The config a test class runs with; override to tighten limits. */
  ServiceConfig config(Path dir) {
    return new ServiceConfig(dir, "127.0.0.1", 0, 20 * MB, 100_000_000L, 2, 32, 1000, 30_000, false);
  }

  @BeforeEach
  void startService() throws Exception {
    Logger.getLogger("").addHandler(blockedCapture);
    vertx = Vertx.vertx(new VertxOptions()
        // Low, so anything blocking an event loop is reported (and fails the test below).
        .setMaxEventLoopExecuteTime(1000).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(100).setWarningExceptionTime(1).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false)));
    startOn(dataDir);
    admin = service.createKey("admin", "test-admin");
    curator = service.createKey("curator", "test-curator");
    matcher = service.createKey("matcher", "test-matcher");
  }

  void startOn(Path dir) throws Exception {
    service = await(HashmatchService.start(vertx, config(dir)));
    client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(service.port()).setKeepAlive(false));
  }

  void stopService() throws Exception {
    if (client != null) {
      client.close();
      client = null;
    }
    if (service != null) {
      await(service.close());
      service = null;
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    try {
      stopService();
      if (vertx != null) {
        await(vertx.close());
      }
    } finally {
      Logger.getLogger("").removeHandler(blockedCapture);
    }
    assertThat(blocked).as("event loop blocked").isEmpty();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  record Resp(int status, MultiMap headers, Buffer body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String text() {
      return body.toString();
    }

    /** The problem type slug, for problem responses. */
    String problem() {
      assertThat(headers.get("Content-Type")).isEqualTo("application/problem+json");
      String type = json().getString("type");
      assertThat(type).startsWith("https://hashmatch.org/problems/");
      return type.substring("https://hashmatch.org/problems/".length());
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Resp call(HttpMethod method, String path, @Nullable String key, @Nullable String contentType,
      @Nullable Buffer body) throws Exception {
    HttpRequest<Buffer> req = client.request(method, path);
    if (key != null) {
      req.putHeader("Authorization", "Bearer " + key);
    }
    if (contentType != null) {
      req.putHeader("Content-Type", contentType);
    }
    Future<HttpResponse<Buffer>> f = body == null ? req.send() : req.sendBuffer(body);
    HttpResponse<Buffer> r = await(f);
    return new Resp(r.statusCode(), r.headers(), r.body() == null ? Buffer.buffer() : r.body());
  }

  Resp get(String path, @Nullable String key) throws Exception {
    return call(HttpMethod.GET, path, key, null, null);
  }

  Resp delete(String path, @Nullable String key) throws Exception {
    return call(HttpMethod.DELETE, path, key, null, null);
  }

  Resp postJson(String path, @Nullable String key, Object json) throws Exception {
    String text = json instanceof JsonObject o ? o.encode() : json.toString();
    return call(HttpMethod.POST, path, key, "application/json", Buffer.buffer(text));
  }

  Resp postImage(String path, @Nullable String key, byte[] image) throws Exception {
    return call(HttpMethod.POST, path, key, "image/png", Buffer.buffer(image));
  }

  void createBank(String name, String action) throws Exception {
    Resp r = postJson("/v1/banks", admin, new JsonObject().put("name", name).put("action", action));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  void assertHealthy() throws Exception {
    Resp r = get("/healthz", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("ok");
  }
}

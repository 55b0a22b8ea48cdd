package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hashmatch.service.audit.AuditLog;
import org.hashmatch.service.auth.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys command line: create prints the secret once, list never shows it, revoke works. */
class MainTest {

  @TempDir Path data;

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void keys_createListRevoke_areAudited() {
    String secret = run("keys", "create", "--data", data.toString(), "--role", "admin", "--name", "ops")
        .strip();
    assertThat(secret).startsWith("hm_");
    String id = KeyStore.open(data).authenticate(secret).orElseThrow().id();

    String list = run("keys", "list", "--data", data.toString());
    assertThat(list).contains(id).contains("admin").contains("ops").doesNotContain(secret);

    run("keys", "revoke", "--data", data.toString(), id, "--reason", "rotated");
    assertThat(KeyStore.open(data).authenticate(secret)).isEmpty();
    try (AuditLog log = AuditLog.open(data)) {
      assertThat(log.read(0, 10)).extracting(r -> r.record().getString("action"))
          .containsExactly("key.create", "key.revoke");
      assertThat(log.read(1, 1).getFirst().record().getString("reason")).isEqualTo("rotated");
    }
  }

  @Test
  void usageErrors_areReported() {
    assertThatThrownBy(() -> Main.run(new String[] {"keys", "create", "--data", data.toString(),
        "--role", "root"}, System.out, System.err)).isInstanceOf(Main.UsageException.class)
        .hasMessageContaining("role");
    assertThatThrownBy(() -> Main.run(new String[] {"keys", "create", "--role", "admin"},
        System.out, System.err)).hasMessageContaining("--data");
    assertThatThrownBy(() -> Main.run(new String[] {"serve", "--port", "x"}, System.out, System.err))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> Main.run(new String[] {"serve", "--bogus"}, System.out, System.err))
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> Main.run(new String[] {"frobnicate"}, System.out, System.err))
        .hasMessageContaining("frobnicate");
  }
}

package org.hashmatch.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @TempDir Path dir;
  private static final Actor ALICE = new Actor("k_0011223344556677", "alice", "admin");

  private static AuditEvent event(String action, String bank) {
    return new AuditEvent(ALICE, action, bank, List.of("e1", "e2"), null, "because", Map.of("n", 2));
  }

  @Test
  void append_chains_andReadsBack() {
    try (AuditLog log = AuditLog.open(dir)) {
      AuditRecord a = log.append(event("bank.create", "b"));
      AuditRecord b = log.append(event("entry.add", "b"));
      assertThat(a.seq()).isEqualTo(1);
      assertThat(a.prev()).isEqualTo(AuditLogFormatV1.headerHash());
      assertThat(b.prev()).isEqualTo(a.hash());
      List<AuditRecord> all = log.read(0, 10);
      assertThat(all).extracting(AuditRecord::hash).containsExactly(a.hash(), b.hash());
      assertThat(all.get(1).record().getString("reason")).isEqualTo("because");
      assertThat(all.get(1).record().getJsonObject("actor").getString("name")).isEqualTo("alice");
      assertThat(log.read(1, 10)).hasSize(1);
      assertThat(log.read(2, 10)).isEmpty();
    }
    assertThat(AuditLog.verify(dir)).isEqualTo(2);
  }

  @Test
  void twoWriters_interleave_withoutBreakingTheChain() {
    try (AuditLog service = AuditLog.open(dir)) {
      service.append(event("bank.create", "a"));
      try (AuditLog cli = AuditLog.open(dir)) { // the keys command while the service runs
        cli.append(event("key.create", "a"));
      }
      service.append(event("bank.delete", "a"));
      assertThat(service.read(0, 10)).extracting(r -> r.record().getString("action"))
          .containsExactly("bank.create", "key.create", "bank.delete");
    }
    assertThat(AuditLog.verify(dir)).isEqualTo(3);
  }

  @Test
  void everyEditedByte_isDetected() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      log.append(event("bank.create", "b"));
      log.append(event("entry.add", "b"));
    }
    Path f = dir.resolve(AuditLogFormatV1.FILE_NAME);
    byte[] good = Files.readAllBytes(f);
    for (int i = 0; i < good.length; i += 3) {
      if (good[i] == '\n') {
        continue;
      }
      byte[] bad = good.clone();
      bad[i] = (byte) (bad[i] == 'a' ? 'b' : 'a');
      Files.write(f, bad);
      int at = i;
      assertThatThrownBy(() -> AuditLog.verify(dir)).as("edit at byte %d", at)
          .isInstanceOf(AuditLogException.class);
    }
  }

  @Test
  void tornLastLine_isCut_andLoggingGoesOn() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      log.append(event("bank.create", "b"));
    }
    Path f = dir.resolve(AuditLogFormatV1.FILE_NAME);
    Files.writeString(f, "{\"hash\":\"00", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.open(dir)) {
      assertThat(log.lastSeq()).isEqualTo(1);
      log.append(event("bank.delete", "b"));
    }
    assertThat(AuditLog.verify(dir)).isEqualTo(2);
  }

  @Test
  void wrongHeader_isRefused() throws Exception {
    Files.writeString(dir.resolve(AuditLogFormatV1.FILE_NAME),
        "{\"magic\":\"HMAUDIT\",\"format\":\"AuditLogFormatV1\",\"version\":7}\n");
    assertThatThrownBy(() -> AuditLog.open(dir)).isInstanceOf(AuditLogException.class)
        .hasMessageContaining("version is 7");
  }
}

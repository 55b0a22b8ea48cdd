package org.hashmatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.hashmatch.service.audit.AuditLog;
import org.hashmatch.service.audit.AuditLogException;
import org.hashmatch.service.audit.AuditLogFormatV1;
import org.junit.jupiter.api.Test;

/** Closing and starting again on the same data directory keeps banks, entries, keys and audit. */
class RestartTest extends ServiceTestBase {

  @Test
  void restart_keepsBanksEntriesKeysAndAudit() throws Exception {
    createBank("kept", "block");
    Resp patched = call(HttpMethod.PATCH, "/v1/banks/kept", admin, "application/json",
        Buffer.buffer("{\"minQuality\":70,\"pdqRadius\":20}"));
    assertThat(patched.status()).isEqualTo(200);
    byte[] png = TestImages.png(TestImages.photo(400, 300, 31));
    String imageEntry = postImage("/v1/banks/kept/entries?reference=r-img", curator, png)
        .json().getString("id");
    String jsonEntry = postJson("/v1/banks/kept/entries", curator,
        new JsonObject().put("sha256", "ab".repeat(32)).put("note", "n")).json().getString("id");
    Resp newKey = postJson("/v1/keys", admin, "{\"role\":\"curator\",\"name\":\"made-over-http\"}");
    String httpKey = newKey.json().getString("secret");
    long auditBefore = get("/v1/audit", admin).json().getLong("lastSeq");
    String lastHashBefore = get("/v1/audit", admin).json().getString("lastHash");

    stopService();
    assertThat(AuditLog.verify(dataDir)).isEqualTo(auditBefore);
    startOn(dataDir);

    JsonObject bank = get("/v1/banks/kept", httpKey).json();
    assertThat(bank.getInteger("minQuality")).isEqualTo(70);
    assertThat(bank.getInteger("pdqRadius")).isEqualTo(20);
    assertThat(bank.getLong("size")).isEqualTo(2);
    assertThat(get("/v1/banks/kept/entries/" + imageEntry, curator).json().getString("reference"))
        .isEqualTo("r-img");
    assertThat(get("/v1/banks/kept/entries/" + jsonEntry, curator).json().getString("note"))
        .isEqualTo("n");
    JsonObject m = postImage("/v1/match", matcher, png).json();
    assertThat(m.getString("decision")).isEqualTo("block");

    JsonObject audit = get("/v1/audit?limit=1000", admin).json();
    assertThat(audit.getLong("lastSeq")).isEqualTo(auditBefore);
    assertThat(audit.getString("lastHash")).isEqualTo(lastHashBefore);
    JsonArray records = audit.getJsonArray("records");
    List<String> actions = records.stream().map(r -> ((JsonObject) r).getString("action")).toList();
    assertThat(actions).containsSubsequence("key.create", "bank.create", "bank.update", "entry.add",
        "entry.add", "key.create");
    JsonObject add = records.stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("action").equals("entry.add")).findFirst().orElseThrow();
    assertThat(add.getJsonObject("actor").getString("name")).isEqualTo("test-curator");
    assertThat(add.getString("bank")).isEqualTo("kept");
    assertThat(add.getJsonArray("entryIds").getList()).containsExactly(imageEntry);
    // The chain links up: each record's prev is the previous record's hash.
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.getJsonObject(i).getString("prev"))
          .isEqualTo(records.getJsonObject(i - 1).getString("hash"));
    }
    // Time and sequence queries.
    assertThat(get("/v1/audit?since=" + (auditBefore - 1), admin).json().getJsonArray("records"))
        .hasSize(1);
    assertThat(get("/v1/audit?since=2000-01-01T00:00:00Z&limit=2", admin).json()
        .getJsonArray("records")).hasSize(2);
    assertThat(postJson("/v1/match", matcher, "{\"sha256\":\"" + "ab".repeat(32) + "\"}")
        .json().getString("decision")).isEqualTo("block");
  }

  @Test
  void tamperedAuditLog_refusesToStart() throws Exception {
    createBank("t1", "block");
    createBank("t2", "review");
    stopService();
    Path log = dataDir.resolve(AuditLogFormatV1.FILE_NAME);
    String text = Files.readString(log, StandardCharsets.UTF_8);
    Files.writeString(log, text.replace("\"bank\":\"t1\"", "\"bank\":\"tx\""), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> startOn(dataDir))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(AuditLogException.class).hasMessageContaining("edited");

    // Removing a record from the middle breaks the chain too.
    List<String> lines = text.lines().toList();
    Files.write(log, lines.subList(0, lines.size() - 2).stream().toList().isEmpty() ? List.of()
        : java.util.stream.Stream.concat(lines.subList(0, lines.size() - 2).stream(),
            java.util.stream.Stream.of(lines.getLast())).toList(), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AuditLog.verify(dataDir)).isInstanceOf(AuditLogException.class)
        .hasMessageContaining("chain broken");

    Files.writeString(log, text, StandardCharsets.UTF_8);
    startOn(dataDir);
    assertHealthy();
  }
}

package org.hashmatch.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.robust.PdqVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills ({@code SIGKILL}) a child JVM ({@link CrashChild}) in the middle of a stream of
 * acknowledged adds, batch adds and removes, several times over the same directory, and after each
 * kill checks that reopening finds every acknowledged add, no acknowledged remove, every batch
 * either complete or absent, and nothing corrupt.
 */
class CrashRecoveryTest {

  @TempDir Path dir;

  @Test
  void kill9_midStream_keepsEveryAcknowledgedChange() throws Exception {
    Random r = new Random(20261125);
    Set<String> live = new HashSet<>(); // acknowledged adds not acknowledged as removed
    Set<String> removed = new HashSet<>(); // acknowledged removes
    Map<String, List<String>> batches = new HashMap<>(); // acknowledged batches: reference -> ids
    for (int round = 0; round < 3; round++) {
      Set<String> inFlightRemoves = new HashSet<>();
      Set<String> createdBanks = new HashSet<>(); // acknowledged created, not acknowledged deleted
      Set<String> inFlightDeletes = new HashSet<>();
      Set<String> deletedBanks = new HashSet<>();
      Set<String> filledBanks = new HashSet<>();
      int killAfter = 15 + r.nextInt(40);
      List<String> lines = runAndKill(round, killAfter);
      assertThat(lines).as("child output, round %d", round).contains("READY");
      int acks = 0;
      for (String line : lines) {
        String[] f = line.split(" ");
        switch (f[0]) {
          case "ADD" -> {
            live.add(f[1]);
            acks++;
          }
          case "BATCH" -> {
            batches.put(f[1], List.of(f[2].split(",")));
            live.addAll(batches.get(f[1]));
            acks++;
          }
          case "REMOVING" -> inFlightRemoves.add(f[1]);
          case "REMOVE" -> {
            inFlightRemoves.remove(f[1]);
            live.remove(f[1]);
            removed.add(f[1]);
            acks++;
          }
          case "CREATED" -> {
            createdBanks.add(f[1]);
            acks++;
          }
          case "DELETING" -> inFlightDeletes.add(f[1]);
          case "DELETED" -> {
            inFlightDeletes.remove(f[1]);
            createdBanks.remove(f[1]);
            deletedBanks.add(f[1]);
            acks++;
          }
          case "FILLED" -> {
            filledBanks.add(f[1]);
            acks++;
          }
          case "READY" -> {}
          default -> throw new AssertionError("unexpected child output: " + line);
        }
      }
      assertThat(acks)
          .as("acknowledged operations before the kill")
          .isGreaterThanOrEqualTo(killAfter);

      try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
        List<Entry> all = LinearScan.allEntries(index); // decodes every stored entry
        Map<String, Entry> byId = new HashMap<>();
        Map<String, Integer> perBatch = new HashMap<>();
        for (Entry e : all) {
          byId.put(e.id(), e);
          if (e.provenance().reference() != null) {
            perBatch.merge(e.provenance().reference(), 1, Integer::sum);
          }
        }
        for (String id : live) {
          if (!inFlightRemoves.contains(id)) {
            assertThat(byId).as("acknowledged add %s, round %d", id, round).containsKey(id);
          }
        }
        for (String id : removed) {
          assertThat(byId).as("acknowledged remove %s, round %d", id, round).doesNotContainKey(id);
        }
        for (Map.Entry<String, Integer> b : perBatch.entrySet()) {
          List<String> ids = batches.get(b.getKey());
          if (ids == null) {
            // not acknowledged: all or nothing (nothing is not in perBatch at all)
            assertThat(b.getValue())
                .as("unacknowledged batch %s", b.getKey())
                .isEqualTo(CrashChild.BATCH_SIZE);
          } else {
            for (String id : ids) {
              boolean present = byId.containsKey(id);
              if (!inFlightRemoves.contains(id)) {
                assertThat(present).as("batch member %s", id).isEqualTo(!removed.contains(id));
              }
            }
          }
        }
        List<String> bankNames = index.banks().stream().map(BankConfig::name).toList();
        // A deletion that started but was not acknowledged may or may not have become durable.
        List<String> mustExist = new ArrayList<>(createdBanks);
        mustExist.removeAll(inFlightDeletes);
        assertThat(bankNames).containsAll(mustExist).doesNotContainAnyElementsOf(deletedBanks);
        for (String b : bankNames) {
          if (!b.equals(CrashChild.BANK)) {
            // a churn bank that survived: empty or holding its whole batch; then clean it up
            assertThat(index.size(b)).isIn(0L, (long) CrashChild.BATCH_SIZE);
            if (filledBanks.contains(b)) {
              assertThat(index.size(b))
                  .as("acknowledged fill of %s", b)
                  .isEqualTo(CrashChild.BATCH_SIZE);
            }
            index.deleteBank(b);
          }
        }
        all = LinearScan.allEntries(index);
        byId.keySet().retainAll(all.stream().map(Entry::id).toList());
        assertThat(index.size(CrashChild.BANK)).isEqualTo(all.size());
        // The recovered index answers searches and takes writes.
        for (Entry e : all.subList(0, Math.min(5, all.size()))) {
          List<Match> hits =
              index.search(
                  new MatchQuery(
                      Set.of(CrashChild.BANK),
                      List.of(new PdqProbe(Dihedral.ORIGINAL, e.pdq())),
                      null,
                      null,
                      null,
                      OptionalInt.of(0)));
          assertThat(hits).extracting(Match::entry).contains(e);
        }
        for (Entry e : all.stream().filter(x -> !x.pdqVariants().isEmpty()).limit(5).toList()) {
          PdqVariant v = e.pdqVariants().get(e.pdqVariants().size() - 1);
          List<Match> hits =
              index.search(
                  new MatchQuery(
                      Set.of(CrashChild.BANK),
                      List.of(new PdqProbe(Dihedral.ORIGINAL, v.hash())),
                      null,
                      null,
                      null,
                      OptionalInt.of(0)));
          assertThat(hits)
              .filteredOn(m -> m.entry().equals(e))
              .singleElement()
              .satisfies(m -> assertThat(m.entryVariant()).isEqualTo(v.label()));
        }
        // A remove in flight at the kill may or may not have become durable; where it did, it
        // counts as a remove from now on (a later round must not expect its batch member back).
        for (String id : inFlightRemoves) {
          if (!byId.containsKey(id)) {
            removed.add(id);
          }
        }
        // Entries the child added but was killed before acknowledging may survive; they are
        // whole (decoded above) and from now on they count as live.
        live.clear();
        live.addAll(byId.keySet());
      }
    }
  }

  /** Runs the child until it has acknowledged {@code killAfter} operations, then SIGKILLs it. */
  /** Lines other than READY and the in-flight markers (REMOVING, DELETING) acknowledge a change. */
  private static boolean isAcknowledgement(String line) {
    return !line.startsWith("READY") && !line.startsWith("REMOVING") && !line.startsWith("DELETING");
  }

  private List<String> runAndKill(int round, int killAfter) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "--add-modules=jdk.incubator.vector",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            CrashChild.class.getName(),
            dir.toString(),
            Integer.toString(round));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int acks = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        if (isAcknowledgement(line)) {
          acks++;
        }
        if (acks == killAfter) {
          // SIGKILL, no shutdown hooks, no close. Through the ProcessHandle, because
          // Process.destroyForcibly() also closes our end of the pipe, and we want to read what
          // the child printed before it died.
          p.toHandle().destroyForcibly();
          break;
        }
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("child did not die");
      }
      // Whatever the child printed before it died was acknowledged too.
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } finally {
      p.destroyForcibly();
    }
    return lines;
  }
}

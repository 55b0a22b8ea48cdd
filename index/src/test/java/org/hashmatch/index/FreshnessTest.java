package org.hashmatch.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged change is visible to the very next search of the same open index (no reopen, no
 * waiting), also when several writers share group commits.
 */
class FreshnessTest {

  @TempDir Path dir;

  private static boolean found(HashIndex index, Entry e) {
    List<Match> hits =
        index.search(
            new MatchQuery(
                Set.of(e.bank()),
                List.of(new PdqProbe(Dihedral.ORIGINAL, e.pdq())),
                null,
                null,
                null,
                OptionalInt.of(0)));
    return hits.stream().anyMatch(m -> m.entry().id().equals(e.id()));
  }

  @Test
  void concurrentWriters_eachAcknowledgedChange_isVisibleAtOnce() throws Exception {
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(4)) {
      index.createBank(BankConfig.withDefaults("fresh", Action.BLOCK));
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random r = new Random(100 + t);
        results.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  for (int i = 0; i < 8; i++) {
                    Hash256 h = HashIndexTest.randomHash(r);
                    Entry e = index.add("fresh", EntryDraft.ofPdq(h, 90, "fresh"));
                    assertThat(found(index, e)).as("added %s visible", e.id()).isTrue();
                    assertThat(index.get("fresh", e.id())).contains(e);
                    if (i % 2 == 1) {
                      index.remove("fresh", e.id());
                      assertThat(found(index, e)).as("removed %s gone", e.id()).isFalse();
                      assertThat(index.get("fresh", e.id())).isEmpty();
                    }
                    checked++;
                  }
                  return checked;
                }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get()).isEqualTo(8);
      }
      assertThat(index.size("fresh")).isEqualTo(16);
    }
  }

  @Test
  void bankChanges_areVisibleAtOnce() throws Exception {
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("b", Action.BLOCK));
      Entry e = index.add("b", EntryDraft.ofPdq(HashIndexTest.randomHash(new Random(1)), 90, "x"));
      index.updateBank("b", new BankPatch(false, null, null, null, null));
      assertThat(found(index, e)).isFalse();
      index.updateBank("b", new BankPatch(true, null, null, null, null));
      assertThat(found(index, e)).isTrue();
      index.deleteBank("b");
      index.createBank(BankConfig.withDefaults("b", Action.BLOCK));
      assertThat(found(index, e)).isFalse();
    }
  }
}

package org.hashmatch.index.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.Entry;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.IndexOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change builds search tables for the new segment only; a delete builds none. */
class IncrementalTablesTest {

  @TempDir Path dir;

  @Test
  void addAndRemove_doNotRebuildExistingSegments() throws Exception {
    Random r = new Random(11);
    try (LuceneHashIndex index = LuceneHashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      List<EntryDraft> drafts = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        drafts.add(
            EntryDraft.ofPdq(new Hash256(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()),
                100, "t"));
      }
      index.bulkLoad("a", drafts.iterator());
      int segments = index.segmentCount(); // one per bulk indexing thread
      long afterBulk = index.tableBuilds();
      assertThat(afterBulk).isEqualTo(segments);
      long heapAfterBulk = index.searchHeapBytes();

      Entry one =
          index.add("a", EntryDraft.ofPdq(new Hash256(1, 2, 3, 4), 100, "t"));
      assertThat(index.segmentCount()).isEqualTo(segments + 1);
      assertThat(index.tableBuilds()).isEqualTo(afterBulk + 1);
      assertThat(index.searchHeapBytes()).isGreaterThan(heapAfterBulk);

      index.remove("a", one.id());
      assertThat(index.tableBuilds()).isEqualTo(afterBulk + 1);
    }
  }
}

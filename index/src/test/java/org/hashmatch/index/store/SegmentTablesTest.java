package org.hashmatch.index.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.FSDirectory;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.index.Entry;
import org.hashmatch.index.Provenance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-segment structures map every document to its bank and hashes, whatever the bank count. */
class SegmentTablesTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 255, 256, 300})
  void build_mapsEveryDocToItsBank(int bankCount) throws Exception {
    Random r = new Random(bankCount);
    int docs = 2000;
    int[] bankOf = new int[docs];
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w =
            new IndexWriter(d, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
      for (int i = 0; i < docs; i++) {
        // every bank appears; banks numbered sparsely to check numbers are kept, not ordinals
        bankOf[i] = 7 * (i < bankCount ? i : r.nextInt(bankCount)) + 1000;
        boolean withPdq = i % 5 != 0;
        Entry e =
            new Entry(
                EntryIds.format(i + 1),
                "b",
                withPdq ? new Hash256(i, 2L * i, 3L * i, 4L * i) : null,
                50,
                i % 3 == 0 ? new Hash64(i) : null,
                withPdq ? null : "00000000000000000000000000000000",
                null,
                new Provenance(null, null, null, "t", Instant.EPOCH, Map.of()));
        w.addDocument(EntryFields.toDocument(e, i + 1, bankOf[i]));
      }
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(d)) {
        assertThat(reader.leaves()).hasSize(1);
        LeafReader leaf = reader.leaves().get(0).reader();
        SegmentTables t = SegmentTables.build(leaf);
        assertThat(t.bankNumbers).hasSize(bankCount);
        for (int doc = 0; doc < docs; doc++) {
          assertThat(t.bankNumbers[t.bankOrd(doc)]).as("doc %d", doc).isEqualTo(bankOf[doc]);
        }
        // rows of the PDQ table map back to the documents that have a PDQ hash
        assertThat(t.pdq).isNotNull();
        assertThat(t.pdq.size()).isEqualTo(docs - docs / 5);
        int[] rows = t.pdqDocs;
        assertThat(rows).isNotNull();
        for (int row = 0; row < rows.length; row++) {
          int doc = rows[row];
          assertThat(doc % 5).isNotZero();
          assertThat(t.pdq.word(row, 0)).isEqualTo(doc);
          assertThat(t.pdq.word(row, 3)).isEqualTo(4L * doc);
        }
        assertThat(t.phash).isNotNull();
        assertThat(t.phash.size()).isEqualTo((docs + 2) / 3);
      }
    }
  }
}

package org.hashmatch.index.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.index.Entry;
import org.hashmatch.index.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-segment structures map every document to its bank and hashes, whatever the bank count, and
 * every PDQ variant row to its document and position.
 */
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

  @Test
  void build_variantRowsFollowThePrimaries_andMapToDocAndPosition() throws Exception {
    int docs = 300;
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w =
            new IndexWriter(d, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
      for (int i = 0; i < docs; i++) {
        // doc i has i % 4 variants; variant k of doc i is (i, k + 1, 0, 0)
        List<PdqVariant> vs = new ArrayList<>();
        for (int k = 0; k < i % 4; k++) {
          vs.add(new PdqVariant("v" + k, new Hash256(i, k + 1, 0, 0), 50));
        }
        Entry e =
            new Entry(
                EntryIds.format(i + 1),
                "b",
                new Hash256(i, 0, 0, 0),
                50,
                null,
                null,
                null,
                new Provenance(null, null, null, "t", Instant.EPOCH, Map.of()),
                vs);
        w.addDocument(EntryFields.toDocument(e, i + 1, 1));
      }
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(d)) {
        SegmentTables t = SegmentTables.build(reader.leaves().get(0).reader());
        assertThat(t.hasPdqVariants()).isTrue();
        assertThat(t.pdqPrimaryRows).isEqualTo(docs);
        int variants = 0;
        for (int i = 0; i < docs; i++) {
          variants += i % 4;
        }
        assertThat(t.pdq.size()).isEqualTo(docs + variants);
        int[] rows = t.pdqDocs;
        assertThat(rows).isNotNull().hasSize(docs + variants);
        for (int row = 0; row < rows.length; row++) {
          int doc = rows[row];
          assertThat(t.pdq.word(row, 0)).isEqualTo(doc);
          int position = t.pdqVariantOrd(row);
          assertThat(t.pdq.word(row, 1)).as("row %d", row).isEqualTo(position + 1L);
          assertThat(position < 0).isEqualTo(row < docs);
        }
      }
    }
  }

  @Test
  void build_withoutVariants_keepsTheIdentityRowsAndNoVariantArrays() throws Exception {
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      for (int i = 0; i < 100; i++) {
        Entry e =
            new Entry(
                EntryIds.format(i + 1),
                "b",
                new Hash256(i, 0, 0, 0),
                50,
                null,
                null,
                null,
                new Provenance(null, null, null, "t", Instant.EPOCH, Map.of()));
        w.addDocument(EntryFields.toDocument(e, i + 1, 1));
      }
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(d)) {
        SegmentTables t = SegmentTables.build(reader.leaves().get(0).reader());
        assertThat(t.hasPdqVariants()).isFalse();
        assertThat(t.pdqDocs).isNull();
        assertThat(t.pdqVariantOrd(5)).isEqualTo(-1);
      }
    }
  }
}

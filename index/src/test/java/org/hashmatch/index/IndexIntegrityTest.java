package org.hashmatch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged or foreign index directories give typed errors, never wrong answers. */
class IndexIntegrityTest {

  @TempDir Path dir;

  private void fill(int n) throws Exception {
    Random r = new Random(9);
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      java.util.List<EntryDraft> drafts = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        drafts.add(EntryDraft.ofPdq(HashIndexTest.randomHash(r), 100, "t"));
      }
      index.bulkLoad("a", drafts.iterator());
    }
  }

  private Path largestFile() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().equals("write.lock"))
          .max(Comparator.comparingLong(p -> p.toFile().length()))
          .orElseThrow();
    }
  }

  private static void flipByte(Path file, long pos) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x5A);
    }
  }

  @Test
  void open_flippedByteInData_corruptBankWithChecksumVerdict() throws Exception {
    fill(3000);
    Path data = largestFile();
    flipByte(data, data.toFile().length() / 2);
    assertThatThrownBy(() -> HashIndex.open(dir, IndexOptions.DEFAULT))
        .isInstanceOf(CorruptBankException.class)
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .anySatisfy(
                        s ->
                            assertThat(s)
                                .hasMessageContaining("checksum verification")
                                .hasMessageContaining("1 failed")));
  }

  @Test
  void open_flippedByteInCommitPoint_corruptBank() throws Exception {
    fill(10);
    Path segments;
    try (Stream<Path> s = Files.list(dir)) {
      segments =
          s.filter(p -> p.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
    }
    flipByte(segments, segments.toFile().length() / 2);
    assertThatThrownBy(() -> HashIndex.open(dir, IndexOptions.DEFAULT))
        .isInstanceOf(CorruptBankException.class);
  }

  @Test
  void open_newerMetadataVersion_formatVersionException() throws Exception {
    fill(10);
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Map<String, String> data = new java.util.HashMap<>();
      w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      data.put("hashmatch.version", "2");
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
    assertThatThrownBy(() -> HashIndex.open(dir, IndexOptions.DEFAULT))
        .isInstanceOf(FormatVersionException.class)
        .hasMessageContaining("2")
        .hasMessageContaining("[1, 1]");
  }

  @Test
  void open_foreignLuceneIndex_formatVersionException() throws Exception {
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(new StringField("title", "not ours", Field.Store.YES));
      w.addDocument(doc);
      w.commit();
    }
    assertThatThrownBy(() -> HashIndex.open(dir, IndexOptions.DEFAULT))
        .isInstanceOf(FormatVersionException.class);
  }

  @Test
  void open_afterFailedOpen_directoryIsReleased() throws Exception {
    fill(10);
    Path segments;
    try (Stream<Path> s = Files.list(dir)) {
      segments =
          s.filter(p -> p.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
    }
    byte[] good = Files.readAllBytes(segments);
    flipByte(segments, good.length / 2);
    assertThatThrownBy(() -> HashIndex.open(dir, IndexOptions.DEFAULT))
        .isInstanceOf(CorruptBankException.class);
    Files.write(segments, good);
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      assertThat(index.size("a")).isEqualTo(10);
    }
  }
}

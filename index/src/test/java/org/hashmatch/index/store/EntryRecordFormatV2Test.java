package org.hashmatch.index.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.CorruptBankException;
import org.hashmatch.index.Entry;
import org.hashmatch.index.FormatVersionException;
import org.hashmatch.index.HashIndex;
import org.hashmatch.index.IndexOptions;
import org.hashmatch.index.Match;
import org.hashmatch.index.MatchQuery;
import org.hashmatch.index.PdqProbe;
import org.hashmatch.index.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry record: V2 round trip with variants, V1 records (and whole V1-era index directories)
 * still readable, other versions and damaged records rejected with typed exceptions.
 */
class EntryRecordFormatV2Test {

  @TempDir Path dir;

  private static final long ID = 0x0123_4567_89ab_cdefL;

  private static Entry entry(List<PdqVariant> variants) {
    return new Entry(
        EntryIds.format(ID),
        "bank-1",
        new Hash256(1, -2, 3, -4),
        88,
        new Hash64(42),
        "0123456789abcdef0123456789abcdef",
        null,
        new Provenance("case", null, "note", "alice", Instant.ofEpochMilli(1_700_000_000_123L),
            Map.of("k", "v")),
        variants);
  }

  @Test
  void encodeDecode_withVariants_roundTrips() {
    Entry e =
        entry(
            List.of(
                new PdqVariant("trim", new Hash256(5, 6, 7, 8), 0),
                new PdqVariant("rot-3", new Hash256(-1, -1, -1, -1), 100)));
    byte[] b = EntryRecordFormatV2.encode(e, ID);
    assertThat(b[0]).isEqualTo((byte) EntryRecordFormatV2.VERSION);
    assertThat(EntryRecordFormatV2.decode(b, 0, b.length)).isEqualTo(e);
    Entry plain = entry(List.of());
    byte[] p = EntryRecordFormatV2.encode(plain, ID);
    assertThat(EntryRecordFormatV2.decode(p, 0, p.length)).isEqualTo(plain);
  }

  @Test
  void decode_versionOneRecord_readsWithoutVariants() {
    Entry plain = entry(List.of());
    byte[] v1 = EntryRecordFormatV1.encode(plain, ID);
    assertThat(v1[0]).isEqualTo((byte) 1);
    byte[] padded = new byte[v1.length + 3];
    System.arraycopy(v1, 0, padded, 2, v1.length);
    assertThat(EntryRecordFormatV2.decode(padded, 2, v1.length)).isEqualTo(plain);
  }

  @Test
  void decode_otherVersionOrDamage_isTyped() {
    byte[] b =
        EntryRecordFormatV2.encode(
            entry(List.of(new PdqVariant("trim", new Hash256(5, 6, 7, 8), 40))), ID);
    byte[] v3 = b.clone();
    v3[0] = 3;
    assertThatThrownBy(() -> EntryRecordFormatV2.decode(v3, 0, v3.length))
        .isInstanceOf(FormatVersionException.class)
        .hasMessageContaining("1..2");
    assertThatThrownBy(() -> EntryRecordFormatV2.decode(b, 0, b.length - 1))
        .isInstanceOf(CorruptBankException.class);
    byte[] badQuality = b.clone();
    badQuality[badQuality.length - 1] = (byte) 101;
    assertThatThrownBy(() -> EntryRecordFormatV2.decode(badQuality, 0, badQuality.length))
        .isInstanceOf(CorruptBankException.class)
        .hasMessageContaining("quality");
    byte[] badLabel = b.clone();
    badLabel[badLabel.length - 1 - 32 - 4] = 'T'; // "trim" -> "Trim"
    assertThatThrownBy(() -> EntryRecordFormatV2.decode(badLabel, 0, badLabel.length))
        .isInstanceOf(CorruptBankException.class);
    assertThatThrownBy(() -> EntryRecordFormatV1.encode(entry(
            List.of(new PdqVariant("trim", new Hash256(5, 6, 7, 8), 40))), ID))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A directory as the index wrote it before variants existed (V1 records, no {@code pdqv} field)
   * opens, serves and accepts new entries with variants beside the old ones.
   */
  @Test
  void open_directoryOfVersionOneRecords_servesThem() throws Exception {
    java.util.Random r = new java.util.Random(3);
    Hash256 oldHash = new Hash256(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    Entry old =
        new Entry(
            EntryIds.format(ID),
            "old",
            oldHash,
            90,
            null,
            null,
            null,
            new Provenance(null, null, null, "v1", Instant.ofEpochMilli(1_700_000_000_000L),
                Map.of()));
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(NumericDocValuesField.indexedField(EntryFields.ID, ID));
      doc.add(NumericDocValuesField.indexedField(EntryFields.BANK, 0));
      doc.add(
          new BinaryDocValuesField(EntryFields.PDQ, new BytesRef(EntryFields.pdqBytes(oldHash))));
      doc.add(new StoredField(EntryRecordFormatV1.FIELD, EntryRecordFormatV1.encode(old, ID)));
      w.addDocument(doc);
      w.setLiveCommitData(
          BankCatalogFormatV1.encode(
                  List.of(
                      new BankCatalogFormatV1.NumberedBank(
                          0, BankConfig.withDefaults("old", Action.BLOCK))),
                  ID,
                  1)
              .entrySet());
      w.commit();
    }
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      assertThat(index.get("old", old.id())).contains(old);
      Hash256 variant = new Hash256(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
      Hash256 primary = new Hash256(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
      index.add(
          "old",
          org.hashmatch.index.EntryDraft.ofPdq(primary, 90, "t")
              .withPdqVariants(List.of(new PdqVariant("trim", variant, 60))));
      assertThat(index.size("old")).isEqualTo(2);
      List<Match> viaOld = index.search(probe(oldHash));
      assertThat(viaOld).singleElement().satisfies(m -> assertThat(m.entry()).isEqualTo(old));
      assertThat(index.search(probe(variant)))
          .singleElement()
          .satisfies(m -> assertThat(m.entryVariant()).isEqualTo("trim"));
      assertThat(index.compact()).isEqualTo(1);
      assertThat(index.search(probe(oldHash))).singleElement();
      assertThat(index.search(probe(variant))).singleElement();
    }
  }

  private static MatchQuery probe(Hash256 h) {
    return new MatchQuery(
        Set.of(), List.of(new PdqProbe(Dihedral.ORIGINAL, h)), null, null, null,
        OptionalInt.empty());
  }
}

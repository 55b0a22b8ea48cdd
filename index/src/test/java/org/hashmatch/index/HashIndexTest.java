package org.hashmatch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashIndexTest {

  @TempDir Path dir;

  private static final IndexOptions OPTS = IndexOptions.DEFAULT;

  static Hash256 randomHash(Random r) {
    return new Hash256(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
  }

  static Hash256 flipBits(Hash256 h, int n, Random r) {
    Hash256 out = h;
    Set<Integer> done = new java.util.HashSet<>();
    while (done.size() < n) {
      int k = r.nextInt(256);
      if (done.add(k)) {
        out = out.flip(k);
      }
    }
    return out;
  }

  static MatchQuery pdqQuery(Hash256 h, Set<String> banks) {
    return new MatchQuery(
        banks, List.of(new PdqProbe(Dihedral.ORIGINAL, h)), null, null, null, OptionalInt.empty());
  }

  @Test
  void add_thenSearch_thenRemove_thenSearch() throws Exception {
    Random r = new Random(1);
    try (HashIndex index = HashIndex.open(dir, OPTS)) {
      index.createBank(BankConfig.withDefaults("takedowns", Action.BLOCK));
      Hash256 h = randomHash(r);
      Entry e =
          index.add(
              "takedowns",
              new EntryDraft(h, 90, new Hash64(42), "0123456789abcdef0123456789abcdef", null,
                  "case-1", "ncmec", "a note", "alice", Map.of("k", "v")));
      assertThat(e.id()).hasSize(16);
      assertThat(e.bank()).isEqualTo("takedowns");

      Hash256 near = flipBits(h, 20, r);
      List<Match> hits = index.search(pdqQuery(near, Set.of()));
      assertThat(hits).hasSize(1);
      assertThat(hits.get(0).distance()).isEqualTo(20);
      assertThat(hits.get(0).signal()).isEqualTo(Signal.PDQ);
      assertThat(hits.get(0).variant()).isEqualTo(Dihedral.ORIGINAL);
      assertThat(hits.get(0).entry()).isEqualTo(e);
      assertThat(index.search(pdqQuery(flipBits(h, 32, r), Set.of()))).isEmpty();

      assertThat(index.get("takedowns", e.id())).contains(e);
      assertThat(index.size("takedowns")).isEqualTo(1);
      assertThat(index.remove("takedowns", e.id())).isEqualTo(e);
      assertThat(index.search(pdqQuery(near, Set.of()))).isEmpty();
      assertThat(index.get("takedowns", e.id())).isEmpty();
      assertThat(index.size("takedowns")).isZero();
      assertThatThrownBy(() -> index.remove("takedowns", e.id()))
          .isInstanceOf(EntryNotFoundException.class);
    }
  }

  @Test
  void search_allSignals_oneMatchPerEntryAndSignal() throws Exception {
    Random r = new Random(2);
    try (HashIndex index = HashIndex.open(dir, OPTS)) {
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      Hash256 h = randomHash(r);
      String md5 = "00112233445566778899aabbccddeeff";
      String sha = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
      Entry e =
          index.add("a", new EntryDraft(h, 80, new Hash64(0xF0F0L), md5, sha, null, null, null,
              "bob", Map.of()));
      Hash256 rot = flipBits(h, 5, r);
      MatchQuery q =
          new MatchQuery(
              Set.of("a"),
              List.of(
                  new PdqProbe(Dihedral.ORIGINAL, flipBits(h, 9, r)),
                  new PdqProbe(Dihedral.ROT90, rot),
                  new PdqProbe(Dihedral.ROT180, rot)),
              new Hash64(0xF0F1L),
              md5,
              sha,
              OptionalInt.empty());
      List<Match> hits = index.search(q);
      assertThat(hits)
          .extracting(Match::signal, Match::distance, Match::variant)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(Signal.PDQ, 5, Dihedral.ROT90),
              org.assertj.core.groups.Tuple.tuple(Signal.PHASH, 1, null),
              org.assertj.core.groups.Tuple.tuple(Signal.MD5, 0, null),
              org.assertj.core.groups.Tuple.tuple(Signal.SHA256, 0, null));
      assertThat(hits).allSatisfy(m -> assertThat(m.entry()).isEqualTo(e));
    }
  }

  @Test
  void banks_createUpdateDeleteList() throws Exception {
    Random r = new Random(3);
    try (HashIndex index = HashIndex.open(dir, OPTS)) {
      assertThat(index.banks()).isEmpty();
      index.createBank(BankConfig.withDefaults("b", Action.REVIEW));
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      assertThat(index.banks()).extracting(BankConfig::name).containsExactly("a", "b");
      assertThatThrownBy(() -> index.createBank(BankConfig.withDefaults("a", Action.ALLOW)))
          .isInstanceOf(BankExistsException.class);

      BankConfig updated = index.updateBank("a", new BankPatch(false, 10, null, 70, null));
      assertThat(updated).isEqualTo(new BankConfig("a", false, 10, 8, 70, Action.BLOCK));
      assertThat(index.bank("a")).contains(updated);
      assertThatThrownBy(() -> index.updateBank("zz", new BankPatch(null, null, null, null, null)))
          .isInstanceOf(BankNotFoundException.class);

      Hash256 h = randomHash(r);
      index.add("a", EntryDraft.ofPdq(h, 100, "t"));
      index.add("b", EntryDraft.ofPdq(h, 100, "t"));
      // a is disabled: never searched, even when named.
      assertThat(index.search(pdqQuery(h, Set.of()))).extracting(m -> m.entry().bank())
          .containsExactly("b");
      assertThat(index.search(pdqQuery(h, Set.of("a")))).isEmpty();
      index.updateBank("a", new BankPatch(true, null, null, null, null));
      assertThat(index.search(pdqQuery(h, Set.of()))).extracting(m -> m.entry().bank())
          .containsExactlyInAnyOrder("a", "b");
      // per-bank radius: a has radius 10
      Hash256 far = flipBits(h, 11, r);
      assertThat(index.search(pdqQuery(far, Set.of()))).extracting(m -> m.entry().bank())
          .containsExactly("b");

      index.deleteBank("a");
      assertThat(index.banks()).extracting(BankConfig::name).containsExactly("b");
      assertThatThrownBy(() -> index.size("a")).isInstanceOf(BankNotFoundException.class);
      assertThatThrownBy(() -> index.deleteBank("a")).isInstanceOf(BankNotFoundException.class);
      assertThatThrownBy(() -> index.search(pdqQuery(h, Set.of("a"))))
          .isInstanceOf(BankNotFoundException.class);
      assertThatThrownBy(() -> index.add("a", EntryDraft.ofPdq(h, 100, "t")))
          .isInstanceOf(BankNotFoundException.class);
      // a re-created bank of the same name starts empty
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      assertThat(index.size("a")).isZero();
      assertThat(index.search(pdqQuery(h, Set.of()))).extracting(m -> m.entry().bank())
          .containsExactly("b");
    }
  }

  @Test
  void list_paginatesInIdOrder() throws Exception {
    Random r = new Random(4);
    try (HashIndex index = HashIndex.open(dir, OPTS)) {
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      index.createBank(BankConfig.withDefaults("other", Action.BLOCK));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        List<EntryDraft> batch = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
          batch.add(EntryDraft.ofPdq(randomHash(r), 100, "t"));
        }
        index.addAll("a", batch).forEach(e -> ids.add(e.id()));
        index.add("other", EntryDraft.ofPdq(randomHash(r), 100, "t"));
      }
      index.remove("a", ids.remove(7));
      assertThat(ids).isSorted();

      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        EntryPage page = index.list("a", cursor, 7);
        page.entries().forEach(e -> seen.add(e.id()));
        cursor = page.nextCursor();
        pages++;
      } while (cursor != null);
      assertThat(seen).isEqualTo(ids);
      assertThat(pages).isEqualTo(4);
      assertThatThrownBy(() -> index.list("a", "not a cursor!", 7))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.list("a", null, 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.list("a", null, 1001))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> index.list("nope", null, 10))
          .isInstanceOf(BankNotFoundException.class);
    }
  }

  @Test
  void reopen_keepsBanksEntriesAndIdOrder() throws Exception {
    Random r = new Random(5);
    List<Entry> added = new ArrayList<>();
    BankConfig cfg = new BankConfig("keep", true, 20, 4, 60, Action.REVIEW);
    try (HashIndex index = HashIndex.open(dir, OPTS)) {
      index.createBank(cfg);
      for (int i = 0; i < 10; i++) {
        added.add(index.add("keep", EntryDraft.ofPdq(randomHash(r), 90, "t")));
      }
      index.remove("keep", added.remove(3).id());
    }
    try (HashIndex index = HashIndex.open(dir, OPTS)) {
      assertThat(index.banks()).containsExactly(cfg);
      assertThat(index.list("keep", null, 100).entries()).isEqualTo(added);
      for (Entry e : added) {
        assertThat(index.search(pdqQuery(e.pdq(), Set.of("keep"))))
            .extracting(Match::entry).containsExactly(e);
      }
      Entry later = index.add("keep", EntryDraft.ofPdq(randomHash(r), 90, "t"));
      assertThat(later.id()).isGreaterThan(added.get(added.size() - 1).id());
    }
  }

  @Test
  void bulkLoad_streamsAndIsSearchable() throws Exception {
    Random r = new Random(6);
    int n = 20_000;
    Hash256[] planted = new Hash256[10];
    try (HashIndex index = HashIndex.open(dir, new IndexOptions(50, 2))) {
      index.createBank(BankConfig.withDefaults("bulk", Action.BLOCK));
      Iterator<EntryDraft> it =
          new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
              return i < n;
            }

            @Override
            public EntryDraft next() {
              Hash256 h = randomHash(r);
              if (i % 2000 == 0) {
                planted[i / 2000] = h;
              }
              i++;
              return EntryDraft.ofPdq(h, 100, "bulk");
            }
          };
      assertThat(index.bulkLoad("bulk", it)).isEqualTo(n);
      assertThat(index.size("bulk")).isEqualTo(n);
      for (Hash256 h : planted) {
        assertThat(index.search(pdqQuery(flipBits(h, 30, r), Set.of())))
            .extracting(m -> m.entry().pdq()).containsExactly(h);
      }
    }
  }

  @Test
  void badInput_typedErrors() throws Exception {
    assertThatThrownBy(() -> Hash256.fromHex("abc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64");
    assertThatThrownBy(() -> Hash256.fromHex("z".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-hex");
    assertThatThrownBy(() -> Hash64.fromHex("0123")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new EntryDraft(null, 50, null, "XYZ", null, null, null, null, "t", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new EntryDraft(null, 50, null, null, null, null, null, null, "t", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BankConfig.withDefaults("Bad Name", Action.BLOCK))
        .isInstanceOf(IllegalArgumentException.class);
    try (HashIndex index = HashIndex.open(dir, OPTS)) {
      Hash256 h = Hash256.ZERO;
      assertThatThrownBy(() -> index.add("missing", EntryDraft.ofPdq(h, 1, "t")))
          .isInstanceOf(BankNotFoundException.class);
      assertThatThrownBy(() -> index.remove("missing", "0000000000000001"))
          .isInstanceOf(BankNotFoundException.class);
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      assertThatThrownBy(() -> index.remove("a", "not-an-id"))
          .isInstanceOf(EntryNotFoundException.class);
      assertThat(index.get("a", "not-an-id")).isEmpty();
      assertThatThrownBy(() -> HashIndex.open(dir, OPTS))
          .isInstanceOf(IndexUnavailableException.class);
      for (int bad : new int[] {-1, 257}) {
        MatchQuery q =
            new MatchQuery(
                Set.of(), List.of(new PdqProbe(Dihedral.ORIGINAL, h)), null, null, null,
                OptionalInt.of(bad));
        assertThatThrownBy(() -> index.search(q)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("got " + bad);
      }
    }
  }

  @Test
  void close_isIdempotent_andLaterCallsAreUnavailable() throws Exception {
    HashIndex index = HashIndex.open(dir, OPTS);
    index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
    index.close();
    index.close();
    assertThatThrownBy(() -> index.banks()).isInstanceOf(IndexUnavailableException.class);
    assertThatThrownBy(() -> index.add("a", EntryDraft.ofPdq(Hash256.ZERO, 1, "t")))
        .isInstanceOf(IndexUnavailableException.class);
    assertThatThrownBy(() -> index.search(pdqQuery(Hash256.ZERO, Set.of())))
        .isInstanceOf(IndexUnavailableException.class);
  }
}

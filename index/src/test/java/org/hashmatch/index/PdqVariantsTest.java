package org.hashmatch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.robust.PdqVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries with PDQ variants: a probe near any stored hash matches the entry once, reporting which
 * hash (and which probe) hit; variants are part of their entry for counting, listing, removal,
 * bank deletion, reopening and compaction.
 */
class PdqVariantsTest {

  @TempDir Path dir;

  private final Random r = new Random(6);

  private static MatchQuery query(List<PdqProbe> probes) {
    return new MatchQuery(Set.of(), probes, null, null, null, OptionalInt.empty());
  }

  private static MatchQuery query(Hash256 h) {
    return query(List.of(new PdqProbe(Dihedral.ORIGINAL, h)));
  }

  private EntryDraft draft(Hash256 primary, PdqVariant... variants) {
    return EntryDraft.ofPdq(primary, 90, "test").withPdqVariants(List.of(variants));
  }

  private Hash256 random() {
    return HashIndexTest.randomHash(r);
  }

  private Hash256 flip(Hash256 h, int bits) {
    return HashIndexTest.flipBits(h, bits, r);
  }

  @Test
  void search_nearAVariant_matchesTheEntryWithThatLabel() throws Exception {
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      Hash256 primary = random();
      Hash256 trim = random();
      Hash256 crop = random();
      Entry e =
          index.add(
              "a",
              draft(primary, new PdqVariant("trim", trim, 80), new PdqVariant("crop5", crop, 70)));
      assertThat(e.pdqVariants()).extracting(PdqVariant::label).containsExactly("trim", "crop5");

      List<Match> viaCrop = index.search(query(flip(crop, 7)));
      assertThat(viaCrop)
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.entryVariant()).isEqualTo("crop5");
                assertThat(m.distance()).isEqualTo(7);
                assertThat(m.trimmed()).isFalse();
                assertThat(m.entry()).isEqualTo(e);
              });
      assertThat(index.search(query(flip(primary, 3))))
          .singleElement()
          .satisfies(m -> assertThat(m.entryVariant()).isNull());
      assertThat(index.search(query(flip(trim, 31))))
          .singleElement()
          .satisfies(m -> assertThat(m.entryVariant()).isEqualTo("trim"));
      assertThat(index.search(query(flip(trim, 32)))).isEmpty();
    }
  }

  @Test
  void search_severalHashesInRadius_oneMatchWithSmallestDistanceAndTieBreak()
      throws Exception {
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      Hash256 q = random();
      // primary at 10 bits, "a" at 4, "b" at 4: the smallest distance wins, then stored order
      Hash256 primary = flip(q, 10);
      Entry e =
          index.add(
              "a",
              draft(
                  primary,
                  new PdqVariant("far", flip(q, 20), 50),
                  new PdqVariant("a", flip(q, 4), 50),
                  new PdqVariant("b", flip(q, 4), 50)));
      assertThat(index.search(query(q)))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.distance()).isEqualTo(4);
                assertThat(m.entryVariant()).isEqualTo("a");
                assertThat(m.entry().id()).isEqualTo(e.id());
              });

      // primary and a variant at the same distance: the primary wins
      Hash256 q2 = random();
      index.add("a", draft(flip(q2, 6), new PdqVariant("x", flip(q2, 6), 50)));
      assertThat(index.search(query(q2)))
          .singleElement()
          .satisfies(m -> assertThat(m.entryVariant()).isNull());

      // equal distances through two probes: the earlier probe wins, even on a variant
      Hash256 p3 = random();
      Hash256 v3 = random();
      index.add("a", draft(p3, new PdqVariant("y", v3, 50)));
      Hash256 probeNearVariant = flip(v3, 5);
      Hash256 probeNearPrimary = flip(p3, 5);
      List<Match> tie =
          index.search(
              query(
                  List.of(
                      new PdqProbe(Dihedral.ROT90, probeNearVariant, true),
                      new PdqProbe(Dihedral.ORIGINAL, probeNearPrimary))));
      assertThat(tie)
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.variant()).isEqualTo(Dihedral.ROT90);
                assertThat(m.trimmed()).isTrue();
                assertThat(m.entryVariant()).isEqualTo("y");
              });
      // and a strictly smaller distance beats the earlier probe
      List<Match> closer =
          index.search(
              query(
                  List.of(
                      new PdqProbe(Dihedral.ROT90, probeNearVariant, true),
                      new PdqProbe(Dihedral.ORIGINAL, flip(p3, 2)))));
      assertThat(closer)
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.variant()).isEqualTo(Dihedral.ORIGINAL);
                assertThat(m.trimmed()).isFalse();
                assertThat(m.entryVariant()).isNull();
                assertThat(m.distance()).isEqualTo(2);
              });
    }
  }

  @Test
  void sizeListRemoveDelete_countAndRemoveEntriesWithTheirVariants() throws Exception {
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      List<EntryDraft> drafts = new ArrayList<>();
      List<Hash256> variantHashes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        List<PdqVariant> vs = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
          Hash256 h = random();
          variantHashes.add(h);
          vs.add(new PdqVariant("v" + k, h, 60));
        }
        drafts.add(EntryDraft.ofPdq(random(), 90, "t").withPdqVariants(vs));
      }
      List<Entry> added = index.addAll("a", drafts);
      assertThat(index.size("a")).isEqualTo(4);
      EntryPage page = index.list("a", null, 3);
      assertThat(page.entries()).hasSize(3);
      EntryPage rest = index.list("a", page.nextCursor(), 3);
      assertThat(rest.entries()).hasSize(1);
      assertThat(rest.nextCursor()).isNull();
      assertThat(page.entries()).containsExactlyElementsOf(added.subList(0, 3));
      assertThat(index.get("a", added.get(3).id())).contains(added.get(3));

      index.remove("a", added.get(0).id());
      assertThat(index.size("a")).isEqualTo(3);
      for (int k = 0; k < 5; k++) {
        assertThat(index.search(query(variantHashes.get(k)))).isEmpty();
      }
      assertThat(index.search(query(variantHashes.get(5))))
          .singleElement()
          .satisfies(m -> assertThat(m.entryVariant()).isEqualTo("v0"));

      index.deleteBank("a");
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      assertThat(index.size("a")).isZero();
      for (Hash256 h : variantHashes) {
        assertThat(index.search(query(h))).isEmpty();
      }
    }
  }

  @Test
  void reopenAndCompact_keepVariantsSearchable() throws Exception {
    Hash256 primary = random();
    Hash256 variant = random();
    Entry e;
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("a", Action.BLOCK));
      e = index.add("a", draft(primary, new PdqVariant("rot-3", variant, 77)));
      List<EntryDraft> plain = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        plain.add(EntryDraft.ofPdq(random(), 90, "t"));
      }
      index.bulkLoad("a", plain.iterator()); // segments without variants beside one with
    }
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      assertThat(index.get("a", e.id())).contains(e);
      assertThat(index.search(query(flip(variant, 9))))
          .singleElement()
          .satisfies(m -> assertThat(m.entryVariant()).isEqualTo("rot-3"));
      assertThat(index.compact()).isEqualTo(1);
      assertThat(index.search(query(flip(variant, 9))))
          .singleElement()
          .satisfies(m -> assertThat(m.entry()).isEqualTo(e));
      assertThat(index.size("a")).isEqualTo(201);
    }
  }

  @Test
  void draft_invalidVariants_areRejected() throws Exception {
    Hash256 h = random();
    PdqVariant v = new PdqVariant("trim", random(), 50);
    assertThatThrownBy(
            () ->
                new EntryDraft(
                    null, 0, null, "0123456789abcdef0123456789abcdef", null, null, null, null,
                    "t", Map.of(), List.of(v)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("primary");
    assertThatThrownBy(() -> draft(h, v, new PdqVariant("trim", random(), 60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repeated");
    List<PdqVariant> many = new ArrayList<>();
    for (int i = 0; i <= EntryDraft.MAX_PDQ_VARIANTS; i++) {
      many.add(new PdqVariant("v" + i, random(), 50));
    }
    assertThatThrownBy(() -> EntryDraft.ofPdq(h, 50, "t").withPdqVariants(many))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most");
    assertThat(EntryDraft.ofPdq(h, 50, "t").withPdqVariants(many.subList(0, 32)).pdqVariants())
        .hasSize(32);
  }
}

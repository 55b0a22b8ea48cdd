package org.hashmatch.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.robust.PdqVariant;

/**
 * Search results equal a linear scan over the stored entries, for random and clustered
 * (near-duplicate family) banks, radii 0..80, multi-probe (dihedral and trimmed) queries, entries
 * with PDQ variants (some segments have none, some many), several segments and deletions. Each try
 * builds a fresh index from its seed: entries arrive in many committed batches
 * (one segment each) plus a bulk load, some are removed, one bank gets a small radius and another
 * is disabled.
 */
class HashIndexProperties {

  enum Shape {
    RANDOM,
    CLUSTERED
  }

  @Property(tries = 2, seed = "20261125")
  void randomBank_searchEqualsLinearScan(@ForAll @IntRange(min = 0, max = 1_000_000) int seed)
      throws Exception {
    check(seed, Shape.RANDOM);
  }

  @Property(tries = 2, seed = "20261125")
  void clusteredBank_searchEqualsLinearScan(@ForAll @IntRange(min = 0, max = 1_000_000) int seed)
      throws Exception {
    check(seed, Shape.CLUSTERED);
  }

  private static void check(int seed, Shape shape) throws Exception {
    Path dir = Files.createTempDirectory("hashmatch-prop");
    try (HashIndex index = HashIndex.open(dir, new IndexOptions(50, 1))) {
      Random r = new Random(seed);
      index.createBank(new BankConfig("a", true, 31, 8, 50, Action.BLOCK));
      index.createBank(new BankConfig("b", true, 12, 4, 50, Action.REVIEW));
      index.createBank(new BankConfig("off", false, 80, 8, 50, Action.BLOCK));
      List<Hash256> centres = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        centres.add(HashIndexTest.randomHash(r));
      }
      List<Entry> added = new ArrayList<>();
      String[] banks = {"a", "b", "off"};
      for (int batch = 0; batch < 7; batch++) {
        List<EntryDraft> drafts = new ArrayList<>();
        int n = 20 + r.nextInt(60);
        // batches 1, 4, 5 carry variants (on about half their entries); the others none, so both
        // kinds of segment tables are searched
        boolean withVariants = batch == 1 || batch == 4 || batch == 5;
        for (int i = 0; i < n; i++) {
          EntryDraft d = draft(r, shape, centres);
          drafts.add(withVariants ? withVariants(r, d) : d);
        }
        added.addAll(index.addAll(banks[batch % 3], drafts));
      }
      List<EntryDraft> bulk = new ArrayList<>();
      for (int i = 0; i < 1500; i++) {
        EntryDraft d = draft(r, shape, centres);
        bulk.add(i % 5 == 0 ? withVariants(r, d) : d);
      }
      index.bulkLoad("a", bulk.iterator());
      // Remove some entries, spread over the segments: one commit per remove, so keep it small.
      Map<String, BankConfig> configs = new HashMap<>();
      index.banks().forEach(b -> configs.put(b.name(), b));
      List<Entry> all = LinearScan.allEntries(index);
      assertThat(all).hasSize(added.size() + bulk.size());
      for (int i = 0; i < 6; i++) {
        Entry e = all.remove(r.nextInt(all.size()));
        index.remove(e.bank(), e.id());
      }
      // and a whole batch at once (a bank deletion), after which its entries must never show up
      index.createBank(BankConfig.withDefaults("gone", Action.BLOCK));
      index.addAll(
          "gone",
          List.of(withVariants(r, draft(r, shape, centres)), draft(r, shape, centres)));
      index.deleteBank("gone");
      assertThat(LinearScan.allEntries(index)).hasSameElementsAs(all);

      List<Entry> withVariantsAll =
          all.stream().filter(e -> !e.pdqVariants().isEmpty()).toList();
      assertThat(withVariantsAll).isNotEmpty();
      int matched = 0;
      int viaVariant = 0;
      for (int qi = 0; qi < 60; qi++) {
        // every fourth query aims at an entry with variants, near one of its variants
        Entry target =
            qi % 4 == 2
                ? withVariantsAll.get(r.nextInt(withVariantsAll.size()))
                : all.get(r.nextInt(all.size()));
        Hash256 near = target.pdq();
        if (near != null && !target.pdqVariants().isEmpty() && qi % 4 != 0) {
          near = target.pdqVariants().get(r.nextInt(target.pdqVariants().size())).hash();
        }
        Hash256 base =
            qi % 2 == 0 && near != null
                ? HashIndexTest.flipBits(near, r.nextInt(qi % 4 == 2 ? 31 : 81), r)
                : HashIndexTest.randomHash(r);
        List<PdqProbe> probes = new ArrayList<>();
        Dihedral[] variants = Dihedral.values();
        int probeCount = qi % 3 == 0 ? 8 : 1;
        for (int p = 0; p < probeCount; p++) {
          // other "variants" are further near-duplicates of the base, so several probes hit the
          // same entry at different distances, sometimes tied.
          Hash256 h = p == 0 ? base : HashIndexTest.flipBits(base, r.nextInt(20), r);
          probes.add(new PdqProbe(variants[p], h));
        }
        if (qi % 3 == 1) {
          // a "trimmed" probe set after the originals, as the service sends them
          for (int p = 0; p < 2; p++) {
            Hash256 h = HashIndexTest.flipBits(base, r.nextInt(20), r);
            probes.add(new PdqProbe(variants[p], h, true));
          }
        }
        OptionalInt override = qi % 4 == 1 ? OptionalInt.empty() : OptionalInt.of(r.nextInt(81));
        Set<String> which =
            switch (qi % 5) {
              case 0 -> Set.of("a");
              case 1 -> Set.of("a", "b", "off");
              default -> Set.of();
            };
        Hash64 ph =
            qi % 2 == 0 && target.phash() != null
                ? new Hash64(target.phash().bits() ^ (1L << r.nextInt(64)))
                : null;
        String md5 = qi % 7 == 0 ? target.md5() : null;
        MatchQuery q = new MatchQuery(which, probes, ph, md5, null, override);
        List<Match> got = index.search(q);
        assertThat(LinearScan.keys(got))
            .as("query %d (seed %d, %s)", qi, seed, shape)
            .isEqualTo(LinearScan.search(all, configs, q));
        for (Match m : got) {
          assertThat(all).contains(m.entry());
        }
        matched += got.size();
        viaVariant += (int) got.stream().filter(m -> m.entryVariant() != null).count();
      }
      assertThat(matched).as("the queries must exercise matches, not only misses").isPositive();
      assertThat(viaVariant).as("some matches must come through variants").isPositive();
    } finally {
      deleteTree(dir);
    }
  }

  private static EntryDraft draft(Random r, Shape shape, List<Hash256> centres) {
    Hash256 pdq =
        switch (shape) {
          case RANDOM -> HashIndexTest.randomHash(r);
          case CLUSTERED ->
              HashIndexTest.flipBits(centres.get(r.nextInt(centres.size())), r.nextInt(40), r);
        };
    Hash64 ph = r.nextInt(3) == 0 ? new Hash64(r.nextLong() & 0xFFL) : null;
    String md5 = r.nextInt(3) == 0 ? String.format("%032x", r.nextInt(50)) : null;
    return new EntryDraft(
        r.nextInt(8) == 0 ? null : pdq,
        r.nextInt(101),
        ph == null && md5 == null ? new Hash64(r.nextLong()) : ph,
        md5,
        null,
        null,
        null,
        null,
        "prop",
        Map.of());
  }

  /**
   * The draft with 0..5 variants (none if it has no PDQ hash): near the primary (so primary and
   * variants compete for the smallest distance) or unrelated to it.
   */
  private static EntryDraft withVariants(Random r, EntryDraft d) {
    Hash256 pdq = d.pdq();
    if (pdq == null) {
      return d;
    }
    int n = r.nextInt(6);
    List<PdqVariant> vs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Hash256 h =
          r.nextBoolean()
              ? HashIndexTest.flipBits(pdq, r.nextInt(40), r)
              : HashIndexTest.randomHash(r);
      vs.add(new PdqVariant("v" + k, h, r.nextInt(101)));
    }
    return d.withPdqVariants(vs);
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

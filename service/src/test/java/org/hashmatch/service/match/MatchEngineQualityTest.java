package org.hashmatch.service.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.HashIndex;
import org.hashmatch.index.IndexOptions;
import org.hashmatch.index.Match;
import org.hashmatch.index.PdqProbe;
import org.hashmatch.index.Signal;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality gate per probe kind: the untrimmed probes are gated on the query's quality, the
 * trimmed ones on the trimmed image's, per bank; a bank is below quality only when neither passes.
 */
class MatchEngineQualityTest {

  @TempDir Path dir;

  private static Hash256 random(Random r) {
    return new Hash256(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
  }

  @Test
  void trimmedAndUntrimmedProbes_areGatedOnTheirOwnQuality() throws Exception {
    Random r = new Random(9);
    Hash256 original = random(r);
    Hash256 trimmed = random(r);
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      // "strict" wants 80, "lax" 20; each holds an entry at the original and one at the trimmed hash
      index.createBank(new BankConfig("strict", true, 31, 8, 80, Action.BLOCK));
      index.createBank(new BankConfig("lax", true, 31, 8, 10, Action.REVIEW));
      for (String b : List.of("strict", "lax")) {
        index.add(b, EntryDraft.ofPdq(original, 90, "t"));
        index.add(b, EntryDraft.ofPdq(trimmed, 90, "t"));
      }
      MatchEngine engine = new MatchEngine(index, nanos -> {});
      List<PdqProbe> probes = new ArrayList<>();
      // probes beyond the low tier's radius, within the full one
      int far = MatchEngine.LOW_QUALITY_RADIUS + 5;
      probes.add(new PdqProbe(Dihedral.ORIGINAL, flip(original, far)));
      probes.add(new PdqProbe(Dihedral.ORIGINAL, flip(trimmed, far), true));

      // original 50 (passes lax only), trimmed 90 (passes both)
      MatchOutcome o =
          engine.match(new QueryHashes(original, probes, 50, null, null, null, trimmed, 90), Set.of());
      assertThat(hits(o)).containsExactlyInAnyOrder(
          "lax/original", "lax/trimmed", "strict/trimmed");
      assertThat(o.belowQualityBanks()).isEmpty();

      // original 90 (both), trimmed 5 (neither)
      o = engine.match(new QueryHashes(original, probes, 90, null, null, null, trimmed, 5), Set.of());
      assertThat(hits(o)).containsExactlyInAnyOrder("lax/original", "strict/original");

      // original 30 (lax; strict's low tier, too far), trimmed 5 (neither): strict is searched
      o = engine.match(new QueryHashes(original, probes, 30, null, null, null, trimmed, 5), Set.of());
      assertThat(hits(o)).containsExactly("lax/original");
      assertThat(o.belowQualityBanks()).isEmpty();

      // original just under the floor (lax only), trimmed 5: strict says so
      o = engine.match(new QueryHashes(original, probes, MatchEngine.LOW_QUALITY_FLOOR - 1, null, null,
          null, trimmed, 5), Set.of());
      assertThat(hits(o)).containsExactly("lax/original");
      assertThat(o.belowQualityBanks()).containsExactly("strict");
    }
  }

  @Test
  void lowTier_searchesPdqOnlyWithinTheTightRadius() throws Exception {
    Random r = new Random(11);
    Hash256 entry = random(r);
    Hash64 phash = new Hash64(r.nextLong());
    int low = MatchEngine.LOW_QUALITY_RADIUS;
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("b", Action.BLOCK));
      index.createBank(new BankConfig("narrow", true, low - 4, 8, 50, Action.BLOCK));
      for (String b : List.of("b", "narrow")) {
        index.add(b, new EntryDraft(entry, 90, phash, null, null, null, null, null, "t", Map.of(), List.of()));
      }
      MatchEngine engine = new MatchEngine(index, nanos -> {});
      int q = MatchEngine.LOW_QUALITY_FLOOR + 10; // low tier of both banks (minQuality 50)

      // at the tight radius: found in b, not in the narrower bank; the pHash is not searched
      MatchOutcome o = engine.match(one(flip(entry, low), q, phash), Set.of());
      assertThat(o.matches()).extracting(m -> m.entry().bank() + "/" + m.signal())
          .containsExactly("b/" + Signal.PDQ);
      assertThat(o.belowQualityBanks()).isEmpty();

      // one bit beyond it, and anywhere up to the full radius: nothing
      for (int d : new int[] {low + 1, 24, BankConfig.DEFAULT_PDQ_RADIUS}) {
        assertThat(engine.match(one(flip(entry, d), q, null), Set.of()).matches())
            .as("distance %d", d).isEmpty();
      }
      // the same distance at full quality matches
      assertThat(engine.match(one(flip(entry, 24), 50, null), Set.of("b")).matches()).hasSize(1);

      // under the floor: never matched by PDQ or pHash, even identical, and reported
      o = engine.match(one(entry, MatchEngine.LOW_QUALITY_FLOOR - 1, phash), Set.of());
      assertThat(o.matches()).isEmpty();
      assertThat(o.belowQualityBanks()).containsExactly("b", "narrow");
    }
  }

  @Test
  void anEntryFoundByTheFullAndTheLowTier_isReportedOnce() throws Exception {
    Random r = new Random(12);
    Hash256 entry = random(r);
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("b", Action.BLOCK));
      index.add("b", EntryDraft.ofPdq(entry, 90, "t"));
      MatchEngine engine = new MatchEngine(index, nanos -> {});
      List<PdqProbe> probes = List.of(
          new PdqProbe(Dihedral.ORIGINAL, flip(entry, 20)),
          new PdqProbe(Dihedral.ORIGINAL, flip(entry, 3), true));
      MatchOutcome o = engine.match(
          new QueryHashes(entry, probes, 90, null, null, null, entry, 30), Set.of());
      assertThat(o.matches()).singleElement().satisfies(m -> {
        assertThat(m.distance()).isEqualTo(3);
        assertThat(m.trimmed()).isTrue();
      });
    }
  }

  private static QueryHashes one(Hash256 pdq, int quality, @Nullable Hash64 phash) {
    return new QueryHashes(
        pdq, List.of(new PdqProbe(Dihedral.ORIGINAL, pdq)), quality, phash, null, null);
  }

  /** {@code h} with its first {@code bits} bits flipped. */
  private static Hash256 flip(Hash256 h, int bits) {
    long[] w = {h.w0(), h.w1(), h.w2(), h.w3()};
    for (int i = 0; i < bits; i++) {
      w[i / 64] ^= 1L << (i % 64);
    }
    return new Hash256(w[0], w[1], w[2], w[3]);
  }

  private static List<String> hits(MatchOutcome o) {
    List<String> out = new ArrayList<>();
    for (Match m : o.matches()) {
      out.add(m.entry().bank() + "/" + (m.trimmed() ? "trimmed" : "original"));
    }
    return out;
  }
}

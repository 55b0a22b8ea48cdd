package org.hashmatch.service.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.HashIndex;
import org.hashmatch.index.IndexOptions;
import org.hashmatch.index.Match;
import org.hashmatch.index.PdqProbe;
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
      index.createBank(new BankConfig("lax", true, 31, 8, 20, Action.REVIEW));
      for (String b : List.of("strict", "lax")) {
        index.add(b, EntryDraft.ofPdq(original, 90, "t"));
        index.add(b, EntryDraft.ofPdq(trimmed, 90, "t"));
      }
      MatchEngine engine = new MatchEngine(index, nanos -> {});
      List<PdqProbe> probes = new ArrayList<>();
      probes.add(new PdqProbe(Dihedral.ORIGINAL, original));
      probes.add(new PdqProbe(Dihedral.ORIGINAL, trimmed, true));

      // original 50 (passes lax only), trimmed 90 (passes both)
      MatchOutcome o =
          engine.match(new QueryHashes(original, probes, 50, null, null, null, trimmed, 90), Set.of());
      assertThat(hits(o)).containsExactlyInAnyOrder(
          "lax/original", "lax/trimmed", "strict/trimmed");
      assertThat(o.belowQualityBanks()).isEmpty();

      // original 90 (both), trimmed 10 (neither)
      o = engine.match(new QueryHashes(original, probes, 90, null, null, null, trimmed, 10), Set.of());
      assertThat(hits(o)).containsExactlyInAnyOrder("lax/original", "strict/original");

      // original 30 (lax), trimmed 10 (neither): strict searched for nothing, and says so
      o = engine.match(new QueryHashes(original, probes, 30, null, null, null, trimmed, 10), Set.of());
      assertThat(hits(o)).containsExactly("lax/original");
      assertThat(o.belowQualityBanks()).containsExactly("strict");
    }
  }

  private static List<String> hits(MatchOutcome o) {
    List<String> out = new ArrayList<>();
    for (Match m : o.matches()) {
      out.add(m.entry().bank() + "/" + (m.trimmed() ? "trimmed" : "original"));
    }
    return out;
  }
}

package org.hashmatch.bench.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness wired to the deployed {@link org.hashmatch.hashing.robust.RobustPdq}. */
class RobustSidesTest {

  private static final Hashing HASHING = new Hashing(RobustSides.deployed());

  private static LinearBank bank(MatcherVariant v, HashedImage... entries) {
    return new LinearBank(List.of(entries).stream().map(v::stored).toList(), v.radius());
  }

  @Test
  void paddedPicture_matchesOnlyOnceTrimmed() {
    BufferedImage src = SyntheticImages.picture(320, 240, 11);
    HashedImage entry = HASHING.hash(src, 0, true);
    HashedImage padded =
        HASHING.hash(TransformSuite.pad(src, 0.2, Color.WHITE), 0, false);
    assertThat(padded.trimmed()).isNotNull();
    assertThat(bank(MatcherVariant.DIHEDRAL, entry).search(MatcherVariant.DIHEDRAL.probes(padded)))
        .isEmpty();
    for (MatcherVariant v : List.of(MatcherVariant.TRIM, MatcherVariant.AUGMENT)) {
      assertThat(bank(v, entry).search(v.probes(padded)))
          .as(v.label())
          .singleElement()
          .satisfies(h -> assertThat(h.probe()).startsWith("trim/"));
    }
  }

  @Test
  void flatImage_matchesOnlyWithoutTheQualityGate() {
    HashedImage flatEntry = HASHING.hash(Images.canvas(320, 240, new Color(90, 90, 90)), 0, true);
    HashedImage picture = HASHING.hash(SyntheticImages.picture(320, 240, 12), 0, true);
    // The same flat picture re-encoded: plain PDQ calls it a match on a meaningless hash.
    HashedImage flatQuery =
        HASHING.hash(Images.canvas(320, 240, new Color(90, 90, 90)), 90, false);
    assertThat(flatQuery.pdq().quality()).isLessThan(MatcherVariant.MIN_QUALITY);
    assertThat(bank(MatcherVariant.PDQ, flatEntry, picture).search(
            MatcherVariant.PDQ.probes(flatQuery)))
        .extracting(LinearBank.Hit::entry)
        .containsExactly(0);
    for (MatcherVariant v : List.of(MatcherVariant.QUALITY, MatcherVariant.DIHEDRAL,
        MatcherVariant.TRIM, MatcherVariant.AUGMENT)) {
      assertThat(bank(v, flatEntry, picture).search(v.probes(flatQuery))).as(v.label()).isEmpty();
    }
  }

  @Test
  void plainBoxInAFrame_isFlatContent_andNeverMatchesOnTheRobustColumns() {
    BufferedImage box = Images.canvas(320, 240, new Color(120, 120, 120));
    BufferedImage framed = TransformSuite.pad(box, 0.1, Color.WHITE);
    HashedImage entry = HASHING.hash(framed, 0, true);
    HashedImage query = HASHING.hash(framed, 90, false);
    assertThat(query.flatContent()).isTrue();
    assertThat(query.effectiveQuality()).isZero();
    // PDQ rates the frame's outline above the gate, so without the flat-content rule it matches.
    assertThat(bank(MatcherVariant.DIHEDRAL, entry).search(MatcherVariant.DIHEDRAL.probes(query)))
        .hasSize(1);
    for (MatcherVariant v : List.of(MatcherVariant.TRIM, MatcherVariant.AUGMENT)) {
      assertThat(bank(v, entry).search(v.probes(query))).as(v.label()).isEmpty();
    }
  }

  @Test
  void deployed_describesItsAugmentations() {
    assertThat(RobustSides.deployed().describe()).contains("RobustPdq.defaults()", "trim");
  }
}

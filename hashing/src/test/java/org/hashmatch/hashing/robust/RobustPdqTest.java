package org.hashmatch.hashing.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.robust.Planes.Plane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RobustPdqTest {

  private static final int RADIUS = 31;

  private final RobustPdq robust = RobustPdq.defaults();
  private final PdqHasher pdq = PdqHasher.create(PdqHasher.Kernel.SCALAR);

  @Test
  void query_paddedImage_trimmedProbeMatchesTheOriginal() {
    Plane content = Planes.textured(300, 220, 21);
    Plane padded = Planes.pad(content, 60, 44, 60, 44, 255);
    RobustQuery q = robust.query(padded.luma(), padded.width(), padded.height());
    Hash256 original = pdq.hash(content.luma(), 300, 220, false).hash();

    assertThat(q.wasTrimmed()).isTrue();
    assertThat(q.trimRegion()).isNotNull();
    assertThat(q.trimmed().hash().distance(original)).isLessThanOrEqualTo(RADIUS);
    assertThat(q.original().hash().distance(original)).isGreaterThan(RADIUS);
    assertThat(q.original().dihedral()).hasSize(8);
    assertThat(q.trimmed().dihedral()).hasSize(8).containsEntry(Dihedral.ORIGINAL, q.trimmed().hash());
    assertThat(q.original()).isEqualTo(pdq.hash(padded.luma(), padded.width(), padded.height(), true));
  }

  @Test
  void query_mirroredAndPadded_matchesThroughADihedralProbeOfTheTrim() {
    Plane content = Planes.textured(300, 220, 22);
    float[] mirrored = new float[content.luma().length];
    for (int y = 0; y < 220; y++) {
      for (int x = 0; x < 300; x++) {
        mirrored[y * 300 + 299 - x] = content.luma()[y * 300 + x];
      }
    }
    Plane padded = Planes.pad(new Plane(mirrored, 300, 220), 0, 60, 0, 60, 0);
    RobustQuery q = robust.query(padded.luma(), padded.width(), padded.height());
    Hash256 original = pdq.hash(content.luma(), 300, 220, false).hash();
    assertThat(q.trimmed()).isNotNull();
    assertThat(q.trimmed().hash().distance(original)).isGreaterThan(RADIUS);
    assertThat(q.trimmed().dihedral().values()).anyMatch(h -> h.distance(original) <= RADIUS);
  }

  @Test
  void query_noBorder_hasNoTrimmedProbe() {
    Plane p = Planes.textured(256, 192, 23);
    RobustQuery q = robust.query(p.luma(), p.width(), p.height());
    assertThat(q.trimmed()).isNull();
    assertThat(q.trimRegion()).isNull();
    assertThat(q.original().dihedral()).hasSize(8);
  }

  @Test
  void flatImage_neverGivesAPassingHash() {
    Plane p = Planes.flat(240, 180, 128);
    RobustQuery q = robust.query(p.luma(), p.width(), p.height());
    assertThat(q.original().quality()).isZero();
    assertThat(q.trimmed()).isNull();
    assertThat(robust.bankVariants(p.luma(), p.width(), p.height())).isEmpty();
  }

  /**
   * A plain box inside a border: PDQ itself rates the box outline well (quality far above the
   * gate), but nothing robust is derived from it: no trimmed probe (the trim would be flat, quality
   * 0) and no bank variants (crops of a box match only other boxes).
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 20, 60})
  void flatInsideABorder_getsNoTrimmedProbeAndNoVariants(int border) {
    Plane p = Planes.pad(Planes.flat(240, 180, 128), border, border, border, border, 255);
    RobustQuery q = robust.query(p.luma(), p.width(), p.height());
    assertThat(q.trimmed()).isNull();
    assertThat(robust.bankVariants(p.luma(), p.width(), p.height())).isEmpty();
    assertThat(robust.bankVariants(p.luma(), p.width(), p.height(), q)).isEmpty();
    assertThat(robust.trimmer().trim(p.luma(), p.width(), p.height()).outcome())
        .isEqualTo(BorderTrimmer.Outcome.FLAT);
    assertThat(q.flatContent()).isTrue();
    assertThat(q.original().quality()).isGreaterThanOrEqualTo(RobustPdq.DEFAULT_MIN_QUALITY);
    assertThat(q.effectiveQuality()).isZero();
  }

  @Test
  void contentInsideABorder_isNotFlat() {
    Plane p = Planes.pad(Planes.textured(240, 180, 31), 20, 20, 20, 20, 255);
    RobustQuery q = robust.query(p.luma(), p.width(), p.height());
    assertThat(q.flatContent()).isFalse();
    assertThat(q.effectiveQuality()).isEqualTo(q.original().quality());
    assertThat(robust.query(Planes.textured(64, 48, 32).luma(), 64, 48).flatContent()).isFalse();
  }

  @Test
  void bankVariants_deterministicUniqueGatedAndLabelled() {
    Plane content = Planes.textured(320, 240, 24);
    Plane padded = Planes.pad(content, 30, 30, 30, 30, 255);
    List<PdqVariant> v = robust.bankVariants(padded.luma(), padded.width(), padded.height());
    assertThat(robust.bankVariants(padded.luma(), padded.width(), padded.height())).isEqualTo(v);

    List<String> labels = v.stream().map(PdqVariant::label).toList();
    assertThat(labels).doesNotHaveDuplicates().first().isEqualTo(RobustPdq.TRIM_LABEL);
    Set<String> allowed = robust.augmentations().stream().map(Augmentation::label)
        .collect(Collectors.toSet());
    assertThat(labels.subList(1, labels.size())).allMatch(allowed::contains);
    assertThat(v).allMatch(x -> x.quality() >= RobustPdq.DEFAULT_MIN_QUALITY);
    assertThat(v).hasSizeLessThanOrEqualTo(RobustPdq.MAX_VARIANTS);
    assertThat(v.size()).isEqualTo(1 + robust.augmentations().size());

    Hash256 primary = pdq.hash(padded.luma(), padded.width(), padded.height(), false).hash();
    assertThat(v).noneMatch(x -> x.hash().equals(primary));
  }

  @Test
  void bankVariants_withQuery_equalsTheStandaloneCall() {
    Plane padded = Planes.pad(Planes.textured(280, 210, 25), 0, 40, 0, 40, 0);
    RobustQuery q = robust.query(padded.luma(), padded.width(), padded.height());
    assertThat(robust.bankVariants(padded.luma(), padded.width(), padded.height(), q))
        .isEqualTo(robust.bankVariants(padded.luma(), padded.width(), padded.height()));
    Plane other = Planes.textured(100, 100, 1);
    assertThatThrownBy(() -> robust.bankVariants(other.luma(), 100, 100, q))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Edits that defeat plain PDQ, each rescued by one of the default variants. */
  @ParameterizedTest
  @ValueSource(strings = {"crop5", "crop10", "rot+2white", "rot-2black", "crop5rot+1"})
  void bankVariants_editedCopyMatchesAVariantWhereThePrimaryDoesNot(String edit) {
    int misses = 0;
    int rescued = 0;
    for (long seed = 30; seed < 36; seed++) {
      Plane bank = Planes.textured(360, 270, seed);
      Plane query = switch (edit) {
        case "crop5" -> Planes.crop(bank, 18, 13, 324, 244);
        case "crop10" -> Planes.crop(bank, 36, 27, 288, 216);
        case "rot+2white" -> Planes.rotateJava2d(bank, 2, 255);
        case "rot-2black" -> Planes.rotateJava2d(bank, -2, 0);
        case "crop5rot+1" -> Planes.crop(Planes.rotateJava2d(bank, 1, 255), 18, 13, 324, 244);
        default -> throw new IllegalArgumentException(edit);
      };
      Hash256 primary = pdq.hash(bank.luma(), bank.width(), bank.height(), false).hash();
      List<Hash256> probes = new ArrayList<>(
          robust.query(query.luma(), query.width(), query.height()).original().dihedral().values());
      if (probes.stream().noneMatch(h -> h.distance(primary) <= RADIUS)) {
        misses++;
        List<PdqVariant> variants = robust.bankVariants(bank.luma(), bank.width(), bank.height());
        if (variants.stream().anyMatch(v -> probes.stream().anyMatch(h -> h.distance(v.hash()) <= RADIUS))) {
          rescued++;
        }
      }
    }
    assertThat(misses).as("plain PDQ misses of %s", edit).isGreaterThanOrEqualTo(5);
    assertThat(rescued).as("rescued by a variant").isEqualTo(misses);
  }

  /**
   * The query's 8 dihedral probes are derived from one DCT; for these sizes PDQ's box filter and
   * sampling are not symmetric, so a copy turned pixel by pixel lands more than the radius from
   * every derived probe. The pixel-domain variants are the hashes of the turned pixels and meet it.
   */
  @ParameterizedTest(name = "{0}x{1} seed {2} {3}")
  @CsvSource({
    "128, 128, 2, ROT180",
    "128, 128, 3, ROT90",
    "256, 256, 4, ROT180",
    "128, 128, 3, FLIP_Y",
    "131, 257, 2, FLIP_Y",
    "131, 257, 4, ROT90",
  })
  void bankVariants_pixelTurnedCopy_matchesAPixelVariantWhereTheDerivedProbesMiss(
      int width, int height, long seed, Dihedral turn) {
    Plane bank = Planes.textured(width, height, seed);
    Plane query = Planes.turned(bank, turn);
    Hash256 primary = robust.query(bank.luma(), width, height).original().hash();
    RobustQuery q = robust.query(query.luma(), query.width(), query.height());
    assertThat(q.wasTrimmed()).isFalse();
    List<Hash256> probes = List.copyOf(q.original().dihedral().values());
    assertThat(probes).allMatch(h -> h.distance(primary) > RADIUS, "all probes miss the primary");

    List<PdqVariant> variants = robust.bankVariants(bank.luma(), width, height);
    assertThat(variants)
        .filteredOn(v -> probes.stream().anyMatch(h -> h.distance(v.hash()) <= RADIUS))
        .isNotEmpty()
        .allMatch(v -> v.label().startsWith("px-"), "only pixel-domain variants match");
  }

  @Test
  void bankVariants_mirroredAndLetterboxedCutOut_matchesTheTrimmedPixelMirror() {
    // A picture on a white margin (as a cut-out on white), mirrored, then letterboxed in black:
    // the query's trim is the mirrored picture, whose derived flip misses for this size.
    Plane picture = Planes.textured(128, 128, 3);
    Plane bank = Planes.pad(picture, 20, 20, 20, 20, 255);
    Plane query = Planes.pad(Planes.turned(bank, Dihedral.FLIP_Y), 70, 0, 70, 0, 0);
    RobustQuery q = robust.query(query.luma(), query.width(), query.height());
    assertThat(q.trimRegion()).isEqualTo(new Region(90, 20, 128, 128));

    List<PdqVariant> variants = robust.bankVariants(bank.luma(), bank.width(), bank.height());
    List<Hash256> probes = new ArrayList<>(q.original().dihedral().values());
    probes.addAll(q.trimmed().dihedral().values());
    Hash256 primary = robust.query(bank.luma(), bank.width(), bank.height()).original().hash();
    assertThat(probes).allMatch(h -> h.distance(primary) > RADIUS);
    assertThat(variants)
        .filteredOn(v -> probes.stream().anyMatch(h -> h.distance(v.hash()) <= RADIUS))
        .extracting(PdqVariant::label)
        .containsExactly("trim-px-flipy");
  }

  /** Large images take the shrunk-rotation path; its variants must still match. */
  @Test
  void bankVariants_largeImageRotatedCopy_matchesARotationVariant() {
    Plane bank = Planes.textured(1400, 1000, 40);
    Plane query = Planes.rotateJava2d(bank, 2, 255);
    Hash256 q = pdq.hash(query.luma(), query.width(), query.height(), false).hash();
    Hash256 primary = pdq.hash(bank.luma(), bank.width(), bank.height(), false).hash();
    assertThat(q.distance(primary)).isGreaterThan(RADIUS);
    List<PdqVariant> variants = robust.bankVariants(bank.luma(), bank.width(), bank.height());
    assertThat(variants).filteredOn(v -> v.label().equals("rot+2"))
        .singleElement()
        .matches(v -> v.hash().distance(q) <= RADIUS, "within radius of the rotated copy");
  }

  @Test
  void malformedArguments_throw() {
    assertThatThrownBy(() -> robust.query(new float[11], 3, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> robust.query(new float[0], 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> robust.bankVariants(new float[12], 4, -3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> robust.bankVariants(new float[5], 2, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tinyImages_hashWithoutVariants() {
    Plane p = Planes.textured(4, 3, 1);
    assertThat(robust.query(p.luma(), 4, 3).original().quality()).isZero();
    assertThat(robust.bankVariants(p.luma(), 4, 3)).isEmpty();
  }

  @Test
  void constructor_rejectsBadConfigurations() {
    BorderTrimmer t = BorderTrimmer.defaults();
    assertThatThrownBy(() -> new RobustPdq(pdq, t,
        List.of(new Augmentation.CentreCrop(5), new Augmentation.CentreCrop(5)), 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crop5");
    List<Augmentation> many = new ArrayList<>();
    for (int p = 1; p <= 32; p++) {
      many.add(new Augmentation.CentreCrop(p));
    }
    assertThatThrownBy(() -> new RobustPdq(pdq, t, many, 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RobustPdq(pdq, t, List.of(), 101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new RobustPdq(pdq, t, many.subList(0, 31), 0).augmentations()).hasSize(31);
  }

  @Test
  void augmentations_labelsAreValidAndParametersChecked() {
    List<Augmentation> all = List.of(
        new Augmentation.CentreCrop(5),
        new Augmentation.EdgeCrop(Augmentation.Edge.TOP, 10),
        new Augmentation.EdgeCrop(Augmentation.Edge.RIGHT, 50),
        new Augmentation.Rotation(2),
        new Augmentation.Rotation(-2),
        new Augmentation.Rotation(-45, Augmentation.Corners.CROPPED),
        new Augmentation.PixelSymmetry(Dihedral.ROT90, false),
        new Augmentation.PixelSymmetry(Dihedral.FLIP_Y, true));
    assertThat(all).extracting(Augmentation::label)
        .containsExactly(
            "crop5", "top10", "right50", "rot+2", "rot-2", "rotcrop-45", "px-rot90", "trim-px-flipy")
        .allMatch(PdqVariant::isValidLabel);
    assertThat(RobustPdq.defaultAugmentations()).extracting(Augmentation::label)
        .allMatch(PdqVariant::isValidLabel)
        .doesNotContain(RobustPdq.TRIM_LABEL);
    assertThatThrownBy(() -> new Augmentation.CentreCrop(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Augmentation.CentreCrop(41)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Augmentation.EdgeCrop(Augmentation.Edge.LEFT, 51))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Augmentation.Rotation(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Augmentation.Rotation(46)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Augmentation.PixelSymmetry(Dihedral.ORIGINAL, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyAugmentation_runsOnOddSizes() {
    List<Augmentation> all = List.of(
        new Augmentation.CentreCrop(40),
        new Augmentation.EdgeCrop(Augmentation.Edge.TOP, 50),
        new Augmentation.EdgeCrop(Augmentation.Edge.BOTTOM, 50),
        new Augmentation.EdgeCrop(Augmentation.Edge.LEFT, 50),
        new Augmentation.EdgeCrop(Augmentation.Edge.RIGHT, 50),
        new Augmentation.Rotation(45),
        new Augmentation.Rotation(-30, Augmentation.Corners.CROPPED),
        new Augmentation.PixelSymmetry(Dihedral.ROT90, false),
        new Augmentation.PixelSymmetry(Dihedral.TRANSVERSE, false),
        new Augmentation.PixelSymmetry(Dihedral.FLIP_X, true));
    RobustPdq r = new RobustPdq(pdq, BorderTrimmer.defaults(), all, 0);
    for (int[] size : new int[][] {{1, 1}, {2, 9}, {7, 3}, {97, 13}, {201, 150}}) {
      Plane p = Planes.textured(size[0], size[1], size[0]);
      List<PdqVariant> v = r.bankVariants(p.luma(), size[0], size[1]);
      assertThat(v).extracting(PdqVariant::label).doesNotHaveDuplicates();
    }
  }

  @Test
  void query_resultInvariant_trimmedAndRegionTogether() {
    PdqResult r = pdq.hash(Planes.textured(64, 64, 1).luma(), 64, 64, true);
    assertThatThrownBy(() -> new RobustQuery(r, r, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RobustQuery(r, null, new Region(0, 0, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

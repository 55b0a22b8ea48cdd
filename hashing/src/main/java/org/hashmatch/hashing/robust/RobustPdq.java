package org.hashmatch.hashing.robust;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqResult;

/**
 * PDQ that survives real-world edits. Query side ({@link #query}): the image as given plus, when
 * {@link BorderTrimmer} finds borders, the trimmed image, each with all 8 dihedral variants (from
 * one DCT each). Bank side ({@link #bankVariants}): extra labelled hashes of an entry's image,
 * {@code "trim"} and one per {@link Augmentation}. Thread-safe.
 *
 * <p>Variant labels: {@code "trim"} is the border-trimmed image; {@code "crop<p>"} a centre crop of
 * {@code p} % per side; {@code "top<p>"}, {@code "bottom<p>"}, {@code "left<p>"}, {@code
 * "right<p>"} the image with {@code p} % cut off that edge; {@code "rot+<d>"}/{@code "rot-<d>"} the
 * image rotated by {@code d} degrees counter-clockwise/clockwise and cropped to its inside;
 * {@code "px-rot90"}, {@code "px-rot180"}, {@code "px-rot270"} the image turned counter-clockwise
 * pixel by pixel, {@code "trim-px-flipy"} the trimmed image mirrored left-right pixel by pixel
 * ({@link Augmentation.PixelSymmetry}).
 */
public final class RobustPdq {

  /*
   * Why this default configuration (measured on the 329 "core" images of the issue 6 corpus, a
   * seeded half as bank, PDQ radius 31, quality gate 50; recall of the edited bank half, per
   * cent; "dihedral" = the 8 query variants; "+trim" = trimmed query probes and the "trim" bank
   * variant; "+variants" = the default bank variants as well):
   *
   *   edit                          plain  dihedral  +trim  +variants
   *   pad 10 / 20 % white, 20 % black   0      0      100    100
   *   letterbox 16:9 (black)          0.6    0.6     98.8   98.8
   *   mirror + letterbox                0      0     96.9   96.9
   *   caption bar 20 %, top, white      0      0     93.9   93.9
   *   caption bar 20 %, bottom, black   0      0     98.8   98.8
   *   caption bottom white + JPEG 70    0      0     92.6   93.3
   *   window frame with title bar       0      0      100    100
   *   crop 5 % per side (and + JPEG 70) 0      0      4.3    100
   *   crop 10 % per side                0      0        0    100
   *   crop 2 % per side              27.6   27.6     36.8   37.4
   *   rotate 2 deg, white corners    10.4   10.4     12.3   93.9
   *   rotate -2 deg, black corners    6.1    6.1      6.1   93.3
   *   rotate 5 deg, white corners     0.6    0.6      0.6    1.2
   *   rotate 90 / mirror                0   97.5     97.5   97.5 / 98.2
   *   resize 0.5 + JPEG 70           94.5   94.5     95.1   95.1
   *
   * Each candidate variant was also measured alone: a crop variant only catches crops within
   * about 1.5 % per side of its own (crop8 catches 11 of 163 crop10 edits, crop10 all), so crop5
   * and crop10 are both needed for the crop 5 % goal and its centre-crop chain; a
   * rotation variant catches rotations within about 1 degree of its own and only when its
   * corners look alike: filled with the image mean, a 2 degree variant matches 2 degree edits
   * with white corners 97 % and black ones 92 % of the time (white-filled: 100 % and 63 %;
   * cropped to the inside: 6 % and 5 %). rot+5/rot-5 would lift rotate 5 degrees to about 87 %
   * for two more hashes per entry; crop3 would lift crop 2 % to about 88 %; neither edit has a
   * goal in issue 6, so both are left out (add them with the public constructor). No candidate
   * variant (crops 3-15 %, rotations 2-5 degrees, edge crops 10/20 %) produced a false match
   * among 825 distractor queries (165 unrelated images, as given, JPEG 70, padded, captioned
   * and cropped) against the 164-image bank. Caption-band trimming costs a little where JPEG
   * ringing makes bank and query trims differ (pad 10 % + JPEG 50: 92.0 % with bands, 95.7 %
   * without) and wins 94-99 % on captions, which nothing else catches.
   *
   * Cost at 12 MP (4032 x 3024, busy 2-core VM): query without borders = one PDQ with dihedral
   * (40-75 ms); with borders + trim (about 30 ms for 300-column pillarboxes, the strided column
   * scans) + crop + second PDQ; bankVariants 0.3-0.5 s (crops at full size, rotations on a copy
   * shrunk to about 1024 pixels per side).
   *
   * Pixel-domain symmetries (px-rot90, px-rot180, px-rot270, trim-px-flipy), measured with
   * "bench robustness --seed 1" (bank half, deployed column, before -> after):
   *
   *   edit               core         stamps
   *   rot90 (clockwise)  95.2 -> 99.4  93.3 -> 100
   *   rot180             93.9 -> 99.4  75.2 -> 100
   *   rot270             97.0 -> 99.4  91.9 -> 100
   *   mirror             97.6 -> 99.4  91.9 -> 100
   *   mirror+letterbox   97.0 -> 99.4  79.9 -> 98.7 (with BorderTrimmer's minContentFraction 0.1)
   *
   * (core's remaining miss is the one bank photo under the quality gate.) Why: the query's 8
   * dihedral probes come from one DCT and equal the hash of the actually turned image only when
   * PDQ's box filter window and 64 x 64 centre samples are symmetric along the reversed axis,
   * which depends on the width or height; otherwise a turned copy lands up to 50 bits from the
   * derived probe (textured 256 x 256 test image, rot180). What the variants must cover is which
   * axes are reversed: x only (mirror, and with the exact transposition, rot90 counter-
   * clockwise), y only (rot270) or both (rot180). Measured alone on all 297 stamps: px-rot90
   * lifts rot270 and mirror to 99 % but not rot180 (93 %) or rot90 (93 %); px-rot180 lifts rot180
   * to 99 %; all three together give 99 % on all four; px-flipy, px-transpose add nothing more.
   * mirror + letterbox is matched through the query's trimmed probe, so it needs the mirror of the
   * trimmed image (trim-px-flipy: stamps 88.9 -> 92.9 % in that measurement; the rest came from
   * the trimmer). Trimmed variants of the other turns were left out: no goal edit combines a turn
   * with a border, and each stored hash lowers the false-positive margin. Margins (nearest
   * distractor to any stored hash, radius 31): core unchanged (min 74, 0.1st percentile 76, 1st
   * 84 bits); stamps min 46 unchanged, 0.1st percentile 50 -> 46, 1st 62 -> 60. Cost: three or four more PDQs per bank entry, about
   * +12 ms per entry at 1200 x 850 (28-32 -> 37-44 ms for bankVariants); none on the query side.
   */

  /** Variants and query hashes under this PDQ quality do not match (the bank's default gate). */
  public static final int DEFAULT_MIN_QUALITY = 50;

  /** At most this many variants per entry (the index's limit). */
  public static final int MAX_VARIANTS = 32;

  /** Rotations run on a copy shrunk by an integer factor to about this many pixels per side. */
  private static final int ROTATION_SIDE = 1024;

  /** The label of the border-trimmed variant. */
  public static final String TRIM_LABEL = "trim";

  private static final RobustPdq DEFAULTS =
      new RobustPdq(
          PdqHasher.create(PdqHasher.Kernel.AUTO),
          BorderTrimmer.defaults(),
          defaultAugmentations(),
          DEFAULT_MIN_QUALITY);

  private final PdqHasher pdq;
  private final BorderTrimmer trimmer;
  private final List<Augmentation> augmentations;
  private final int minQuality;

  /**
   * A configuration.
   *
   * @param pdq the hasher
   * @param trimmer the border trimmer, used on both sides
   * @param augmentations the bank-side edits, in the order their variants are listed; labels
   *     unique, none {@value #TRIM_LABEL}, at most {@code MAX_VARIANTS - 1}
   * @param minQuality variants of lower PDQ quality are left out; 0..100
   * @throws IllegalArgumentException on duplicate or reserved labels, too many augmentations or a
   *     quality out of range
   */
  public RobustPdq(
      PdqHasher pdq, BorderTrimmer trimmer, List<Augmentation> augmentations, int minQuality) {
    List<Augmentation> copy = List.copyOf(augmentations);
    if (copy.size() > MAX_VARIANTS - 1) {
      throw new IllegalArgumentException(
          "at most " + (MAX_VARIANTS - 1) + " augmentations, got " + copy.size());
    }
    Set<String> labels = new HashSet<>();
    labels.add(TRIM_LABEL);
    for (Augmentation a : copy) {
      if (!labels.add(a.label())) {
        throw new IllegalArgumentException("duplicate or reserved augmentation label " + a.label());
      }
    }
    if (minQuality < 0 || minQuality > 100) {
      throw new IllegalArgumentException("minQuality must be in [0, 100], got " + minQuality);
    }
    this.pdq = pdq;
    this.trimmer = trimmer;
    this.augmentations = copy;
    this.minQuality = minQuality;
  }

  /** The deployed configuration: {@link BorderTrimmer#defaults()}, {@link #defaultAugmentations()}. */
  public static RobustPdq defaults() {
    return DEFAULTS;
  }

  /** The deployed bank-side edits (see the class comment for why these). */
  public static List<Augmentation> defaultAugmentations() {
    return List.of(
        new Augmentation.CentreCrop(5),
        new Augmentation.CentreCrop(10),
        new Augmentation.Rotation(2),
        new Augmentation.Rotation(-2),
        new Augmentation.PixelSymmetry(Dihedral.ROT90, false),
        new Augmentation.PixelSymmetry(Dihedral.ROT180, false),
        new Augmentation.PixelSymmetry(Dihedral.ROT270, false),
        new Augmentation.PixelSymmetry(Dihedral.FLIP_Y, true));
  }

  /** The border trimmer. */
  public BorderTrimmer trimmer() {
    return trimmer;
  }

  /** The bank-side edits, in variant order. */
  public List<Augmentation> augmentations() {
    return augmentations;
  }

  /** The quality gate for variants. */
  public int minQuality() {
    return minQuality;
  }

  /**
   * Query-side hashes: the image as given and, when borders were found, the trimmed image, each
   * with its 8 dihedral variants. Costs one PDQ, plus a crop and a second PDQ only when something
   * was trimmed.
   *
   * @param luma row-major {@code width * height} luma values, read and never kept or written
   * @throws IllegalArgumentException if a dimension is not positive or {@code luma.length} is not
   *     {@code width * height}
   */
  public RobustQuery query(float[] luma, int width, int height) {
    LumaPlanes.requirePlane(luma, width, height);
    PdqResult original = pdq.hash(luma, width, height, true);
    BorderTrimmer.Trim trim = trimmer.trim(luma, width, height);
    Region region = trim.region();
    if (trim.outcome() != BorderTrimmer.Outcome.TRIMMED) {
      return new RobustQuery(original, null, null, trim.outcome() == BorderTrimmer.Outcome.FLAT);
    }
    float[] cropped = LumaPlanes.crop(luma, width, region);
    PdqResult trimmed = pdq.hash(cropped, region.width(), region.height(), true);
    return new RobustQuery(original, trimmed, region);
  }

  /**
   * Bank-side variants of an entry's image, not including its primary hash: {@code "trim"} when
   * borders were trimmed, then one per augmentation in configuration order. Variants under the
   * quality gate, and variants whose hash equals the primary hash or an earlier variant, are left
   * out; a flat image, or a flat one inside borders ({@link BorderTrimmer.Outcome#FLAT}), has none
   * (crops of a plain box would only match other plain boxes). Deterministic.
   *
   * @param luma row-major {@code width * height} luma values, read and never kept or written
   * @throws IllegalArgumentException as {@link #query}
   */
  public List<PdqVariant> bankVariants(float[] luma, int width, int height) {
    LumaPlanes.requirePlane(luma, width, height);
    BorderTrimmer.Trim trim = trimmer.trim(luma, width, height);
    if (trim.outcome() == BorderTrimmer.Outcome.FLAT) {
      return List.of();
    }
    PdqResult original = pdq.hash(luma, width, height, false);
    Region region = trim.region();
    PdqResult trimmed = null;
    if (trim.outcome() == BorderTrimmer.Outcome.TRIMMED) {
      trimmed = pdq.hash(LumaPlanes.crop(luma, width, region), region.width(), region.height(), false);
    }
    return variants(luma, width, height, original, trimmed, trimmed == null ? null : region);
  }

  /**
   * As {@link #bankVariants(float[], int, int)}, reusing the hashes of a {@link #query} of the same
   * plane (saves two PDQ computations on entry creation).
   *
   * @param query {@code query(luma, width, height)} of this configuration
   */
  public List<PdqVariant> bankVariants(float[] luma, int width, int height, RobustQuery query) {
    LumaPlanes.requirePlane(luma, width, height);
    Region r = query.trimRegion();
    if (r != null && !r.fitsIn(width, height)) {
      throw new IllegalArgumentException(
          "query trim region " + r + " does not fit a " + width + "x" + height + " image");
    }
    if (r == null && trimmer.trim(luma, width, height).outcome() == BorderTrimmer.Outcome.FLAT) {
      return List.of();
    }
    return variants(luma, width, height, query.original(), query.trimmed(), r);
  }

  private List<PdqVariant> variants(
      float[] luma, int width, int height, PdqResult original, PdqResult trimmed, Region region) {
    List<PdqVariant> out = new ArrayList<>(1 + augmentations.size());
    Set<Hash256> seen = new HashSet<>();
    seen.add(original.hash());
    float[] trimmedPlane = null;
    if (trimmed != null) {
      add(out, seen, TRIM_LABEL, trimmed);
    }
    for (Augmentation a : augmentations) {
      if (a instanceof Augmentation.PixelSymmetry s && s.ofTrimmed()) {
        if (trimmed == null || region == null) {
          continue;
        }
        if (trimmedPlane == null) {
          trimmedPlane = LumaPlanes.crop(luma, width, region);
        }
        add(out, seen, a.label(), apply(a, trimmedPlane, region.width(), region.height()));
      } else {
        add(out, seen, a.label(), apply(a, luma, width, height));
      }
    }
    return List.copyOf(out);
  }

  private void add(List<PdqVariant> out, Set<Hash256> seen, String label, PdqResult r) {
    if (r.quality() >= minQuality && seen.add(r.hash())) {
      out.add(new PdqVariant(label, r.hash(), r.quality()));
    }
  }

  /** PDQ of the image under one augmentation. */
  PdqResult apply(Augmentation a, float[] luma, int width, int height) {
    return switch (a) {
      case Augmentation.CentreCrop c -> {
        int dx = width * c.percentPerSide() / 100;
        int dy = height * c.percentPerSide() / 100;
        yield hashRegion(luma, width, height, new Region(dx, dy, width - 2 * dx, height - 2 * dy));
      }
      case Augmentation.EdgeCrop e -> {
        int dx = width * e.percent() / 100;
        int dy = height * e.percent() / 100;
        Region r = switch (e.edge()) {
          case TOP -> new Region(0, dy, width, height - dy);
          case BOTTOM -> new Region(0, 0, width, height - dy);
          case LEFT -> new Region(dx, 0, width - dx, height);
          case RIGHT -> new Region(0, 0, width - dx, height);
        };
        yield hashRegion(luma, width, height, r);
      }
      case Augmentation.PixelSymmetry s -> {
        boolean swap = LumaPlanes.swapsAxes(s.symmetry());
        yield pdq.hash(
            LumaPlanes.transform(luma, width, height, s.symmetry()),
            swap ? height : width,
            swap ? width : height,
            false);
      }
      case Augmentation.Rotation rot -> {
        // PDQ keeps only a 64x64 low-pass of the image, so rotating a copy shrunk to about
        // ROTATION_SIDE pixels costs a fraction and changes the hash by a few bits at most.
        int factor = Math.max(1, Math.max(width, height) / ROTATION_SIDE);
        float[] src = factor == 1 ? luma : LumaPlanes.shrink(luma, width, height, factor);
        int w = factor == 1 ? width : Math.max(1, width / factor);
        int h = factor == 1 ? height : Math.max(1, height / factor);
        if (rot.corners() == Augmentation.Corners.CROPPED) {
          int[] size = LumaPlanes.rotatedCropSize(w, h, rot.degrees());
          float[] plane = LumaPlanes.rotate(src, w, h, rot.degrees(), size[0], size[1], Float.NaN);
          yield pdq.hash(plane, size[0], size[1], false);
        }
        float mean = LumaPlanes.mean(src);
        yield pdq.hash(LumaPlanes.rotate(src, w, h, rot.degrees(), w, h, mean), w, h, false);
      }
    };
  }

  private PdqResult hashRegion(float[] luma, int width, int height, Region r) {
    if (r.isWhole(width, height)) {
      return pdq.hash(luma, width, height, false);
    }
    return pdq.hash(LumaPlanes.crop(luma, width, r), r.width(), r.height(), false);
  }
}

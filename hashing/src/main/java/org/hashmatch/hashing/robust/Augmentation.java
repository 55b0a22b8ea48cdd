package org.hashmatch.hashing.robust;

import java.util.Locale;
import org.hashmatch.hashing.Dihedral;

/**
 * One bank-side edit whose PDQ hash is stored as an extra {@link PdqVariant} of an entry, so that a
 * query showing the same edit still matches. Each has a short, stable label (its variant label).
 */
public sealed interface Augmentation
    permits Augmentation.CentreCrop,
        Augmentation.EdgeCrop,
        Augmentation.Rotation,
        Augmentation.PixelSymmetry {

  /** The label of the variant this edit produces: {@code [a-z0-9+-]{1,32}}. */
  String label();

  /**
   * Crops {@code percentPerSide} % of the width from the left and from the right and the same
   * share of the height from the top and from the bottom. Label {@code "crop<percent>"}, e.g.
   * {@code "crop5"}.
   *
   * @param percentPerSide 1..40
   */
  record CentreCrop(int percentPerSide) implements Augmentation {
    public CentreCrop {
      if (percentPerSide < 1 || percentPerSide > 40) {
        throw new IllegalArgumentException("percentPerSide must be in [1, 40], got " + percentPerSide);
      }
    }

    @Override
    public String label() {
      return "crop" + percentPerSide;
    }
  }

  /** The side an {@link EdgeCrop} cuts. */
  enum Edge {
    TOP("top"),
    BOTTOM("bottom"),
    LEFT("left"),
    RIGHT("right");

    private final String label;

    Edge(String label) {
      this.label = label;
    }

    /** The label prefix. */
    public String label() {
      return label;
    }
  }

  /**
   * Crops {@code percent} % of the image off one edge (a caption or banner cut off, or an image
   * cut out of a collage). Label {@code "<edge><percent>"}, e.g. {@code "top10"} for the top
   * 10 % removed.
   *
   * @param edge the edge cut
   * @param percent 1..50
   */
  record EdgeCrop(Edge edge, int percent) implements Augmentation {
    public EdgeCrop {
      if (percent < 1 || percent > 50) {
        throw new IllegalArgumentException("percent must be in [1, 50], got " + percent);
      }
    }

    @Override
    public String label() {
      return edge.label() + percent;
    }
  }

  /** What a {@link Rotation} does with the corners that the turned image no longer covers. */
  enum Corners {
    /**
     * Canvas size kept, uncovered corners filled with the image's mean luma: the neutral guess
     * between white, black and transparent fills (measured: a 2 degree variant matches 2 degree
     * edits with white corners 97 % and black corners 92 % of the time; a white-filled one 100 %
     * and 63 %). Label prefix {@code "rot"}.
     */
    MEAN_FILL("rot"),
    /**
     * Cut to the largest centred rectangle of the original aspect ratio inside the turned image,
     * as the "straighten" tool of photo editors does. Label prefix {@code "rotcrop"}.
     */
    CROPPED("rotcrop");

    private final String prefix;

    Corners(String prefix) {
      this.prefix = prefix;
    }

    /** The label prefix. */
    public String prefix() {
      return prefix;
    }
  }

  /**
   * Rotates the image by {@code degrees} counter-clockwise (as seen on screen; negative is
   * clockwise) about its centre, bilinear. Label {@code "<prefix>+<d>"} or {@code "<prefix>-<d>"}
   * with the prefix of {@code corners}, e.g. {@code "rot+2"} or {@code "rotcrop-3"}.
   *
   * @param degrees -45..45, not 0
   * @param corners what happens to the uncovered corners
   */
  record Rotation(int degrees, Corners corners) implements Augmentation {
    public Rotation {
      if (degrees == 0 || degrees < -45 || degrees > 45) {
        throw new IllegalArgumentException("degrees must be in [-45, 45] and not 0, got " + degrees);
      }
    }

    /** A rotation with {@link Corners#MEAN_FILL}. */
    public Rotation(int degrees) {
      this(degrees, Corners.MEAN_FILL);
    }

    @Override
    public String label() {
      return corners.prefix() + (degrees > 0 ? "+" : "-") + Math.abs(degrees);
    }
  }

  /**
   * The image turned or flipped pixel by pixel and hashed again. The query's 8 dihedral probes are
   * derived from one DCT, which equals the hash of the actually turned image only when PDQ's box
   * filter and 64 x 64 sampling are symmetric for the image's size; this variant is the hash of
   * the turned pixels themselves, so a query that is a turned copy meets it with its own
   * (untransformed) probe. Label {@code "px-<name>"} with the {@link Dihedral#jsonName()} in lower
   * case ({@code "px-rot90"}, {@code "px-flipy"} for a left-right mirror), or {@code
   * "trim-px-<name>"} when computed from the border-trimmed image (only when borders were found).
   *
   * @param symmetry the transform, not {@link Dihedral#ORIGINAL}
   * @param ofTrimmed whether the transform is applied to the border-trimmed image
   */
  record PixelSymmetry(Dihedral symmetry, boolean ofTrimmed) implements Augmentation {
    public PixelSymmetry {
      if (symmetry == Dihedral.ORIGINAL) {
        throw new IllegalArgumentException("the original is not a symmetry variant");
      }
    }

    @Override
    public String label() {
      return (ofTrimmed ? "trim-px-" : "px-") + symmetry.jsonName().toLowerCase(Locale.ROOT);
    }
  }
}

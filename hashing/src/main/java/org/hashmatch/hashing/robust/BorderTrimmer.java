package org.hashmatch.hashing.robust;

/**
 * Finds the content of an image inside near-uniform borders: padding, letterbox and pillarbox
 * bars, frames (also nested frames of different colours) and caption bands (a solid band with text
 * in it at the top or bottom). Immutable and thread-safe; it allocates only the result.
 *
 * <p>How, on the float luma plane ({@code 0..255}):
 *
 * <ol>
 *   <li><b>Uniform borders.</b> Each side takes as its colour the median of its outermost line. A
 *       line is border when at most {@link Settings#outlierFraction()} of its pixels differ from
 *       that colour by more than {@link Settings#toleranceLevels()} (JPEG ringing and noise stay
 *       inside). The four sides are peeled one line each in turn, so equal borders are removed at
 *       the same pace and every line is judged over the extent that is left; a side stops at its
 *       first content line. When all four have stopped, the colours are estimated again from the
 *       new outer lines and the peeling repeats until nothing changes (nested frames).
 *   <li><b>Caption bands</b> (top and bottom only): a band of one colour holding a line of text,
 *       with a margin of band colour between the text and the picture. The band colour is that of
 *       the uniform lines step 1 peeled on the side (the margin above a top caption's text), or,
 *       if that finds no band (the picture has an edge of its own colour, or the text touches the
 *       image edge), the dominant colour of the outer line when it covers at least half of it.
 *       From the outer line inward, lines uniform in the band colour are skipped, then lines in
 *       which at least {@link Settings#bandFraction()} of the pixels have the band colour are
 *       text lines; when a uniform line (the margin) follows them within {@link
 *       Settings#maxBandFraction()} of the height, the text lines are removed and step 1 takes
 *       the margin. A line that is neither ends the scan and nothing is removed. Then step 1 runs
 *       again (so a caption of several lines goes one line per round).
 *   <li><b>Limits.</b> If what is left is narrower or lower than {@link
 *       Settings#minContentFraction()} of the image or {@link Settings#minContentPixels()}, the
 *       result is the whole image: the image is (nearly) flat, or the trim would not be
 *       trustworthy. A flat image therefore keeps quality 0 and never matches.
 * </ol>
 *
 * <p>Cost: the border pixels plus a few lines per side and round; no copy of the plane.
 *
 * <p>The same trimmer runs on bank images (their {@code "trim"} variant) and on queries, so content
 * that happens to be uniform at an image's edge (a clear sky, a studio background) is trimmed in
 * both and the two still meet.
 */
public final class BorderTrimmer {

  /**
   * Tuning of a {@link BorderTrimmer}.
   *
   * <p>Why the defaults (measured with {@code bench robustness}, seed 1, on the 329 {@code core}
   * photographs and the 297 {@code stamps} cut-outs on white; see {@link RobustPdq}): a band line
   * used to need 30 % band colour and took its colour from the median of the first line left by
   * step 1. The benchmark's caption (black bold text filling 90 % of the width and 60 % of the
   * band) defeats both: the first line left is the antialiased top of the letters, whose median is
   * grey, and the text lines of a 320 px wide caption hold only 26-36 % white (9-11 % on the
   * smallest cut-outs, where even 4 pt text spans the width). Caption recall was 55 / 62 % (top /
   * bottom) on {@code core} and 4 / 18 % on {@code stamps}; with the band colour from the peeled
   * margin and 5 % it is 99.4 / 99.4 % and 98.0 / 96.6 % (elsewhere one {@code stamps} image lost, under
   * stretch 1.2). The 5 %
   * is safe because a band needs a uniform margin line after its text within 30 % of the height,
   * which photographs rarely have, and because the bank side trims the same way. {@code
   * minContentFraction} 0.1 (was 0.25) lets a tall cut-out letterboxed to 16:9 be trimmed (its
   * content is 8-25 % of the width): {@code stamps} letterbox 91.9 to 98.7 % (mirror + letterbox
   * 79.9 to 98.7 % together with the pixel-domain variants of {@link RobustPdq}).
   *
   * @param toleranceLevels how far (in luma levels, 0..255) a border pixel may be from the side's
   *     colour; in {@code [0, 128]}
   * @param outlierFraction share of a uniform border line that may be off-colour; in {@code [0,
   *     0.5]}
   * @param bandFraction share of a caption-band line that must have the band colour; in {@code
   *     (0, 1]}
   * @param maxBandFraction largest caption band as a share of the height left; {@code 0} turns
   *     band trimming off; in {@code [0, 0.5]}
   * @param minContentFraction smallest content as a share of the image per dimension; in {@code
   *     (0, 1]}
   * @param minContentPixels smallest content width and height in pixels, at least 1
   */
  public record Settings(
      float toleranceLevels,
      double outlierFraction,
      double bandFraction,
      double maxBandFraction,
      double minContentFraction,
      int minContentPixels) {

    public Settings {
      requireIn("toleranceLevels", toleranceLevels, 0, 128);
      requireIn("outlierFraction", outlierFraction, 0, 0.5);
      requireIn("bandFraction", bandFraction, Double.MIN_VALUE, 1);
      requireIn("maxBandFraction", maxBandFraction, 0, 0.5);
      requireIn("minContentFraction", minContentFraction, Double.MIN_VALUE, 1);
      if (minContentPixels < 1) {
        throw new IllegalArgumentException(
            "minContentPixels must be at least 1, got " + minContentPixels);
      }
    }

    /** The deployed tuning (see the measurements in {@link RobustPdq}). */
    public static Settings defaults() {
      return new Settings(12f, 0.02, 0.05, 0.3, 0.1, 16);
    }

    /** The same settings with caption-band trimming off. */
    public Settings withoutBands() {
      return new Settings(
          toleranceLevels, outlierFraction, bandFraction, 0, minContentFraction, minContentPixels);
    }

    private static void requireIn(String name, double v, double min, double max) {
      if (!(v >= min && v <= max)) {
        throw new IllegalArgumentException(
            name + " must be in [" + min + ", " + max + "], got " + v);
      }
    }
  }

  private static final BorderTrimmer DEFAULTS = new BorderTrimmer(Settings.defaults());

  /** Safety bound on the peel-then-band rounds; real images converge in two or three. */
  private static final int MAX_ROUNDS = 16;

  private static final int TOP = 0;
  private static final int BOTTOM = 1;
  private static final int LEFT = 2;
  private static final int RIGHT = 3;

  private final Settings settings;

  /** A trimmer with the given tuning. */
  public BorderTrimmer(Settings settings) {
    this.settings = settings;
  }

  /** The deployed trimmer. */
  public static BorderTrimmer defaults() {
    return DEFAULTS;
  }

  /** This trimmer's tuning. */
  public Settings settings() {
    return settings;
  }

  /** What {@link #trim} found. */
  public enum Outcome {
    /** No border, or what would be left is too small: the region is the whole image. */
    NONE,
    /** Borders were found: the region is the content inside them. */
    TRIMMED,
    /**
     * The image is flat or flat inside borders (nothing but uniform colour): the region is the
     * whole image. Its PDQ hash describes at most the outline of a box, so no trimmed probe or
     * bank variant should be derived from it.
     */
    FLAT
  }

  /**
   * The result of {@link #trim}.
   *
   * @param region the content rectangle; the whole image unless {@code outcome} is {@link
   *     Outcome#TRIMMED}
   * @param outcome what was found
   */
  public record Trim(Region region, Outcome outcome) {}

  /**
   * The content rectangle after removing near-uniform borders; the whole image when none is found,
   * when the image is flat, or when what would be left is too small.
   *
   * @param luma row-major {@code width * height} luma values, read and never kept or written
   * @param width columns, at least 1
   * @param height rows, at least 1
   * @throws IllegalArgumentException if a dimension is not positive or {@code luma.length} is not
   *     {@code width * height}
   */
  public Region contentRegion(float[] luma, int width, int height) {
    return trim(luma, width, height).region();
  }

  /**
   * As {@link #contentRegion}, also telling a flat image from one without borders.
   *
   * @throws IllegalArgumentException as {@link #contentRegion}
   */
  public Trim trim(float[] luma, int width, int height) {
    LumaPlanes.requirePlane(luma, width, height);
    Region whole = Region.whole(width, height);
    int minW = Math.max(settings.minContentPixels(), (int) Math.ceil(settings.minContentFraction() * width));
    int minH = Math.max(settings.minContentPixels(), (int) Math.ceil(settings.minContentFraction() * height));
    if (width < minW || height < minH) {
      return new Trim(whole, Outcome.NONE);
    }
    Peeler p = new Peeler(luma, width, height);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean changed = p.peelUniform(minW, minH);
      if (p.limitReached) {
        return new Trim(whole, p.restIsUniform() ? Outcome.FLAT : Outcome.NONE);
      }
      if (settings.maxBandFraction() > 0) {
        changed |= p.trimBand(TOP, minH);
        changed |= p.trimBand(BOTTOM, minH);
      }
      if (!changed) {
        break;
      }
    }
    Region r = new Region(p.left, p.top, p.right - p.left, p.bottom - p.top);
    return r.isWhole(width, height) ? new Trim(whole, Outcome.NONE) : new Trim(r, Outcome.TRIMMED);
  }

  /** The mutable state of one {@link #contentRegion} call. */
  private final class Peeler {
    private final float[] luma;
    private final int width;
    int top;
    int bottom;
    int left;
    int right;
    /** Set when a uniform line was left because the content would have become too small. */
    boolean limitReached;
    private final int[] histogram = new int[256];
    /** Per side, the colour of the last uniform line peeled there; NaN while none was. */
    private final float[] borderColour = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};

    Peeler(float[] luma, int width, int height) {
      this.luma = luma;
      this.width = width;
      this.bottom = height;
      this.right = width;
    }

    /** True if the region left is uniform: its rows are all uniform lines of one colour. */
    boolean restIsUniform() {
      float c = median(TOP, 0);
      for (int depth = 0; depth < bottom - top; depth++) {
        if (!uniform(TOP, depth, c)) {
          return false;
        }
      }
      return true;
    }

    /** Step 1 until it converges; true if anything was removed. */
    boolean peelUniform(int minW, int minH) {
      boolean any = false;
      float[] colour = new float[4];
      boolean[] active = new boolean[4];
      while (true) {
        int live = 0;
        for (int side = 0; side < 4; side++) {
          colour[side] = median(side, 0);
          active[side] = true;
          live++;
        }
        boolean round = false;
        while (live > 0) {
          for (int side = 0; side < 4; side++) {
            if (!active[side]) {
              continue;
            }
            boolean room = side < LEFT ? bottom - top > minH : right - left > minW;
            if (uniform(side, 0, colour[side])) {
              if (!room) {
                limitReached = true;
                return any;
              }
              shrink(side);
              borderColour[side] = colour[side];
              round = true;
            } else {
              active[side] = false;
              live--;
            }
          }
        }
        if (!round) {
          return any;
        }
        any = true;
      }
    }

    /**
     * Step 2 on one side: removes the text lines of a caption band, i.e. the lines from the edge
     * that each hold at least {@link Settings#bandFraction()} of the band colour, when a uniform
     * line of that colour (the margin between caption and picture) follows them within {@link
     * Settings#maxBandFraction()} of the height. The band colour is that of the uniform lines
     * peeled on this side (the margin on the caption's outer side); if none was peeled (text
     * touching the edge), the dominant colour of the edge line when it covers at least half of
     * it. The margin itself is left to step 1. True if lines were removed.
     */
    boolean trimBand(int side, int minH) {
      int extent = bottom - top;
      int maxLines = Math.min((int) (settings.maxBandFraction() * extent), extent - minH);
      if (maxLines < 2) {
        return false;
      }
      float c = borderColour[side];
      int lines = Float.isNaN(c) ? 0 : bandLines(side, c, maxLines);
      if (lines == 0) {
        // The picture may have an edge of its own colour inside the band (or no band was
        // peeled on this side): try the colour that dominates the edge line.
        c = dominant(side, 0);
        if (!matching(side, 0, c, 0.5)) {
          return false;
        }
        lines = bandLines(side, c, maxLines);
      }
      if (lines == 0) {
        return false;
      }
      for (int k = 0; k < lines; k++) {
        shrink(side);
      }
      borderColour[side] = c;
      return true;
    }

    /**
     * How many lines from {@code side} a band of colour {@code c} takes: leading lines uniform in
     * {@code c} (step 1 leaves a line whose own median is a level off although it is within
     * tolerance of the band, e.g. the antialiased top of the text), then band lines when a
     * uniform line follows them within {@code maxLines}.
     */
    private int bandLines(int side, float c, int maxLines) {
      int margin = 0;
      while (margin < maxLines && uniform(side, margin, c)) {
        margin++;
      }
      int end = margin;
      while (end < maxLines && !uniform(side, end, c)) {
        if (!bandLine(side, end, c)) {
          return margin;
        }
        end++;
      }
      return end < maxLines ? end : margin;
    }

    private void shrink(int side) {
      switch (side) {
        case TOP -> top++;
        case BOTTOM -> bottom--;
        case LEFT -> left++;
        default -> right--;
      }
    }

    /** Line {@code depth} lines in from {@code side}, over the current extent: start, step, length. */
    private boolean uniform(int side, int depth, float c) {
      return matching(side, depth, c, 1 - settings.outlierFraction());
    }

    private boolean bandLine(int side, int depth, float c) {
      return matching(side, depth, c, settings.bandFraction());
    }

    /** Index of the first pixel of the line {@code depth} lines in from {@code side}. */
    private int lineStart(int side, int depth) {
      if (side < LEFT) {
        int row = side == TOP ? top + depth : bottom - 1 - depth;
        return row * width + left;
      }
      int col = side == LEFT ? left + depth : right - 1 - depth;
      return top * width + col;
    }

    /** Distance in the plane between neighbouring pixels of a line parallel to {@code side}. */
    private int lineStep(int side) {
      return side < LEFT ? 1 : width;
    }

    /** Pixels in a line parallel to {@code side}, within the current region. */
    private int lineLength(int side) {
      return side < LEFT ? right - left : bottom - top;
    }

    /** True if at least {@code fraction} of the line's pixels are within tolerance of {@code c}. */
    private boolean matching(int side, int depth, float c, double fraction) {
      int start = lineStart(side, depth);
      int step = lineStep(side);
      int n = lineLength(side);
      int allowedOff = (int) Math.floor((1 - fraction) * n + 1e-9);
      float tol = settings.toleranceLevels();
      int off = 0;
      for (int i = 0, at = start; i < n; i++, at += step) {
        float d = luma[at] - c;
        if (!(d <= tol && d >= -tol)) {
          if (++off > allowedOff) {
            return false;
          }
        }
      }
      return true;
    }

    /**
     * The most common luma (to whole levels) of the line {@code depth} lines in from {@code
     * side}, counting every value within the tolerance: the background of a text line even where
     * the text covers more than half of it.
     */
    private float dominant(int side, int depth) {
      fillHistogram(side, depth);
      int tol = (int) settings.toleranceLevels();
      int window = 0;
      for (int bin = 0; bin <= Math.min(255, tol); bin++) {
        window += histogram[bin];
      }
      int best = 0;
      int bestCount = window;
      for (int bin = 1; bin < 256; bin++) {
        if (bin + tol <= 255) {
          window += histogram[bin + tol];
        }
        if (bin - tol - 1 >= 0) {
          window -= histogram[bin - tol - 1];
        }
        if (window > bestCount) {
          bestCount = window;
          best = bin;
        }
      }
      return best;
    }

    /** Median luma (to whole levels) of the line {@code depth} lines in from {@code side}. */
    private float median(int side, int depth) {
      int n = fillHistogram(side, depth);
      int half = (n + 1) / 2;
      int seen = 0;
      for (int bin = 0; bin < 256; bin++) {
        seen += histogram[bin];
        if (seen >= half) {
          return bin;
        }
      }
      return 255;
    }

    /** Fills {@code histogram} with the line {@code depth} lines in from {@code side}; its length. */
    private int fillHistogram(int side, int depth) {
      int start = lineStart(side, depth);
      int step = lineStep(side);
      int n = lineLength(side);
      java.util.Arrays.fill(histogram, 0);
      for (int i = 0, at = start; i < n; i++, at += step) {
        float v = luma[at];
        int bin = v >= 255f ? 255 : v <= 0f ? 0 : (int) (v + 0.5f);
        histogram[bin]++;
      }
      return n;
    }
  }
}

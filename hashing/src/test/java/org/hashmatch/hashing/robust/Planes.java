package org.hashmatch.hashing.robust;

import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Generated luma planes and edits for the robust-matching tests (benign, synthetic). */
final class Planes {

  private Planes() {}

  /** A plane with its size. */
  record Plane(float[] luma, int width, int height) {}

  /**
   * A photo-like textured plane: random 2D waves, blobs and pixel noise, so that every row and
   * column has structure and PDQ quality is high.
   */
  static Plane textured(int width, int height, long seed) {
    Random rnd = new Random(seed);
    int waves = 6;
    double[] fx = new double[waves];
    double[] fy = new double[waves];
    double[] ph = new double[waves];
    double[] amp = new double[waves];
    for (int k = 0; k < waves; k++) {
      fx[k] = (rnd.nextDouble() * 10 - 5) * 2 * Math.PI / width;
      fy[k] = (rnd.nextDouble() * 10 - 5) * 2 * Math.PI / height;
      ph[k] = rnd.nextDouble() * 2 * Math.PI;
      amp[k] = 15 + rnd.nextDouble() * 25;
    }
    int blobs = 12;
    double[][] blob = new double[blobs][4];
    for (double[] b : blob) {
      b[0] = rnd.nextDouble() * width;
      b[1] = rnd.nextDouble() * height;
      b[2] = (0.04 + rnd.nextDouble() * 0.12) * Math.min(width, height);
      b[3] = rnd.nextDouble() * 120 - 60;
    }
    float[] l = new float[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double v = 128;
        for (int k = 0; k < waves; k++) {
          v += amp[k] * Math.sin(fx[k] * x + fy[k] * y + ph[k]) / 2;
        }
        for (double[] b : blob) {
          double dx = x - b[0];
          double dy = y - b[1];
          if (dx * dx + dy * dy < b[2] * b[2]) {
            v += b[3];
          }
        }
        v += rnd.nextGaussian() * 6;
        l[y * width + x] = (float) Math.clamp(v, 0, 255);
      }
    }
    return new Plane(l, width, height);
  }

  /** A plane of one value. */
  static Plane flat(int width, int height, float value) {
    float[] l = new float[width * height];
    java.util.Arrays.fill(l, value);
    return new Plane(l, width, height);
  }

  /** {@code p} on a canvas of {@code colour} with the given margins. */
  static Plane pad(Plane p, int left, int top, int right, int bottom, float colour) {
    int w = p.width() + left + right;
    int h = p.height() + top + bottom;
    float[] l = new float[w * h];
    java.util.Arrays.fill(l, colour);
    for (int y = 0; y < p.height(); y++) {
      System.arraycopy(p.luma(), y * p.width(), l, (y + top) * w + left, p.width());
    }
    return new Plane(l, w, h);
  }

  /** Adds Gaussian noise of the given sigma to every pixel (clamped), from a seed. */
  static Plane noisy(Plane p, double sigma, long seed) {
    Random rnd = new Random(seed);
    float[] l = p.luma().clone();
    for (int i = 0; i < l.length; i++) {
      l[i] = (float) Math.clamp(l[i] + rnd.nextGaussian() * sigma, 0, 255);
    }
    return new Plane(l, p.width(), p.height());
  }

  /**
   * {@code p} with a caption band of {@code bandHeight} rows added above ({@code top}) or below:
   * band colour {@code background}, and in its middle 60 % a line of "letters" (random dark
   * strokes covering about 40 % of the text rows) in {@code ink}.
   */
  static Plane caption(Plane p, int bandHeight, boolean top, float background, float ink, long seed) {
    Plane out = pad(p, 0, top ? bandHeight : 0, 0, top ? 0 : bandHeight, background);
    Random rnd = new Random(seed);
    int y0 = (top ? 0 : p.height()) + bandHeight / 5;
    int y1 = (top ? 0 : p.height()) + bandHeight * 4 / 5;
    int w = out.width();
    int x = w / 20;
    while (x < w - w / 20) {
      int letter = 3 + rnd.nextInt(Math.max(2, bandHeight / 3));
      // Each letter has its own strokes: a left and a right stem and a bar at each of three heights,
      // each present at random (as E, T, L, H, O differ).
      boolean leftStem = rnd.nextBoolean();
      boolean rightStem = rnd.nextBoolean();
      boolean[] bars = {rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean()};
      int mid = (y0 + y1) / 2;
      for (int y = y0; y < y1; y++) {
        for (int k = 0; k < letter && x + k < w - w / 20; k++) {
          boolean stroke = (leftStem && k < 2) || (rightStem && k >= letter - 2)
              || (bars[0] && y - y0 < 2) || (bars[1] && Math.abs(y - mid) < 1)
              || (bars[2] && y1 - y <= 2);
          if (stroke) {
            out.luma()[y * w + x + k] = ink;
          }
        }
      }
      x += letter + 2 + rnd.nextInt(4);
    }
    return out;
  }

  /** The pixels of {@code r}. */
  static Plane crop(Plane p, int x, int y, int width, int height) {
    float[] l = new float[width * height];
    for (int r = 0; r < height; r++) {
      System.arraycopy(p.luma(), (y + r) * p.width() + x, l, r * width, width);
    }
    return new Plane(l, width, height);
  }

  /**
   * Rotated by {@code degrees} counter-clockwise with Java2D (bicubic), canvas kept, uncovered
   * corners {@code fill}: an edit made independently of the code under test.
   */
  static Plane rotateJava2d(Plane p, double degrees, int fill) {
    int w = p.width();
    int h = p.height();
    BufferedImage src = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] s = ((java.awt.image.DataBufferByte) src.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) Math.round(p.luma()[i]);
    }
    BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    var g = dst.createGraphics();
    try {
      g.setColor(new java.awt.Color(fill, fill, fill));
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.drawImage(src, AffineTransform.getRotateInstance(Math.toRadians(-degrees), w / 2.0, h / 2.0), null);
    } finally {
      g.dispose();
    }
    byte[] d = ((java.awt.image.DataBufferByte) dst.getRaster().getDataBuffer()).getData();
    float[] l = new float[w * h];
    for (int i = 0; i < l.length; i++) {
      l[i] = d[i] & 0xFF;
    }
    return new Plane(l, w, h);
  }

  /**
   * {@code p} with a caption band of {@code bandHeight} rows added above ({@code top}) or below,
   * in {@code background}, holding one line of bold sans-serif {@code text} in {@code ink}, drawn
   * by Java2D with antialiasing: the largest size whose line fits in {@code heightShare} of the
   * band and {@code widthShare} of the width, centred. An edit made independently of the code
   * under test, as meme and news captions look.
   */
  static Plane textCaption(
      Plane p,
      int bandHeight,
      boolean top,
      int background,
      int ink,
      String text,
      double heightShare,
      double widthShare) {
    int w = p.width();
    BufferedImage band = new BufferedImage(w, bandHeight, BufferedImage.TYPE_BYTE_GRAY);
    var g = band.createGraphics();
    try {
      g.setColor(new java.awt.Color(background, background, background));
      g.fillRect(0, 0, w, bandHeight);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 4);
      for (int size = 4; size < 400; size++) {
        java.awt.Font next = font.deriveFont((float) size);
        java.awt.FontMetrics m = g.getFontMetrics(next);
        if (m.stringWidth(text) > widthShare * w || m.getAscent() + m.getDescent() > heightShare * bandHeight) {
          break;
        }
        font = next;
      }
      g.setFont(font);
      java.awt.FontMetrics m = g.getFontMetrics();
      g.setColor(new java.awt.Color(ink, ink, ink));
      int textHeight = m.getAscent() + m.getDescent();
      g.drawString(text, (w - m.stringWidth(text)) / 2, (bandHeight - textHeight) / 2 + m.getAscent());
    } finally {
      g.dispose();
    }
    Plane out = pad(p, 0, top ? bandHeight : 0, 0, top ? 0 : bandHeight, background);
    byte[] b = ((java.awt.image.DataBufferByte) band.getRaster().getDataBuffer()).getData();
    int y0 = top ? 0 : p.height();
    for (int i = 0; i < b.length; i++) {
      out.luma()[y0 * w + i] = b[i] & 0xFF;
    }
    return out;
  }

  /**
   * A textured plane under a sky: the top {@code skyRows} rows are a smooth vertical gradient
   * from {@code skyTop} to {@code skyBottom} (each row nearly uniform, with a faint horizontal
   * shading and noise as a real sky has), the rest is {@link #textured}; {@code birds} small dark
   * blobs are scattered in the upper half of the sky.
   */
  static Plane sky(int width, int height, int skyRows, float skyTop, float skyBottom, int birds, long seed) {
    Plane ground = textured(width, height, seed);
    float[] l = ground.luma().clone();
    Random rnd = new Random(seed + 1);
    for (int y = 0; y < skyRows; y++) {
      float base = skyTop + (skyBottom - skyTop) * y / Math.max(1, skyRows - 1);
      for (int x = 0; x < width; x++) {
        l[y * width + x] = (float) Math.clamp(base + 3.0 * x / width + rnd.nextGaussian(), 0, 255);
      }
    }
    for (int k = 0; k < birds; k++) {
      int bx = rnd.nextInt(Math.max(1, width - 6));
      int by = 2 + rnd.nextInt(Math.max(1, skyRows / 2 - 4));
      for (int y = by; y < by + 2; y++) {
        for (int x = bx; x < bx + 5; x++) {
          l[y * width + x] = 40;
        }
      }
    }
    return new Plane(l, width, height);
  }

  /** The plane under one symmetry, by a plain pixel loop (rotations counter-clockwise). */
  static Plane turned(Plane p, org.hashmatch.hashing.Dihedral d) {
    int w = p.width();
    int h = p.height();
    boolean swap = d == org.hashmatch.hashing.Dihedral.ROT90 || d == org.hashmatch.hashing.Dihedral.ROT270
        || d == org.hashmatch.hashing.Dihedral.TRANSPOSE || d == org.hashmatch.hashing.Dihedral.TRANSVERSE;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    float[] out = new float[w * h];
    for (int v = 0; v < oh; v++) {
      for (int u = 0; u < ow; u++) {
        // The source pixel shown at (u, v) of the output.
        int x;
        int y;
        switch (d) {
          case ROT90 -> { x = w - 1 - v; y = u; }
          case ROT180 -> { x = w - 1 - u; y = h - 1 - v; }
          case ROT270 -> { x = v; y = h - 1 - u; }
          case FLIP_X -> { x = u; y = h - 1 - v; }
          case FLIP_Y -> { x = w - 1 - u; y = v; }
          case TRANSPOSE -> { x = v; y = u; }
          case TRANSVERSE -> { x = w - 1 - v; y = h - 1 - u; }
          default -> { x = u; y = v; }
        }
        out[v * ow + u] = p.luma()[y * w + x];
      }
    }
    return new Plane(out, ow, oh);
  }
}

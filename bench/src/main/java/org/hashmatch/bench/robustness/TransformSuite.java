package org.hashmatch.bench.robustness;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The edits of issue 6, each implemented with Java2D or plain loops on {@code TYPE_INT_RGB}
 * images. Percentages of a side are of that side of the input; every size is rounded to the
 * nearest pixel. Text is drawn with the logical font {@code SansSerif} (DejaVu Sans on the
 * development machine), anti-aliased.
 */
final class TransformSuite {

  /** Standard deviation of the additive Gaussian noise, in 8-bit levels per channel. */
  static final double NOISE_SIGMA = 10.0;

  private static final Color WHITE = Color.WHITE;
  private static final Color BLACK = Color.BLACK;
  private static final Transform.Edit IDENTITY = (src, seed) -> src;

  private TransformSuite() {}

  /** The whole suite, in table order. */
  static List<Transform> standard() {
    List<Transform> t = new ArrayList<>();
    for (int q : new int[] {90, 70, 50, 30}) {
      t.add(new Transform("jpeg" + q, "JPEG re-encode at quality " + q
          + " (ImageIO JPEG writer, 4:2:0), decoded by the service's decoder", IDENTITY, q));
    }
    for (double s : new double[] {0.5, 0.25, 2.0}) {
      t.add(new Transform("resize" + fmt(s), "scale both sides by " + fmt(s)
          + (s < 1 ? " (area averaging)" : " (bicubic)"), (src, seed) -> scale(src, s, s), 0));
    }
    t.add(new Transform("grey", "greyscale, Y = round(0.299 R + 0.587 G + 0.114 B), stored as an"
        + " 8-bit grey image", (src, seed) -> greyscale(src), 0));
    for (double g : new double[] {0.7, 1.4}) {
      t.add(new Transform("gamma" + fmt(g), "gamma " + fmt(g) + ": v' = 255 (v/255)^" + fmt(g)
          + " per channel", (src, seed) -> gamma(src, g), 0));
    }
    t.add(new Transform("bright+20", "brightness +20 %: every channel x 1.2, clipped",
        (src, seed) -> brightness(src, 1.2), 0));
    t.add(new Transform("bright-20", "brightness -20 %: every channel x 0.8",
        (src, seed) -> brightness(src, 0.8), 0));
    t.add(new Transform("contrast+20", "contrast +20 %: v' = m + 1.2 (v - m), m = mean luma",
        (src, seed) -> contrast(src, 1.2), 0));
    t.add(new Transform("contrast-20", "contrast -20 %: v' = m + 0.8 (v - m), m = mean luma",
        (src, seed) -> contrast(src, 0.8), 0));
    for (int s : new int[] {1, 2}) {
      t.add(new Transform("blur" + s, "Gaussian blur sigma " + s + " px (kernel radius "
          + 3 * s + ", edges clamped)", (src, seed) -> blur(src, s), 0));
    }
    t.add(new Transform("noise", "additive Gaussian noise, sigma " + fmt(NOISE_SIGMA)
        + " levels per channel, independent per pixel, clipped (seeded per image)",
        TransformSuite::noise, 0));
    t.add(new Transform("sharpen", "unsharp mask: v' = v + 1.0 (v - blur_sigma1(v)), clipped",
        (src, seed) -> sharpen(src), 0));
    for (int p : new int[] {2, 5, 10}) {
      t.add(new Transform("crop" + p, "crop " + p + " % of the width off the left and off the"
          + " right, " + p + " % of the height off the top and off the bottom",
          (src, seed) -> cropPerSide(src, p / 100.0), 0));
    }
    t.add(new Transform("centre-crop80", "centre square crop: a centred square whose side is"
        + " 80 % of the shorter side", (src, seed) -> centreSquare(src, 0.8), 0));
    for (int p : new int[] {10, 20}) {
      t.add(new Transform("pad" + p + "-white", "pad " + p + " % of the width left and right and "
          + p + " % of the height top and bottom, white", (src, seed) -> pad(src, p / 100.0, WHITE),
          0));
      t.add(new Transform("pad" + p + "-black", "pad " + p + " % per side, black",
          (src, seed) -> pad(src, p / 100.0, BLACK), 0));
    }
    t.add(new Transform("letterbox16x9", "letterbox to 16:9: the image unscaled and centred on"
        + " the smallest black 16:9 canvas that holds it (bars top and bottom for wide images,"
        + " left and right for the others)", (src, seed) -> letterbox(src, 16, 9), 0));
    t.add(new Transform("caption-top", "caption bar: a white band 20 % of the image height added"
        + " above the image, with one line of black bold text filling up to 90 % of the width",
        (src, seed) -> caption(src, true), 0));
    t.add(new Transform("caption-bottom", "caption bar as above, band added below the image",
        (src, seed) -> caption(src, false), 0));
    t.add(new Transform("watermark", "text watermark: '(c) stockphoto.example' in bold white at"
        + " 55 % opacity with a 1 px dark outline, height 9 % of the image, centred; plus a"
        + " small copy in the bottom-right corner", (src, seed) -> watermark(src), 0));
    for (int q : new int[] {90, 180, 270}) {
      t.add(new Transform("rot" + q, "rotate " + q + " degrees clockwise, lossless",
          (src, seed) -> rotateQuarter(src, q / 90), 0));
    }
    t.add(new Transform("mirror", "mirror left-right, lossless", (src, seed) -> mirror(src), 0));
    for (int d : new int[] {2, 5}) {
      t.add(new Transform("rot" + d + "deg", "rotate " + d + " degrees counter-clockwise about the"
          + " centre, bicubic; canvas size kept (corners cut off), uncovered corners white",
          (src, seed) -> rotateSmall(src, d), 0));
    }
    t.add(new Transform("stretch1.2", "aspect stretch: width x 1.2, height unchanged (bicubic)",
        (src, seed) -> scale(src, 1.2, 1.0), 0));
    t.add(new Transform("screenshot", "screenshot-like frame: the image unscaled in a window"
        + " (title bar 7 % of the image height, min 18 px, with title text and three buttons;"
        + " 1 px border; status bar half as high) on a grey desktop with margins of 6 % of the"
        + " longest side", (src, seed) -> screenshot(src), 0));
    t.add(new Transform("resize0.5+jpeg70", "scale by 0.5 (area averaging), then JPEG quality 70",
        (src, seed) -> scale(src, 0.5, 0.5), 70));
    t.add(new Transform("crop5+jpeg70", "crop 5 % per side, then JPEG quality 70",
        (src, seed) -> cropPerSide(src, 0.05), 70));
    t.add(new Transform("mirror+letterbox", "mirror left-right, then letterbox to 16:9 (black)",
        (src, seed) -> letterbox(mirror(src), 16, 9), 0));
    return List.copyOf(t);
  }

  private static String fmt(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  static BufferedImage scale(BufferedImage src, double sx, double sy) {
    int w = Math.max(1, (int) Math.round(src.getWidth() * sx));
    int h = Math.max(1, (int) Math.round(src.getHeight() * sy));
    return Images.resize(src, w, h);
  }

  static BufferedImage greyscale(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    int[] px = Images.pixels(src);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] g = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      g[i] = (byte) Images.clamp8(
          0.299 * ((p >>> 16) & 0xFF) + 0.587 * ((p >>> 8) & 0xFF) + 0.114 * (p & 0xFF));
    }
    return out;
  }

  private interface ChannelMap {
    int map(int v);
  }

  private static BufferedImage perChannel(BufferedImage src, ChannelMap f) {
    int[] lut = new int[256];
    for (int v = 0; v < 256; v++) {
      lut[v] = f.map(v);
    }
    int[] s = Images.pixels(src);
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    int[] d = Images.pixels(out);
    for (int i = 0; i < s.length; i++) {
      int p = s[i];
      d[i] = lut[(p >>> 16) & 0xFF] << 16 | lut[(p >>> 8) & 0xFF] << 8 | lut[p & 0xFF];
    }
    return out;
  }

  static BufferedImage gamma(BufferedImage src, double g) {
    return perChannel(src, v -> Images.clamp8(255 * Math.pow(v / 255.0, g)));
  }

  static BufferedImage brightness(BufferedImage src, double factor) {
    return perChannel(src, v -> Images.clamp8(v * factor));
  }

  static BufferedImage contrast(BufferedImage src, double factor) {
    int[] s = Images.pixels(src);
    double sum = 0;
    for (int p : s) {
      sum += 0.299 * ((p >>> 16) & 0xFF) + 0.587 * ((p >>> 8) & 0xFF) + 0.114 * (p & 0xFF);
    }
    double mean = sum / s.length;
    return perChannel(src, v -> Images.clamp8(mean + factor * (v - mean)));
  }

  static BufferedImage blur(BufferedImage src, double sigma) {
    int w = src.getWidth();
    int h = src.getHeight();
    float[][] c = Images.split(src);
    for (int i = 0; i < 3; i++) {
      c[i] = Images.gaussian(c[i], w, h, sigma);
    }
    return Images.join(c, w, h);
  }

  static BufferedImage sharpen(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    float[][] c = Images.split(src);
    for (int i = 0; i < 3; i++) {
      float[] b = Images.gaussian(c[i], w, h, 1.0);
      for (int k = 0; k < b.length; k++) {
        c[i][k] = c[i][k] + (c[i][k] - b[k]);
      }
    }
    return Images.join(c, w, h);
  }

  static BufferedImage noise(BufferedImage src, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] s = Images.pixels(src);
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    int[] d = Images.pixels(out);
    for (int i = 0; i < s.length; i++) {
      int p = s[i];
      int r = Images.clamp8(((p >>> 16) & 0xFF) + NOISE_SIGMA * gaussian(rnd));
      int g = Images.clamp8(((p >>> 8) & 0xFF) + NOISE_SIGMA * gaussian(rnd));
      int b = Images.clamp8((p & 0xFF) + NOISE_SIGMA * gaussian(rnd));
      d[i] = r << 16 | g << 8 | b;
    }
    return out;
  }

  /** A standard normal sample (Box-Muller; one of the pair is dropped to stay stateless). */
  private static double gaussian(SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static BufferedImage cropPerSide(BufferedImage src, double fraction) {
    int dx = (int) Math.round(src.getWidth() * fraction);
    int dy = (int) Math.round(src.getHeight() * fraction);
    return Images.crop(src, dx, dy, src.getWidth() - 2 * dx, src.getHeight() - 2 * dy);
  }

  static BufferedImage centreSquare(BufferedImage src, double fraction) {
    int side = Math.max(1, (int) Math.round(Math.min(src.getWidth(), src.getHeight()) * fraction));
    return Images.crop(
        src, (src.getWidth() - side) / 2, (src.getHeight() - side) / 2, side, side);
  }

  static BufferedImage pad(BufferedImage src, double fraction, Color fill) {
    int dx = (int) Math.round(src.getWidth() * fraction);
    int dy = (int) Math.round(src.getHeight() * fraction);
    return Images.place(
        src, src.getWidth() + 2 * dx, src.getHeight() + 2 * dy, dx, dy, fill);
  }

  static BufferedImage letterbox(BufferedImage src, int aw, int ah) {
    int w = src.getWidth();
    int h = src.getHeight();
    int cw;
    int ch;
    if ((long) w * ah >= (long) h * aw) {
      cw = w;
      ch = (int) Math.round((double) w * ah / aw);
    } else {
      ch = h;
      cw = (int) Math.round((double) h * aw / ah);
    }
    cw = Math.max(cw, w);
    ch = Math.max(ch, h);
    return Images.place(src, cw, ch, (cw - w) / 2, (ch - h) / 2, BLACK);
  }

  private static final String CAPTION = "WHEN THE BENCHMARK FINALLY FINISHES";

  static BufferedImage caption(BufferedImage src, boolean top) {
    int w = src.getWidth();
    int h = src.getHeight();
    int band = Math.max(12, (int) Math.round(h * 0.20));
    BufferedImage out = Images.place(src, w, h + band, 0, top ? band : 0, WHITE);
    Graphics2D g = out.createGraphics();
    try {
      textHints(g);
      Font font = fit(g, new Font(Font.SANS_SERIF, Font.BOLD, 10), CAPTION, w * 0.9, band * 0.6);
      g.setFont(font);
      FontMetrics m = g.getFontMetrics();
      int y0 = top ? 0 : h;
      int x = (w - m.stringWidth(CAPTION)) / 2;
      int y = y0 + (band - m.getHeight()) / 2 + m.getAscent();
      g.setColor(BLACK);
      g.drawString(CAPTION, x, y);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static final String WATERMARK = "\u00a9 stockphoto.example";

  static BufferedImage watermark(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out = Images.crop(src, 0, 0, w, h);
    Graphics2D g = out.createGraphics();
    try {
      textHints(g);
      Font big = fit(g, new Font(Font.SANS_SERIF, Font.BOLD, 10), WATERMARK, w * 0.9, h * 0.09);
      drawOutlined(g, big, WATERMARK, w / 2.0, h / 2.0, true);
      Font small = big.deriveFont(big.getSize2D() * 0.4f);
      g.setFont(small);
      FontMetrics m = g.getFontMetrics();
      drawOutlined(g, small, WATERMARK, w - m.stringWidth(WATERMARK) / 2.0 - w * 0.02,
          h - m.getHeight() / 2.0 - h * 0.02, true);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static void drawOutlined(
      Graphics2D g, Font font, String text, double cx, double cy, boolean translucent) {
    g.setFont(font);
    FontMetrics m = g.getFontMetrics();
    float x = (float) (cx - m.stringWidth(text) / 2.0);
    float y = (float) (cy - m.getHeight() / 2.0 + m.getAscent());
    Shape outline =
        font.createGlyphVector(g.getFontRenderContext(), text)
            .getOutline(x, y);
    g.setComposite(AlphaComposite.getInstance(
        AlphaComposite.SRC_OVER, translucent ? 0.55f : 1f));
    g.setColor(WHITE);
    g.fill(outline);
    g.setColor(new Color(40, 40, 40));
    g.setStroke(new BasicStroke(1f));
    g.draw(outline);
    g.setComposite(AlphaComposite.SrcOver);
  }

  /** The largest size of {@code base} (from 4 pt) whose text fits in the box. */
  private static Font fit(Graphics2D g, Font base, String text, double maxWidth, double maxHeight) {
    float lo = 4f;
    float hi = 1000f;
    for (int i = 0; i < 30; i++) {
      float mid = (lo + hi) / 2;
      FontMetrics m = g.getFontMetrics(base.deriveFont(mid));
      if (m.stringWidth(text) <= maxWidth && m.getHeight() <= maxHeight) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return base.deriveFont(lo);
  }

  private static void textHints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
        RenderingHints.VALUE_FRACTIONALMETRICS_ON);
  }

  /** Rotates by {@code quarters} x 90 degrees clockwise, pixel for pixel. */
  static BufferedImage rotateQuarter(BufferedImage src, int quarters) {
    int w = src.getWidth();
    int h = src.getHeight();
    int q = Math.floorMod(quarters, 4);
    int ow = q % 2 == 0 ? w : h;
    int oh = q % 2 == 0 ? h : w;
    BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
    int[] s = Images.pixels(src);
    int[] d = Images.pixels(out);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int nx;
        int ny;
        switch (q) {
          case 0 -> {
            nx = x;
            ny = y;
          }
          case 1 -> {
            nx = h - 1 - y;
            ny = x;
          }
          case 2 -> {
            nx = w - 1 - x;
            ny = h - 1 - y;
          }
          default -> {
            nx = y;
            ny = w - 1 - x;
          }
        }
        d[ny * ow + nx] = s[y * w + x];
      }
    }
    return out;
  }

  static BufferedImage mirror(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] s = Images.pixels(src);
    int[] d = Images.pixels(out);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        d[y * w + (w - 1 - x)] = s[y * w + x];
      }
    }
    return out;
  }

  static BufferedImage rotateSmall(BufferedImage src, double degreesCounterClockwise) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out = Images.canvas(w, h, WHITE);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      // Java2D's y axis points down, so a negative angle turns the picture counter-clockwise.
      g.drawImage(src, AffineTransform.getRotateInstance(
          Math.toRadians(-degreesCounterClockwise), w / 2.0, h / 2.0), null);
    } finally {
      g.dispose();
    }
    return out;
  }

  static BufferedImage screenshot(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    int margin = Math.max(4, (int) Math.round(Math.max(w, h) * 0.06));
    int title = Math.max(18, (int) Math.round(h * 0.07));
    int status = Math.max(9, title / 2);
    int border = 1;
    int winW = w + 2 * border;
    int winH = title + h + status + 2 * border;
    int cw = winW + 2 * margin;
    int ch = winH + 2 * margin;
    BufferedImage out = Images.canvas(cw, ch, new Color(0x5A, 0x6E, 0x82));
    Graphics2D g = out.createGraphics();
    try {
      textHints(g);
      int wx = margin;
      int wy = margin;
      g.setColor(new Color(0x9A, 0xA0, 0xA6));
      g.fillRect(wx, wy, winW, winH);
      g.setColor(new Color(0xEC, 0xEE, 0xF1));
      g.fillRect(wx + border, wy + border, w, title);
      g.fillRect(wx + border, wy + border + title + h, w, status);
      int r = Math.max(3, title / 4);
      Color[] buttons = {new Color(0xFF, 0x5F, 0x57), new Color(0xFE, 0xBC, 0x2E),
          new Color(0x28, 0xC8, 0x40)};
      for (int i = 0; i < 3; i++) {
        g.setColor(buttons[i]);
        g.fillOval(wx + border + r + i * 3 * r, wy + border + title / 2 - r, 2 * r, 2 * r);
      }
      g.setColor(new Color(0x30, 0x30, 0x30));
      Font tf = fit(g, new Font(Font.SANS_SERIF, Font.PLAIN, 10), "IMG_2041.jpg - Photos",
          w * 0.5, title * 0.7);
      g.setFont(tf);
      FontMetrics m = g.getFontMetrics();
      g.drawString("IMG_2041.jpg - Photos", wx + border + (w - m.stringWidth(
          "IMG_2041.jpg - Photos")) / 2, wy + border + (title - m.getHeight()) / 2 + m.getAscent());
      Font sf = fit(g, tf, "100 %   " + w + " x " + h, w * 0.4, status * 0.8);
      g.setFont(sf);
      m = g.getFontMetrics();
      g.drawString("100 %   " + w + " x " + h, wx + border + 4,
          wy + border + title + h + (status - m.getHeight()) / 2 + m.getAscent());
      g.drawImage(src, wx + border, wy + border + title, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}

package org.hashmatch.service;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Benign synthetic test images: smooth gradients, a few coloured shapes and mild noise, so PDQ sees
 * photo-like structure. Generated from a fixed seed; never read from anywhere.
 */
final class TestImages {

  private TestImages() {}

  static BufferedImage photo(int width, int height, long seed) {
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, randomColor(r), width, height, randomColor(r)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 14; i++) {
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f + r.nextFloat() / 2));
      g.setColor(randomColor(r));
      int x = r.nextInt(width);
      int y = r.nextInt(height);
      int w = width / 8 + r.nextInt(width / 3);
      int h = height / 8 + r.nextInt(height / 3);
      switch (r.nextInt(3)) {
        case 0 -> g.fillOval(x - w / 2, y - h / 2, w, h);
        case 1 -> g.fillRect(x - w / 2, y - h / 2, w, h);
        default -> {
          g.setStroke(new BasicStroke(4 + r.nextInt(12)));
          g.drawLine(x, y, r.nextInt(width), r.nextInt(height));
        }
      }
    }
    g.dispose();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = img.getRGB(x, y);
        int n = r.nextInt(13) - 6;
        img.setRGB(x, y, (clamp(((rgb >> 16) & 0xff) + n) << 16)
            | (clamp(((rgb >> 8) & 0xff) + n) << 8) | clamp((rgb & 0xff) + n));
      }
    }
    return img;
  }

  /** Uniform noise: costly to decode and hash, for load tests. */
  static BufferedImage noise(int width, int height, long seed) {
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  static BufferedImage mirror(BufferedImage src) {
    AffineTransform t = AffineTransform.getScaleInstance(-1, 1);
    t.translate(-src.getWidth(), 0);
    return transform(src, t, src.getWidth(), src.getHeight());
  }

  /** Turned a quarter clockwise. */
  static BufferedImage rotate90(BufferedImage src) {
    AffineTransform t = new AffineTransform();
    t.translate(src.getHeight(), 0);
    t.rotate(Math.PI / 2);
    return transform(src, t, src.getHeight(), src.getWidth());
  }

  /**
   * {@code src} centred on a canvas of uniform {@code colour}, with {@code dx} pixels added left
   * and right and {@code dy} above and below (padding, letterbox or pillarbox).
   */
  static BufferedImage pad(BufferedImage src, int dx, int dy, Color colour) {
    BufferedImage out = new BufferedImage(
        src.getWidth() + 2 * dx, src.getHeight() + 2 * dy, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.drawImage(src, dx, dy, null);
    g.dispose();
    return out;
  }

  private static BufferedImage transform(BufferedImage src, AffineTransform t, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(src, t, null);
    g.dispose();
    return out;
  }

  static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", out)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** JPEG re-encode, in memory only (no ImageIO disk cache). */
  static byte[] jpeg(BufferedImage img, float quality) {
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      w.setOutput(ios);
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      w.write(null, new IIOImage(img, null, null), p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      w.dispose();
    }
    return out.toByteArray();
  }

  /** A well-formed PNG header claiming {@code width x height} pixels, with no pixel data. */
  static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    b.putInt(13).put(ihdr.array()).putInt(crc(ihdr.array()));
    byte[] iend = "IEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    b.putInt(0).put(iend).putInt(crc(iend));
    return b.array();
  }

  private static int crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return (int) c.getValue();
  }

  private static Color randomColor(Random r) {
    return new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}

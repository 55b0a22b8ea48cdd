package org.hashmatch.hashing.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Generated benign test images, encoded with the ImageIO writers. */
public final class TestImages {

  private TestImages() {}

  /** A smooth, photo-like RGB image with some texture, from a fixed seed. */
  public static BufferedImage photoLike(int width, int height, long seed) {
    Random rnd = new Random(seed);
    double fx = 2 + rnd.nextDouble() * 4;
    double fy = 2 + rnd.nextDouble() * 4;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double u = (double) x / width;
        double v = (double) y / height;
        int r = clamp(128 + 100 * Math.sin(fx * u * Math.PI + v) + rnd.nextInt(9) - 4);
        int g = clamp(128 + 90 * Math.cos(fy * v * Math.PI - u * 2) + rnd.nextInt(9) - 4);
        int b = clamp(255 * (u + v) / 2 + rnd.nextInt(9) - 4);
        img.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return img;
  }

  /** Encodes with the first ImageIO writer for the format name. */
  public static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}

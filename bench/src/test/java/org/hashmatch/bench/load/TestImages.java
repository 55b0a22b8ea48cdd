package org.hashmatch.bench.load;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Benign generated images (gradients and rectangles) for the match-image scenario. */
final class TestImages {
  private TestImages() {}

  /** Writes {@code count} images, alternately PNG and JPEG, into {@code dir}. */
  static void write(Path dir, int count, long seed) throws IOException {
    Random random = new Random(seed);
    for (int n = 0; n < count; n++) {
      BufferedImage img = new BufferedImage(160 + 16 * n, 120 + 8 * n, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      for (int y = 0; y < img.getHeight(); y++) {
        g.setColor(new Color((y * 255) / img.getHeight(), 80 + n * 20, 200 - y % 100));
        g.drawLine(0, y, img.getWidth(), y);
      }
      for (int r = 0; r < 6; r++) {
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRect(random.nextInt(img.getWidth()), random.nextInt(img.getHeight()), 30, 20);
      }
      g.dispose();
      String format = n % 2 == 0 ? "png" : "jpg";
      if (!ImageIO.write(img, format, dir.resolve("img" + n + "." + format).toFile())) {
        throw new IOException("no ImageIO writer for " + format);
      }
    }
  }
}

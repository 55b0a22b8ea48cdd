package org.hashmatch.bench.robustness;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Benign generated test pictures: smooth colour fields with a few shapes, seeded. */
final class SyntheticImages {

  private SyntheticImages() {}

  static BufferedImage picture(int width, int height, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    double[] fx = new double[3];
    double[] fy = new double[3];
    double[] ph = new double[3];
    for (int c = 0; c < 3; c++) {
      fx[c] = 0.5 + 3 * rnd.nextDouble();
      fy[c] = 0.5 + 3 * rnd.nextDouble();
      ph[c] = 2 * Math.PI * rnd.nextDouble();
    }
    int[] px = Images.pixels(img);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] v = new int[3];
        for (int c = 0; c < 3; c++) {
          double s = Math.sin(2 * Math.PI * (fx[c] * x / width) + ph[c])
              * Math.cos(2 * Math.PI * (fy[c] * y / height) - ph[c]);
          v[c] = Images.clamp8(128 + 100 * s);
        }
        px[y * width + x] = v[0] << 16 | v[1] << 8 | v[2];
      }
    }
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      for (int i = 0; i < 40; i++) {
        g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
        int w = width / 8 + rnd.nextInt(width / 3);
        int h = height / 8 + rnd.nextInt(height / 3);
        int x = rnd.nextInt(width - w);
        int y = rnd.nextInt(height - h);
        if (rnd.nextBoolean()) {
          g.fillOval(x, y, w, h);
        } else {
          g.fillRect(x, y, w, h);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }
}

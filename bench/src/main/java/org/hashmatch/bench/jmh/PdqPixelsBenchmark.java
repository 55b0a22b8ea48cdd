package org.hashmatch.bench.jmh;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.image.DecodedImage;
import org.hashmatch.hashing.image.ImageFormat;

/**
 * PDQ from a decoded image rather than from a luma plane: what the "~1.6 s for 12 MP" Java
 * reference figure measures, put beside the baseline that {@code bench pdq} uses, in one run.
 *
 * <p>The input is a synthetic {@link BufferedImage#TYPE_3BYTE_BGR} image, the type ImageIO
 * decodes a colour JPEG to. Three ways from that image to a hash, each checked against the others
 * bit for bit:
 *
 * <ul>
 *   <li>{@code REF java-structure}: the structure of the Java reference ({@code PDQHasher}): one
 *       {@code getRGB(x, y)} call per pixel to fill the float luma plane, then the reference loops
 *       ({@link Kernel#REFERENCE}).
 *   <li>{@code REF c++-structure}: the structure of the C++ library: one loop over the interleaved
 *       bytes ({@code fillFloatLumaFromRGB}), then the same reference loops. This, and the plane
 *       baseline of {@code bench pdq}, is the strict baseline.
 *   <li>{@code AUTO}: what Hashmatch runs on an upload once it is decoded: {@link
 *       DecodedImage#fromBufferedImage} (the luma plane and pHash's grey plane, from the raster)
 *       and {@link PdqHasher} on the default kernel.
 * </ul>
 *
 * The luma is {@code 0.299f * r + 0.587f * g + 0.114f * b} in float32 everywhere, so all three give
 * the same hash. Timing as in {@link PdqSpeedupBenchmark}: interleaved rounds after a warmup, the
 * median of the calling thread's CPU time and of the wall clock.
 *
 * <p>Run: {@code bin/hashmatch bench pdq-pixels [WIDTH HEIGHT [ROUNDS]]}; defaults 4032x3024, 7.
 */
public final class PdqPixelsBenchmark {

  private static final float R = 0.299f;
  private static final float G = 0.587f;
  private static final float B = 0.114f;

  private PdqPixelsBenchmark() {}

  /** Entry point; see the class comment for arguments. */
  public static void main(String[] args) {
    int width = args.length >= 2 ? Integer.parseInt(args[0]) : 4032;
    int height = args.length >= 2 ? Integer.parseInt(args[1]) : 3024;
    int rounds = args.length >= 3 ? Integer.parseInt(args[2]) : 7;
    BufferedImage image = syntheticBgr(width, height, PdqBenchmark.SEED);
    PdqHasher reference = PdqHasher.create(Kernel.REFERENCE);
    PdqHasher auto = PdqHasher.create(Kernel.AUTO);

    Map<String, Function<BufferedImage, PdqResult>> ways = new LinkedHashMap<>();
    ways.put("REF java-structure", im -> reference.hash(lumaByGetRgb(im), width, height, false));
    ways.put("REF c++-structure", im -> reference.hash(lumaByBytes(im), width, height, false));
    ways.put("AUTO " + auto, im -> {
      DecodedImage d = DecodedImage.fromBufferedImage(im, ImageFormat.JPEG);
      return auto.hash(d.luma(), width, height, false);
    });

    PdqResult expected = ways.get("REF c++-structure").apply(image);
    System.out.printf(Locale.ROOT, "PDQ from a decoded %dx%d TYPE_3BYTE_BGR image (%.2f MP), "
        + "seed 0x%X, %d rounds%n", width, height, width * (double) height / 1e6,
        PdqBenchmark.SEED, rounds);
    for (var e : ways.entrySet()) {
      boolean optimized = e.getKey().startsWith("AUTO");
      long until = System.nanoTime() + (optimized ? 3_000_000_000L : 0);
      int minimum = optimized ? 60 : 2;
      for (int i = 0; i < minimum || System.nanoTime() < until; i++) {
        check(e.getValue().apply(image), expected, e.getKey());
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, long[]> wall = new LinkedHashMap<>();
    Map<String, long[]> cpu = new LinkedHashMap<>();
    for (String k : ways.keySet()) {
      wall.put(k, new long[rounds]);
      cpu.put(k, new long[rounds]);
    }
    for (int round = 0; round < rounds; round++) {
      for (var e : ways.entrySet()) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        PdqResult r = e.getValue().apply(image);
        wall.get(e.getKey())[round] = System.nanoTime() - t0;
        cpu.get(e.getKey())[round] = mx.getCurrentThreadCpuTime() - c0;
        check(r, expected, e.getKey());
      }
    }
    double javaCpu = PdqSpeedupBenchmark.median(cpu.get("REF java-structure"));
    double cppCpu = PdqSpeedupBenchmark.median(cpu.get("REF c++-structure"));
    for (String k : ways.keySet()) {
      double c = PdqSpeedupBenchmark.median(cpu.get(k));
      System.out.printf(Locale.ROOT,
          "%-42s wall %9.2f ms  cpu %9.2f ms   cpu: java-structure/this %6.1fx"
              + "  c++-structure/this %6.1fx%n",
          k, PdqSpeedupBenchmark.median(wall.get(k)) / 1e6, c / 1e6, javaCpu / c, cppCpu / c);
    }
  }

  /** The Java reference's way to the luma plane: one {@code getRGB} per pixel. */
  static float[] lumaByGetRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] luma = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        luma[y * w + x] = R * ((rgb >> 16) & 0xFF) + G * ((rgb >> 8) & 0xFF) + B * (rgb & 0xFF);
      }
    }
    return luma;
  }

  /** The C++ library's way: one pass over the interleaved samples (here B, G, R bytes). */
  static float[] lumaByBytes(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    float[] luma = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 3;
        luma[y * w + x] =
            R * (bgr[p + 2] & 0xFF) + G * (bgr[p + 1] & 0xFF) + B * (bgr[p] & 0xFF);
      }
    }
    return luma;
  }

  /**
   * A photo-like colour image: the grey content of {@link PdqBenchmark#syntheticLuma} (waves,
   * blobs), tinted differently per channel by a slow gradient, with independent noise per channel.
   */
  static BufferedImage syntheticBgr(int width, int height, long seed) {
    float[] base = PdqBenchmark.syntheticLuma(width, height, seed);
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = Math.round(base[y * width + x]);
        int tint = (int) (40.0 * (x - width / 2.0) / width);
        int p = (y * width + x) * 3;
        bgr[p] = (byte) clamp(v - tint + r.nextInt(7) - 3);
        bgr[p + 1] = (byte) clamp(v + r.nextInt(7) - 3);
        bgr[p + 2] = (byte) clamp(v + tint + r.nextInt(7) - 3);
      }
    }
    return image;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static void check(PdqResult actual, PdqResult expected, String k) {
    if (!actual.equals(expected)) {
      throw new IllegalStateException(k + " differs from the C++-structure reference");
    }
  }
}

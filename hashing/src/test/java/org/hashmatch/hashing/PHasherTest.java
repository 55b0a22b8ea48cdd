package org.hashmatch.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hashmatch.hashing.image.DecodedImage;
import org.hashmatch.hashing.image.ImageDecoder;
import org.hashmatch.hashing.image.LanczosResampler;
import org.junit.jupiter.api.Test;

class PHasherTest {

  private static final long SEED = 4242L;
  private final PHasher phasher = new PHasher();

  /**
   * Vectors from {@code src/test/python/phash_vectors.py} (Pillow + scipy, the published
   * imagehash.phash definition) over the conformance images and a few generated ones. The issue
   * asks for agreement within 2 bits on at least 95 % of them.
   */
  @Test
  void hashGrey_pythonVectors_agreeWithin2BitsOn95Percent() {
    ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULT);
    List<String> lines = readResourceLines("/phash/expected.csv");
    List<String> far = new ArrayList<>();
    int exact = 0;
    int rows = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      byte[] bytes =
          f[0].startsWith("generated/")
              ? readResource("/phash/" + f[0])
              : ConformanceImages.image(f[0]);
      DecodedImage img = decoder.decode(bytes);
      Hash64 ours = phasher.hashGrey(img.grey8(), img.width(), img.height());
      int d = ours.distance(Hash64.fromHex(f[1]));
      rows++;
      if (d == 0) {
        exact++;
      }
      if (d > 2) {
        far.add(f[0] + " distance " + d + " (ours " + ours + ", python " + f[1] + ")");
      }
    }
    System.out.printf(
        "pHash vs Python: %d rows, %d exact, %d within 2 bits, outside: %s%n",
        rows, exact, rows - far.size(), far);
    assertThat(rows).isGreaterThanOrEqualTo(50);
    assertThat(rows - far.size())
        .as("rows within 2 bits (exact: %d of %d); outside: %s", exact, rows, far)
        .isGreaterThanOrEqualTo((int) Math.ceil(rows * 0.95));
  }

  /** On a 32x32 input no resampling happens, so the DCT path can be checked exactly. */
  @Test
  void hashGrey_32x32_equalsDirectDefinition() {
    Random rnd = new Random(SEED);
    for (int t = 0; t < 200; t++) {
      byte[] px = new byte[32 * 32];
      // Smooth random fields avoid exact ties between coefficients.
      double a = rnd.nextDouble() * 6;
      double b = rnd.nextDouble() * 6;
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          px[y * 32 + x] =
              (byte) (128 + 60 * Math.sin(a * x / 10.0 + y * b / 7.0) + rnd.nextInt(60) - 30);
        }
      }
      assertThat(phasher.hashGrey(px, 32, 32))
          .as("seed %d trial %d", SEED, t)
          .isEqualTo(directPhash(px));
    }
  }

  @Test
  void hash_rgbOverload_matchesPillowLuminance() {
    int[] rgb = new int[40 * 30];
    byte[] grey = new byte[rgb.length];
    Random rnd = new Random(SEED);
    for (int i = 0; i < rgb.length; i++) {
      int r = rnd.nextInt(256);
      int g = rnd.nextInt(256);
      int b = rnd.nextInt(256);
      rgb[i] = 0xFF000000 | r << 16 | g << 8 | b;
      grey[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
    }
    assertThat(phasher.hash(rgb, 40, 30)).isEqualTo(phasher.hashGrey(grey, 40, 30));
  }

  @Test
  void hashGrey_wrongSize_illegalArgument() {
    assertThatThrownBy(() -> phasher.hashGrey(new byte[10], 3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 9 pixels, got 10");
    assertThatThrownBy(() -> phasher.hashGrey(new byte[0], 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resize_constantImage_staysConstant() {
    byte[] flat = new byte[123 * 77];
    Arrays.fill(flat, (byte) 200);
    byte[] small = LanczosResampler.resize(flat, 123, 77, 32, 32);
    for (byte v : small) {
      assertThat(v & 0xFF).isEqualTo(200);
    }
    byte[] big = LanczosResampler.resize(new byte[] {(byte) 9, (byte) 9, (byte) 9, (byte) 9}, 2, 2, 32, 32);
    for (byte v : big) {
      assertThat(v & 0xFF).isEqualTo(9);
    }
  }

  /** imagehash.phash written out with plain cosine sums in double precision. */
  private static Hash64 directPhash(byte[] px) {
    double[] low = new double[64];
    for (int u = 0; u < 8; u++) {
      for (int v = 0; v < 8; v++) {
        double s = 0;
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            s +=
                (px[y * 32 + x] & 0xFF)
                    * Math.cos(Math.PI * u * (2 * y + 1) / 64)
                    * Math.cos(Math.PI * v * (2 * x + 1) / 64);
          }
        }
        low[u * 8 + v] = s;
      }
    }
    double[] sorted = low.clone();
    Arrays.sort(sorted);
    double median = (sorted[31] + sorted[32]) / 2;
    long bits = 0;
    for (int i = 0; i < 64; i++) {
      if (low[i] > median) {
        bits |= 1L << (63 - i);
      }
    }
    return new Hash64(bits);
  }

  static List<String> readResourceLines(String name) {
    return new String(readResource(name), StandardCharsets.UTF_8).lines().toList();
  }

  static byte[] readResource(String name) {
    try (InputStream in = PHasherTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

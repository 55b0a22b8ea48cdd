package org.hashmatch.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hashmatch.hashing.PdqConformanceData.Luma;
import org.hashmatch.hashing.PdqConformanceData.Row;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Dihedral variants against the upstream C++ CLI ({@code measured-cpp-cli-im6-dihedral.csv}). The
 * CLI shrinks images over 512 pixels on a side before hashing, so only images at most 512x512 are
 * comparable with a full-resolution hash. Column mapping (upstream names to ours): rot90 (counter-
 * clockwise) = ROT90, flipx (top/bottom) = FLIP_X, flipy (left/right) = FLIP_Y, flipplus1 =
 * TRANSPOSE, flipminus1 = TRANSVERSE.
 */
class PdqDihedralConformanceTest {

  private static final String CSV = "measured-cpp-cli-im6-dihedral.csv";
  private static final List<Dihedral> COLUMNS = List.of(
      Dihedral.ORIGINAL, Dihedral.ROT90, Dihedral.ROT180, Dihedral.ROT270,
      Dihedral.FLIP_X, Dihedral.FLIP_Y, Dihedral.TRANSPOSE, Dihedral.TRANSVERSE);

  private static Stream<Row> comparableRows() {
    return PdqConformanceData.csv(CSV).stream()
        .filter(r -> r.get(10).equals("ok"))
        .filter(r -> PdqConformanceData.dimensions(PdqConformanceData.image(r.get(0)))
            .map(d -> d[0] <= 512 && d[1] <= 512)
            .orElse(false))
        .filter(r -> PdqConformanceData.decode(PdqConformanceData.image(r.get(0))).isPresent());
  }

  @TestFactory
  Stream<DynamicTest> cliDihedral_smallImages_allEightVariantsExact() {
    return comparableRows().map(r -> dynamicTest(r.get(0), () -> check(r)));
  }

  /**
   * Rows that cannot be bit-exact here, with the reason; for them only closeness is checked.
   *
   * <ul>
   *   <li>The CLI decodes through ImageMagick, whose JPEG pixels differ slightly from libjpeg-turbo
   *       and the JDK for {@code wee.jpg}. Decoded with ImageMagick 6.9.11-60 instead, our numerics
   *       reproduce all 8 CLI hashes of that file (checked by hand while writing this test).
   *   <li>The C++ dihedral entry point blurs a 64x64 input, while {@code pdqHash256FromFloatLuma}
   *       (the hash banks hold, and our single code path) uses it unblurred. Upstream's two entry
   *       points thus disagree by a few bits on 64x64 images; we follow the hashing one.
   * </ul>
   */
  private static final Map<String, String> NOT_EXACT = Map.of(
      "misc-images/wee.jpg", "ImageMagick JPEG decode differs from libjpeg-turbo",
      "synthetic/pattern-64x64.png", "C++ dihedral entry point blurs 64x64 inputs");
  private static final int NOT_EXACT_MAX_BITS = 6;

  private static void check(Row row) {
    Luma l = PdqConformanceData.decode(PdqConformanceData.image(row.get(0))).orElseThrow();
    Map<Dihedral, Hash256> expected = new LinkedHashMap<>();
    for (int i = 0; i < COLUMNS.size(); i++) {
      expected.put(COLUMNS.get(i), Hash256.fromHex(row.get(1 + i)));
    }
    boolean exact = !NOT_EXACT.containsKey(row.get(0));
    for (Kernel k : List.of(Kernel.REFERENCE, Kernel.AUTO, Kernel.SCALAR)) {
      PdqResult r = PdqHasher.create(k).hash(l.values(), l.width(), l.height(), true);
      assertThat(r.dihedral().get(Dihedral.ORIGINAL)).isEqualTo(r.hash());
      if (exact) {
        assertThat(r.dihedral()).as("%s with %s", row.get(0), k).isEqualTo(expected);
        assertThat(r.quality()).isEqualTo(Integer.parseInt(row.get(9)));
      } else {
        for (Dihedral d : Dihedral.values()) {
          assertThat(r.dihedral().get(d).distance(expected.get(d)))
              .as("%s %s with %s (%s)", row.get(0), d, k, NOT_EXACT.get(row.get(0)))
              .isLessThanOrEqualTo(NOT_EXACT_MAX_BITS);
        }
      }
    }
  }

  @Test
  void cliDihedral_comparableRows_includeSyntheticAndPhotos() {
    List<String> images = comparableRows().map(r -> r.get(0)).toList();
    assertThat(images)
        .contains("synthetic/flat-gray-100x100.png", "synthetic/smooth-300x200.png",
            "synthetic/tiny-4x4.png", "synthetic/tiny-5x7.png", "bridge-mods/square-512x512.jpg")
        .hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void dihedral_syntheticRotation_matchesHashOfRotatedPixels() {
    // Independent of the CSV: rotating the pixels of a square image by 90 degrees counter-clockwise
    // and hashing must give the ROT90 variant of the original, and so on for every variant. With
    // 128x128 (a multiple of 64 sampled at centres) blur and decimation commute with the
    // symmetries up to float rounding, so allow a few bits.
    // Smooth and noise-free: decimation samples odd columns, which a mirror maps onto even ones,
    // so pixel noise would make the two hashes differ for reasons unrelated to the derivation.
    int n = 128;
    float[] img = new float[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        img[y * n + x] = (float) (100 + 50 * Math.sin(x * 0.07 + y * 0.02) + 40 * Math.cos(y * 0.09)
            + (x < 40 && y < 30 ? 60 : 0));
      }
    }
    PdqResult base = PdqHasher.create(Kernel.AUTO).hash(img, n, n, true);
    for (Dihedral d : Dihedral.values()) {
      float[] t = transform(img, n, d);
      Hash256 direct = PdqHasher.create(Kernel.AUTO).hash(t, n, n, false).hash();
      assertThat(direct.distance(base.dihedral().get(d))).as("%s", d).isLessThanOrEqualTo(8);
    }
  }

  /** Applies a symmetry to a square row-major image: out(x, y) for each output pixel. */
  private static float[] transform(float[] a, int n, Dihedral d) {
    float[] out = new float[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int sx;
        int sy;
        switch (d) {
          case ORIGINAL -> { sx = x; sy = y; }
          case ROT90 -> { sx = n - 1 - y; sy = x; } // counter-clockwise quarter turn
          case ROT180 -> { sx = n - 1 - x; sy = n - 1 - y; }
          case ROT270 -> { sx = y; sy = n - 1 - x; }
          case FLIP_X -> { sx = x; sy = n - 1 - y; } // top and bottom swapped
          case FLIP_Y -> { sx = n - 1 - x; sy = y; } // left and right mirrored
          case TRANSPOSE -> { sx = y; sy = x; }
          case TRANSVERSE -> { sx = n - 1 - y; sy = n - 1 - x; }
          default -> throw new AssertionError(d);
        }
        out[y * n + x] = a[sy * n + sx];
      }
    }
    return out;
  }

}

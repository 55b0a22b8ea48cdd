package org.hashmatch.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hashmatch.hashing.PdqConformanceData.Luma;
import org.hashmatch.hashing.PdqConformanceData.Row;
import org.hashmatch.hashing.PdqHasher.Kernel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The numerics against the upstream C++ library at full resolution ({@code
 * measured-cpp-lib-fullres.csv}): every {@code ok} row whose image the test decoder reads exactly
 * must give distance 0 and the same quality. Images over 4 MP (the 12 MP EXIF photo) are hashed
 * once, with AUTO; smaller ones with every kernel.
 */
class PdqConformanceTest {

  private static final String CSV = "measured-cpp-lib-fullres.csv";
  private static final long ALL_KERNELS_MAX_PIXELS = 4_000_000;

  @TestFactory
  Stream<DynamicTest> libFullres_okRows_reproducedExactly() {
    return PdqConformanceData.csv(CSV).stream()
        .filter(r -> r.get(3).equals("ok"))
        .map(r -> dynamicTest(r.get(0), () -> check(r)));
  }

  private static void check(Row row) {
    Optional<Luma> decoded = PdqConformanceData.decode(PdqConformanceData.image(row.get(0)));
    if (decoded.isEmpty()) {
      // Not a plain 8-bit RGB/grey/palette image: the decode tests own it. Only these may be
      // skipped, so the factory cannot pass vacuously if decoding breaks.
      assertThat(row.get(0)).matches(".*(\\.webp|I16\\.png)$");
      return;
    }
    Luma l = decoded.get();
    Hash256 expected = Hash256.fromHex(row.get(1));
    int expectedQuality = Integer.parseInt(row.get(2));
    List<Kernel> kernels = new ArrayList<>(List.of(Kernel.AUTO));
    if ((long) l.width() * l.height() <= ALL_KERNELS_MAX_PIXELS) {
      kernels.add(Kernel.REFERENCE);
      kernels.add(Kernel.SCALAR);
      if (PdqHasher.vectorAvailable()) {
        kernels.add(Kernel.VECTOR);
      }
    }
    for (Kernel k : kernels) {
      PdqResult r = PdqHasher.create(k).hash(l.values(), l.width(), l.height(), false);
      assertThat(r.hash().distance(expected))
          .as("%s with %s: got %s, expected %s", row.get(0), k, r.hash(), expected)
          .isZero();
      assertThat(r.quality()).as("%s quality with %s", row.get(0), k).isEqualTo(expectedQuality);
    }
  }
}

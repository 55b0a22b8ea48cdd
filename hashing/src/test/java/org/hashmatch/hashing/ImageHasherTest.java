package org.hashmatch.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hashmatch.hashing.image.TestImages;
import org.junit.jupiter.api.Test;

class ImageHasherTest {

  private final ImageHasher hasher = new ImageHasher(DecodeLimits.DEFAULT);

  @Test
  void hash_withoutDihedral_emptyMapAndAllFields() {
    byte[] png = TestImages.encode(TestImages.photoLike(90, 70, 9), "png");
    HashResult r = hasher.hash(png, false);
    assertThat(r.pdqDihedral()).isEmpty();
    assertThat(r.width()).isEqualTo(90);
    assertThat(r.height()).isEqualTo(70);
    assertThat(r.md5()).isEqualTo(ExactHashes.md5Hex(png));
    assertThat(r.sha256()).isEqualTo(ExactHashes.sha256Hex(png));
    HashResult withDihedral = hasher.hash(png, true);
    assertThat(withDihedral.pdq()).isEqualTo(r.pdq());
    assertThat(withDihedral.phash()).isEqualTo(r.phash());
    assertThat(withDihedral.pdqDihedral()).hasSize(8).containsEntry(Dihedral.ORIGINAL, r.pdq());
  }

  @Test
  void hash_exactHashes_knownVectors() {
    byte[] abc = "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(ExactHashes.md5Hex(abc)).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    assertThat(ExactHashes.sha256Hex(abc))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hash_badInput_typedErrorsPassThrough() {
    assertThatThrownBy(() -> hasher.hash(new byte[0], false))
        .isInstanceOf(UnsupportedImageException.class);
    ImageHasher tiny = new ImageHasher(new DecodeLimits(100, 1 << 20));
    assertThatThrownBy(() -> tiny.hash(TestImages.encode(TestImages.photoLike(20, 20, 1), "png"), false))
        .isInstanceOf(ImageTooLargeException.class);
  }

  /** One hasher serves a pool: concurrent calls give the same results as sequential ones. */
  @Test
  void hash_concurrentCalls_sameResults() throws Exception {
    List<byte[]> inputs = new ArrayList<>();
    List<HashResult> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] img = TestImages.encode(TestImages.photoLike(150 + i * 17, 100 + i * 11, i), i % 2 == 0 ? "png" : "jpeg");
      inputs.add(img);
      expected.add(hasher.hash(img, true));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<HashResult>> futures = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (byte[] img : inputs) {
          futures.add(pool.submit(() -> hasher.hash(img, true)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(expected.get(i % inputs.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

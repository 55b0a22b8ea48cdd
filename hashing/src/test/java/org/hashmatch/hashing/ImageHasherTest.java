package org.hashmatch.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.hashmatch.hashing.image.TestImages;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.hashing.robust.RobustPdq;
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

  @Test
  void hashForMatch_paddedImage_trimmedProbeMatchesTheUnpaddedImage() {
    BufferedImage photo = TestImages.photoLike(200, 150, 3);
    byte[] padded = TestImages.encode(pad(photo, 40, Color.WHITE), "png");
    RobustHashes r = hasher.hashForMatch(padded);
    HashResult plain = hasher.hash(TestImages.encode(photo, "png"), false);

    assertThat(r.hashes()).isEqualTo(hasher.hash(padded, true));
    assertThat(r.bankVariants()).isEmpty();
    assertThat(r.query().trimRegion()).isEqualTo(new org.hashmatch.hashing.robust.Region(40, 40, 200, 150));
    assertThat(r.query().trimmed().hash().distance(plain.pdq())).isLessThanOrEqualTo(31);
    assertThat(r.hashes().pdq().distance(plain.pdq())).isGreaterThan(31);
  }

  @Test
  void hashForEntry_fillsBankVariantsFromTheSameDecode() {
    byte[] png = TestImages.encode(pad(TestImages.photoLike(220, 160, 4), 0, Color.BLACK), "png");
    RobustHashes r = hasher.hashForEntry(png);
    assertThat(r.hashes()).isEqualTo(hasher.hash(png, true));
    assertThat(r.query().trimmed()).isNull();
    assertThat(r.bankVariants())
        .extracting(PdqVariant::label)
        .containsExactlyElementsOf(RobustPdq.defaultAugmentations().stream()
            // Nothing was trimmed, so the variants of the trimmed image are left out.
            .filter(a -> !(a instanceof org.hashmatch.hashing.robust.Augmentation.PixelSymmetry s
                && s.ofTrimmed()))
            .map(org.hashmatch.hashing.robust.Augmentation::label).toList());
    assertThat(hasher.hashForEntry(png)).isEqualTo(r);
  }

  @Test
  void hashForEntry_badInput_typedErrorsPassThrough() {
    assertThatThrownBy(() -> hasher.hashForEntry(new byte[] {1, 2, 3}))
        .isInstanceOf(UnsupportedImageException.class);
    assertThatThrownBy(() -> hasher.hashForMatch(new byte[0]))
        .isInstanceOf(UnsupportedImageException.class);
  }

  @Test
  void robustHashes_rejectsInconsistentParts() {
    RobustHashes r = hasher.hashForEntry(TestImages.encode(TestImages.photoLike(120, 90, 5), "png"));
    HashResult other = hasher.hash(TestImages.encode(TestImages.photoLike(120, 90, 6), "png"), true);
    assertThatThrownBy(() -> new RobustHashes(other, r.query(), r.bankVariants()))
        .isInstanceOf(IllegalArgumentException.class);
    List<PdqVariant> twice = List.of(r.bankVariants().get(0), r.bankVariants().get(0));
    assertThatThrownBy(() -> new RobustHashes(r.hashes(), r.query(), twice))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static BufferedImage pad(BufferedImage img, int margin, Color colour) {
    BufferedImage out = new BufferedImage(img.getWidth() + 2 * margin, img.getHeight() + 2 * margin,
        BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(colour);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.drawImage(img, margin, margin, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}

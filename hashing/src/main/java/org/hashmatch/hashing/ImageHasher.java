package org.hashmatch.hashing;

import org.hashmatch.hashing.image.DecodedImage;
import org.hashmatch.hashing.image.ImageDecoder;

/**
 * Decodes an encoded image and computes every hash of it. Thread-safe; per-thread scratch space is
 * kept internally, so one instance serves a whole worker pool.
 *
 * <p>The image is decoded once ({@link ImageDecoder}: budgets, format sniffing and the colour
 * rules are documented there); PDQ is computed from its float luma plane with the fastest kernel
 * ({@link PdqHasher.Kernel#AUTO}), pHash from its Pillow-style grey plane, and MD5 and SHA-256 from
 * the encoded bytes.
 */
public final class ImageHasher {

  private final DecodeLimits limits;
  private final ImageDecoder decoder;
  private final PdqHasher pdq;
  private final PHasher phasher;

  public ImageHasher(DecodeLimits limits) {
    this.limits = limits;
    this.decoder = new ImageDecoder(limits);
    this.pdq = PdqHasher.create(PdqHasher.Kernel.AUTO);
    this.phasher = new PHasher();
  }

  /** The budgets this hasher enforces. */
  public DecodeLimits limits() {
    return limits;
  }

  /**
   * Hashes one encoded image. The array is read, never kept or written.
   *
   * @param withDihedral also compute the 8 dihedral PDQ variants
   * @throws HashingException when the input is unsupported, corrupt or over budget
   */
  public HashResult hash(byte[] encoded, boolean withDihedral) {
    DecodedImage image = decoder.decode(encoded);
    PdqResult p = pdq.hash(image.luma(), image.width(), image.height(), withDihedral);
    Hash64 ph = phasher.hashGrey(image.grey8(), image.width(), image.height());
    return new HashResult(
        p.hash(),
        p.quality(),
        ph,
        ExactHashes.md5Hex(encoded),
        ExactHashes.sha256Hex(encoded),
        image.width(),
        image.height(),
        p.dihedral());
  }
}

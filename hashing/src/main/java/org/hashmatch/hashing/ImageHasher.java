package org.hashmatch.hashing;

import java.util.List;
import org.hashmatch.hashing.image.DecodedImage;
import org.hashmatch.hashing.image.ImageDecoder;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.hashing.robust.RobustPdq;
import org.hashmatch.hashing.robust.RobustQuery;

/**
 * Decodes an encoded image and computes every hash of it. Thread-safe; per-thread scratch space is
 * kept internally, so one instance serves a whole worker pool.
 *
 * <p>The image is decoded once ({@link ImageDecoder}: budgets, format sniffing and the colour
 * rules are documented there); PDQ is computed from its float luma plane with the fastest kernel
 * ({@link PdqHasher.Kernel#AUTO}), pHash from its Pillow-style grey plane, and MD5 and SHA-256 from
 * the encoded bytes. {@link #hashForMatch} and {@link #hashForEntry} add the robust-matching hashes
 * of {@link RobustPdq} (border trimming, bank-side variants) from the same decoded planes.
 */
public final class ImageHasher {

  private final DecodeLimits limits;
  private final ImageDecoder decoder;
  private final PdqHasher pdq;
  private final PHasher phasher;
  private final RobustPdq robust;

  /** A hasher with the given budgets and the deployed robust configuration. */
  public ImageHasher(DecodeLimits limits) {
    this(limits, RobustPdq.defaults());
  }

  /**
   * A hasher with the given budgets and robust-matching configuration.
   *
   * @param robust used by {@link #hashForMatch} and {@link #hashForEntry}
   */
  public ImageHasher(DecodeLimits limits, RobustPdq robust) {
    this.limits = limits;
    this.decoder = new ImageDecoder(limits);
    this.pdq = PdqHasher.create(PdqHasher.Kernel.AUTO);
    this.phasher = new PHasher();
    this.robust = robust;
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
    return withPdq(image, encoded, p);
  }

  /**
   * Hashes one encoded image for matching: every hash with the 8 dihedral PDQ variants, plus the
   * PDQ of the border-trimmed image when borders were found ({@link RobustPdq#query}). No bank
   * variants. The array is read, never kept or written.
   *
   * @throws HashingException when the input is unsupported, corrupt or over budget
   */
  public RobustHashes hashForMatch(byte[] encoded) {
    DecodedImage image = decoder.decode(encoded);
    RobustQuery query = robust.query(image.luma(), image.width(), image.height());
    return new RobustHashes(withPdq(image, encoded, query.original()), query, List.of());
  }

  /**
   * Hashes one encoded image for a new bank entry: as {@link #hashForMatch}, plus the entry's bank
   * variants ({@link RobustPdq#bankVariants}). The array is read, never kept or written.
   *
   * @throws HashingException when the input is unsupported, corrupt or over budget
   */
  public RobustHashes hashForEntry(byte[] encoded) {
    DecodedImage image = decoder.decode(encoded);
    RobustQuery query = robust.query(image.luma(), image.width(), image.height());
    List<PdqVariant> variants =
        robust.bankVariants(image.luma(), image.width(), image.height(), query);
    return new RobustHashes(withPdq(image, encoded, query.original()), query, variants);
  }

  private HashResult withPdq(DecodedImage image, byte[] encoded, PdqResult p) {
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

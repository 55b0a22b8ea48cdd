package org.hashmatch.hashing;

/**
 * Decodes an encoded image and computes every hash of it. Thread-safe; per-thread scratch space is
 * kept internally, so one instance serves a whole worker pool.
 */
public final class ImageHasher {

  private final DecodeLimits limits;

  public ImageHasher(DecodeLimits limits) {
    this.limits = limits;
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
    throw new UnsupportedOperationException("ImageHasher: not implemented yet (issue 2)");
  }
}

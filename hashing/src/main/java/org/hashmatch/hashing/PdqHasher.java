package org.hashmatch.hashing;

/**
 * PDQ from a luminance plane, bit-exact with the reference full-resolution pipeline. Thread-safe:
 * scratch buffers live in per-thread state.
 */
public final class PdqHasher {

  /** Which implementation computes the hash; all give bit-identical results. */
  public enum Kernel {
    /** Plain scalar port of the reference loops: the oracle and the benchmark baseline. */
    REFERENCE,
    /** Optimized scalar code. */
    SCALAR,
    /** Optimized code on the JDK Vector API; needs {@code jdk.incubator.vector}. */
    VECTOR,
    /** The fastest available, chosen once at startup. */
    AUTO
  }

  private final Kernel kernel;

  private PdqHasher(Kernel kernel) {
    this.kernel = kernel;
  }

  /** A hasher on the given kernel. */
  public static PdqHasher create(Kernel kernel) {
    return new PdqHasher(kernel);
  }

  /** The kernel actually used ({@link Kernel#AUTO} resolved). */
  public Kernel kernel() {
    return kernel;
  }

  /**
   * Hashes a luminance plane.
   *
   * @param luma row-major {@code width * height} luminance values (0.299 R + 0.587 G + 0.114 B in
   *     float32), read and never kept or written
   * @param withDihedral also derive the 8 dihedral variants
   */
  public PdqResult hash(float[] luma, int width, int height, boolean withDihedral) {
    throw new UnsupportedOperationException("PdqHasher: not implemented yet (issue 2)");
  }
}

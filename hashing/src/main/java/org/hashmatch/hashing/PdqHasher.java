package org.hashmatch.hashing;

import org.hashmatch.hashing.dct.DctKernel;
import org.hashmatch.hashing.dct.DctKernelProvider;
import org.hashmatch.hashing.internal.LumaShape;
import org.hashmatch.hashing.internal.PdqPipeline;
import org.hashmatch.hashing.internal.PdqReference;
import org.hashmatch.hashing.internal.PdqScratch;
import org.jspecify.annotations.Nullable;

/**
 * PDQ from a luminance plane, bit-exact with the reference full-resolution pipeline (the C++
 * library's {@code pdqHash256FromFloatLuma}, which pdqhash-python and HMA use): Jarosz box filter
 * with window {@code ceil(dim / 128)}, two X-then-Y passes, 64x64 centre samples, image-domain
 * quality, 16x16 DCT without DC, lower median, bit set iff strictly greater. Images under 5 pixels on
 * a side hash to {@link Hash256#ZERO} with quality 0; a 64x64 plane is used as the decimated image
 * without blurring, as in the C++ library.
 *
 * <p>Thread-safe: scratch buffers live in per-thread state, sized on demand and reused, so a warm
 * thread allocates only the result. Example:
 *
 * <pre>{@code
 * PdqHasher pdq = PdqHasher.create(PdqHasher.Kernel.AUTO);
 * PdqResult r = pdq.hash(luma, width, height, false);
 * String hex = r.hash().toHex();
 * }</pre>
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

  private static final ThreadLocal<PdqScratch> SCRATCH = ThreadLocal.withInitial(PdqScratch::new);

  private final Kernel kernel;
  private final @Nullable PdqPipeline pipeline;

  private PdqHasher(Kernel kernel, @Nullable PdqPipeline pipeline) {
    this.kernel = kernel;
    this.pipeline = pipeline;
  }

  /**
   * A hasher on the given kernel. {@link Kernel#AUTO} resolves to {@link Kernel#VECTOR} when the
   * Vector API is usable in this JVM and to {@link Kernel#SCALAR} otherwise; the choice is logged
   * once (logger {@code org.hashmatch.hashing.dct}).
   *
   * @throws IllegalStateException for {@link Kernel#VECTOR} when the Vector API is not usable (the
   *     message says why, e.g. the JVM was started without {@code
   *     --add-modules=jdk.incubator.vector}); see {@link #vectorAvailable()}
   */
  public static PdqHasher create(Kernel kernel) {
    return switch (kernel) {
      case REFERENCE -> new PdqHasher(Kernel.REFERENCE, null);
      case SCALAR -> new PdqHasher(Kernel.SCALAR, new PdqPipeline(DctKernelProvider.scalar()));
      case VECTOR -> {
        DctKernel k = DctKernelProvider.vector()
            .orElseThrow(() -> new IllegalStateException(
                "PDQ vector kernel unavailable: " + DctKernelProvider.vectorStatus()));
        yield new PdqHasher(Kernel.VECTOR, new PdqPipeline(k));
      }
      case AUTO -> create(vectorAvailable() ? Kernel.VECTOR : Kernel.SCALAR);
    };
  }

  /**
   * A hasher on one specific kernel, e.g. one of {@link DctKernelProvider#vectorVariants()}, for
   * benchmarks and tests that compare kernels side by side; {@link #kernel()} reports {@link
   * Kernel#SCALAR} or {@link Kernel#VECTOR} by the kernel's kind.
   */
  public static PdqHasher on(DctKernel dctKernel) {
    Kernel kind = dctKernel == DctKernelProvider.scalar() ? Kernel.SCALAR : Kernel.VECTOR;
    return new PdqHasher(kind, new PdqPipeline(dctKernel));
  }

  /** Whether {@link Kernel#VECTOR} can be created in this JVM. */
  public static boolean vectorAvailable() {
    return DctKernelProvider.vector().isPresent();
  }

  /** The kernel actually used ({@link Kernel#AUTO} resolved). */
  public Kernel kernel() {
    return kernel;
  }

  /**
   * Hashes a luminance plane.
   *
   * @param luma row-major {@code width * height} luminance values (0.299 R + 0.587 G + 0.114 B in
   *     float32, or the grey value), read and never kept or written
   * @param width columns, at least 1
   * @param height rows, at least 1
   * @param withDihedral also derive the 8 dihedral variants (from the one DCT, at negligible cost)
   * @return the hash and quality; {@link PdqResult#dihedral()} holds all 8 variants when asked for,
   *     otherwise it is empty
   * @throws IllegalArgumentException if a dimension is not positive, {@code luma.length} is not
   *     {@code width * height}, or a value is NaN or infinite
   */
  public PdqResult hash(float[] luma, int width, int height, boolean withDihedral) {
    LumaShape.require(luma, width, height);
    PdqPipeline p = pipeline;
    if (p == null || width < 5 || height < 5) {
      requireFinite(luma);
    }
    if (p == null) {
      return PdqReference.hash(luma, width, height, withDihedral);
    }
    PdqScratch scratch = SCRATCH.get();
    try {
      return p.hash(luma, width, height, withDihedral, scratch);
    } finally {
      scratch.trimIfLarge();
    }
  }

  private static void requireFinite(float[] luma) {
    for (int i = 0; i < luma.length; i++) {
      if (!Float.isFinite(luma[i])) {
        throw new IllegalArgumentException(
            "luma must be finite, got " + luma[i] + " at index " + i);
      }
    }
  }

  @Override
  public String toString() {
    return "PdqHasher[" + kernel + (pipeline != null ? ", " + pipeline.kernel().name() : "") + "]";
  }
}

package org.hashmatch.hashing.dct;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the {@link DctKernel} once per JVM, the way Lucene's {@code VectorizationProvider} does:
 * the Vector API kernel when the {@code jdk.incubator.vector} module is in the boot layer and the
 * CPU offers vectors of at least 128 bits, the scalar kernel otherwise. The decision and its reason
 * are logged once (logger {@code org.hashmatch.hashing.dct}, level INFO).
 *
 * <p>JTransforms is not offered here: its FFT-based DCT sums in a different order and would not be
 * bit-identical to the PDQ reference (PDQ's own note also measured the fast DCT as slower than the
 * 16x64 matrix product for the 16 frequencies it needs). It serves pHash instead.
 *
 * <p>The vector kernel's row blocks (PDQ's horizontal passes) come in two shapes, bit-identical:
 * one 16-lane chain with 16x16 transposes, which needs 512-bit vectors, and two 8-lane chains with
 * 8x8 transposes. The 16-lane shape is the default wherever 512-bit vectors exist. Measured with
 * {@code bin/hashmatch bench pdq} (both shapes in the same run): at 12 MP on Zen 5 it took 20-35%
 * less time (8.3 against 10.4-13.3 ms); on Zen 4, which splits each 512-bit operation in two, 5-14%
 * less at 12 MP (10.2-11.3 against 11.8-12.0 ms, three runs on 2026-12-07) and 21% less at 4 MP
 * (3.85 against 4.89 ms); interleaved A/Bs at 4032x3024, 4000x3000 and 1536x1024 agreed (1-11%
 * less, never more). Zen 4 used to get the 8-lane shape. That rule came from the first 16-lane
 * version, whose one transpose method for every destination lost there, and stopped holding once
 * the 16-lane blocks got their own flat and row-array transposes. The 8-lane shape stays,
 * bit-identical and tested, for CPUs where it might still win, but only on request: system property
 * {@value #ROW_BLOCKS_PROPERTY} ({@code 16} or {@code 2x8}) overrides the choice, and {@link
 * #vectorVariants()} offers both shapes to tests and benchmarks.
 *
 * <p>The vector kernel class is loaded reflectively and only after the module check, so this class
 * and the scalar path link and run on a JVM started without {@code --add-modules
 * jdk.incubator.vector}.
 */
public final class DctKernelProvider {

  /** Name of the optional JDK module holding the Vector API. */
  public static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** System property overriding the row-block shape: {@code 16} or {@code 2x8}. */
  public static final String ROW_BLOCKS_PROPERTY = "hashmatch.pdq.rowBlocks";

  private static final System.Logger LOG = System.getLogger("org.hashmatch.hashing.dct");

  private DctKernelProvider() {}

  /** The scalar kernel; always available. */
  public static DctKernel scalar() {
    return ScalarDctKernel.INSTANCE;
  }

  /** The Vector API kernel, or empty when this JVM cannot run it (see {@link #vectorStatus()}). */
  public static Optional<DctKernel> vector() {
    return Optional.ofNullable(Holder.VECTOR);
  }

  /**
   * Every vector kernel this JVM can run, the default ({@link #vector()}) first: one per row-block
   * shape the CPU's vectors allow. Empty when the Vector API is not usable.
   */
  public static List<DctKernel> vectorVariants() {
    return Holder.VARIANTS;
  }

  /** Why the vector kernel is or is not available, in one human-readable line. */
  public static String vectorStatus() {
    return Holder.STATUS;
  }

  /** The fastest available kernel: vector when available, scalar otherwise. Decided once. */
  public static DctKernel best() {
    return Holder.BEST;
  }

  /** Lazily initialised so that merely naming this class decides nothing. */
  private static final class Holder {
    private static final DctKernel VECTOR;
    private static final String STATUS;
    private static final DctKernel BEST;
    private static final List<DctKernel> VARIANTS;

    static {
      DctKernel vector = null;
      List<DctKernel> variants = new ArrayList<>();
      String status;
      if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
        status = "module " + VECTOR_MODULE + " not in the boot layer (start the JVM with"
            + " --add-modules=" + VECTOR_MODULE + " to enable it)";
      } else {
        try {
          Class<?> c = Class.forName("org.hashmatch.hashing.dct.VectorDctKernel");
          int lanes = (int) c.getDeclaredMethod("lanes").invoke(null);
          if (lanes < 4) {
            status = "preferred float vector has " + lanes + " lanes (< 4, not worth it)";
          } else {
            var ctor = c.getDeclaredConstructor(RowBlockShape.class);
            String why;
            RowBlockShape shape;
            if (lanes < 16) {
              shape = RowBlockShape.TWO_BY_8;
              why = "no 512-bit vectors";
            } else {
              String forced = System.getProperty(ROW_BLOCKS_PROPERTY, "");
              shape = forced.equals("2x8") ? RowBlockShape.TWO_BY_8 : RowBlockShape.ONE_BY_16;
              why = forced.equals("16") || forced.equals("2x8")
                  ? ROW_BLOCKS_PROPERTY + "=" + forced
                  : (forced.isEmpty() ? "" : "ignored " + ROW_BLOCKS_PROPERTY + "=" + forced
                      + " (expected 16 or 2x8); ")
                      + "512-bit vectors";
              variants.add((DctKernel) ctor.newInstance(shape == RowBlockShape.ONE_BY_16
                  ? RowBlockShape.TWO_BY_8 : RowBlockShape.ONE_BY_16));
            }
            vector = (DctKernel) ctor.newInstance(shape);
            variants.add(0, vector);
            status = "available: " + lanes + " float lanes per vector, row blocks " + shape
                + " (" + why + ")";
          }
        } catch (ReflectiveOperationException | LinkageError e) {
          status = "module present but the kernel failed to load: " + e;
        }
      }
      VECTOR = vector;
      VARIANTS = List.copyOf(variants);
      STATUS = status;
      BEST = vector != null ? vector : ScalarDctKernel.INSTANCE;
      LOG.log(Level.INFO, "PDQ kernel: {0} (Vector API {1})", BEST.name(), STATUS);
    }
  }
}

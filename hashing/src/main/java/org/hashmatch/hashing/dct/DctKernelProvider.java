package org.hashmatch.hashing.dct;

import java.lang.System.Logger.Level;
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
 * <p>The vector kernel class is loaded reflectively and only after the module check, so this class
 * and the scalar path link and run on a JVM started without {@code --add-modules
 * jdk.incubator.vector}.
 */
public final class DctKernelProvider {

  /** Name of the optional JDK module holding the Vector API. */
  public static final String VECTOR_MODULE = "jdk.incubator.vector";

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

    static {
      DctKernel vector = null;
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
            var ctor = c.getDeclaredConstructor();
            vector = (DctKernel) ctor.newInstance();
            status = "available: " + lanes + " float lanes per vector";
          }
        } catch (ReflectiveOperationException | LinkageError e) {
          status = "module present but the kernel failed to load: " + e;
        }
      }
      VECTOR = vector;
      STATUS = status;
      BEST = vector != null ? vector : ScalarDctKernel.INSTANCE;
      LOG.log(Level.INFO, "PDQ kernel: {0} (Vector API {1})", BEST.name(), STATUS);
    }
  }
}

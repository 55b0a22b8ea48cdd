package org.hashmatch.hashing.dct;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * <p>The vector kernel's row blocks (PDQ's horizontal passes) come in two shapes, bit-identical,
 * whose speed depends on how the CPU executes 512-bit permutes: one 16-lane chain with 16x16
 * transposes where 512-bit vectors run at full width, two 8-lane chains with 8x8 transposes where
 * they do not. Measured with {@code bin/hashmatch bench pdq} (12 MP): on Zen 5 the 16-lane shape
 * took 20-35% less time (8.3 against 10.4-13.3 ms in the same runs); on Zen 4, which splits each
 * 512-bit operation in two, a 512-bit permute cost 2.7 times a 256-bit one and the 8-lane shape
 * was faster. So the 16-lane shape is the
 * default on 512-bit CPUs except AMD family 19h (Zen 3 and 4). System property {@value
 * #ROW_BLOCKS_PROPERTY} ({@code 16} or {@code 2x8}) overrides the choice; {@link #vectorVariants()}
 * offers both to tests and benchmarks.
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

  /**
   * Whether {@code /proc/cpuinfo} lines describe an AMD family 19h CPU (Zen 3, Zen 4), judged by
   * the first {@code vendor_id} and {@code cpu family} fields (a machine does not mix models).
   */
  static boolean isAmdFamily19h(List<String> cpuinfo) {
    String vendor = null;
    String family = null;
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (key.equals("vendor_id") && vendor == null) {
        vendor = value;
      } else if (key.equals("cpu family") && family == null) {
        family = value;
      }
    }
    return "AuthenticAMD".equals(vendor) && "25".equals(family);
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
              boolean split = splitsWideVectors();
              shape = switch (forced) {
                case "16" -> RowBlockShape.ONE_BY_16;
                case "2x8" -> RowBlockShape.TWO_BY_8;
                default -> split ? RowBlockShape.TWO_BY_8 : RowBlockShape.ONE_BY_16;
              };
              why = forced.equals("16") || forced.equals("2x8")
                  ? ROW_BLOCKS_PROPERTY + "=" + forced
                  : (forced.isEmpty() ? "" : "ignored " + ROW_BLOCKS_PROPERTY + "=" + forced
                      + " (expected 16 or 2x8); ")
                      + (split ? "AMD family 19h splits 512-bit operations"
                          : "512-bit vectors at full width");
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

    /**
     * Whether this is an AMD family 19h CPU (Zen 3, Zen 4), read from {@code /proc/cpuinfo}; false
     * where that file is missing or unreadable (other OSes: the 16-lane shape is then assumed).
     */
    private static boolean splitsWideVectors() {
      try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
        return isAmdFamily19h(lines.limit(64).toList());
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
  }
}

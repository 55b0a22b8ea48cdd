package org.hashmatch.hashing.internal;

import java.util.EnumMap;
import java.util.Map;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;

/**
 * From the 16x16 DCT to hashes: the lower median (Torben's selection), bit {@code k} set iff
 * coefficient {@code k} is strictly greater than it, and the seven other dihedral variants derived
 * from the same coefficients.
 *
 * <p>Dihedral derivation. Mirroring a 64-sample axis maps basis function {@code u} (frequency
 * {@code u + 1}) onto itself times {@code (-1)^(u+1)}, so a flip negates the coefficients of odd
 * frequencies (even indices) along that axis; swapping the axes transposes the 16x16 block. With
 * {@code A} the original and {@code B} the variant, indices 0..15 and frequency = index + 1:
 *
 * <pre>
 *   variant      reference name  B                                 negated when
 *   ROT90        rot90 (CCW)     B[j][i] = +/- A[i][j]             j even
 *   ROT180       rot180          B[i][j] = +/- A[i][j]             i + j odd
 *   ROT270       rot270          B[j][i] = +/- A[i][j]             i even
 *   FLIP_X       flipx           B[i][j] = +/- A[i][j]             i even   (top/bottom swapped)
 *   FLIP_Y       flipy           B[i][j] = +/- A[i][j]             j even   (left/right mirrored)
 *   TRANSPOSE    flipplus1       B[j][i] = A[i][j]                 never
 *   TRANSVERSE   flipminus1      B[j][i] = +/- A[i][j]             i + j odd
 * </pre>
 *
 * Negation is exact in float32, so each variant equals the reference's variant bit for bit; each
 * variant has its own median.
 */
final class PdqBits {

  private PdqBits() {}

  /**
   * The lower median ({@code (n + 1) / 2}-th smallest) of {@code v[0..n)}. Torben's selection when
   * every value is finite and {@code min + max} cannot overflow (then each round that does not stop
   * strictly narrows {@code [min, max]}, so it terminates); otherwise a sort, because Torben's
   * midpoint becomes infinite or NaN there and the loop can spin forever. Both give the same value
   * whenever Torben terminates ({@code -0.0f} and {@code 0.0f} aside, which compare equal).
   */
  static float lowerMedian(float[] v, int n) {
    float maxAbs = 0.0f;
    for (int i = 0; i < n; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(v[i]));
    }
    if (maxAbs <= Float.MAX_VALUE / 4) {
      return torben(v, n);
    }
    float[] sorted = java.util.Arrays.copyOf(v, n);
    java.util.Arrays.sort(sorted);
    return sorted[(n + 1) / 2 - 1];
  }

  /** Torben's median selection (lower median); see {@link #lowerMedian} for its domain. */
  static float torben(float[] v, int n) {
    int mid = (n + 1) / 2;
    float min = v[0];
    float max = v[0];
    for (int i = 0; i < n; i++) {
      float x = v[i];
      if (x < min) min = x;
      if (x > max) max = x;
    }
    int less;
    int greater;
    int equal;
    float guess;
    float maxBelow;
    float minAbove;
    while (true) {
      guess = (min + max) / 2;
      less = 0;
      greater = 0;
      equal = 0;
      maxBelow = min;
      minAbove = max;
      for (int i = 0; i < n; i++) {
        float x = v[i];
        if (x < guess) {
          less++;
          if (x > maxBelow) maxBelow = x;
        } else if (x > guess) {
          greater++;
          if (x < minAbove) minAbove = x;
        } else {
          equal++;
        }
      }
      if (less <= mid && greater <= mid) {
        break;
      } else if (less > greater) {
        max = maxBelow;
      } else {
        min = minAbove;
      }
    }
    if (less >= mid) {
      return maxBelow;
    } else if (less + equal >= mid) {
      return guess;
    }
    return minAbove;
  }

  /** The hash of a row-major 16x16 coefficient block. */
  static Hash256 toHash(float[] b16x16) {
    float median = lowerMedian(b16x16, 256);
    long w0 = 0;
    long w1 = 0;
    long w2 = 0;
    long w3 = 0;
    for (int k = 0; k < 256; k++) {
      if (b16x16[k] > median) {
        long bit = 1L << (k & 63);
        switch (k >>> 6) {
          case 0 -> w3 |= bit;
          case 1 -> w2 |= bit;
          case 2 -> w1 |= bit;
          default -> w0 |= bit;
        }
      }
    }
    return new Hash256(w0, w1, w2, w3);
  }

  /** Writes the coefficients of {@code variant} derived from {@code a} into {@code out}. */
  static void variant(float[] a, Dihedral variant, float[] out) {
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j++) {
        float x = a[i * 16 + j];
        boolean iEven = (i & 1) == 0;
        boolean jEven = (j & 1) == 0;
        boolean sumOdd = ((i + j) & 1) != 0;
        switch (variant) {
          case ORIGINAL -> out[i * 16 + j] = x;
          case ROT90 -> out[j * 16 + i] = jEven ? -x : x;
          case ROT180 -> out[i * 16 + j] = sumOdd ? -x : x;
          case ROT270 -> out[j * 16 + i] = iEven ? -x : x;
          case FLIP_X -> out[i * 16 + j] = iEven ? -x : x;
          case FLIP_Y -> out[i * 16 + j] = jEven ? -x : x;
          case TRANSPOSE -> out[j * 16 + i] = x;
          case TRANSVERSE -> out[j * 16 + i] = sumOdd ? -x : x;
        }
      }
    }
  }

  /** All eight variants' hashes; {@code tmp} is 256 floats of scratch. */
  static Map<Dihedral, Hash256> allVariants(float[] b16x16, float[] tmp) {
    Map<Dihedral, Hash256> m = new EnumMap<>(Dihedral.class);
    for (Dihedral d : Dihedral.values()) {
      variant(b16x16, d, tmp);
      m.put(d, toHash(tmp));
    }
    return m;
  }
}

package org.hashmatch.hashing.internal;

import java.util.EnumMap;
import java.util.Map;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.dct.DctBasis;

/**
 * A plain scalar port of the PDQ reference loops (the C++ library entry point {@code
 * pdqHash256FromFloatLuma}, which the Java reference follows except for the two guards below):
 * two full-size buffers, X-then-Y box passes twice with the column pass striding down each column,
 * decimation, quality, the 16x64 matrix DCT, Torben's median.
 *
 * <p>This is the test oracle and the benchmark baseline. Its numerics must stay exactly those of
 * the reference: do not optimise or "improve" it. It allocates two {@code width * height} buffers
 * per call. Guards kept from the C++ library: images under 5 pixels on a side hash to zero with
 * quality 0, and a 64x64 input skips the blur (it is used as the decimated image directly).
 */
public final class PdqReference {

  private static final int MIN_HASHABLE_DIM = 5;

  private PdqReference() {}

  /**
   * Hashes a row-major luminance plane. Arguments are trusted (see {@code PdqHasher} for the
   * checks); {@code luma} is copied, never written.
   */
  public static PdqResult hash(float[] luma, int width, int height, boolean withDihedral) {
    if (width < MIN_HASHABLE_DIM || height < MIN_HASHABLE_DIM) {
      Map<Dihedral, Hash256> dih = new EnumMap<>(Dihedral.class);
      if (withDihedral) {
        for (Dihedral d : Dihedral.values()) {
          dih.put(d, Hash256.ZERO);
        }
      }
      return new PdqResult(Hash256.ZERO, 0, dih);
    }
    int numRows = height;
    int numCols = width;
    float[] buffer64x64 = new float[64 * 64];
    if (numRows == 64 && numCols == 64) {
      System.arraycopy(luma, 0, buffer64x64, 0, 64 * 64);
    } else {
      float[] buffer1 = new float[numRows * numCols];
      float[] buffer2 = new float[numRows * numCols];
      System.arraycopy(luma, 0, buffer1, 0, numRows * numCols);
      int windowAlongRows = (numCols + 2 * 64 - 1) / (2 * 64);
      int windowAlongCols = (numRows + 2 * 64 - 1) / (2 * 64);
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < numRows; i++) {
          box1D(buffer1, i * numCols, buffer2, i * numCols, numCols, 1, windowAlongRows);
        }
        for (int j = 0; j < numCols; j++) {
          box1D(buffer2, j, buffer1, j, numRows, numCols, windowAlongCols);
        }
      }
      for (int i = 0; i < 64; i++) {
        int ini = (int) (((i + 0.5) * numRows) / 64);
        for (int j = 0; j < 64; j++) {
          int inj = (int) (((j + 0.5) * numCols) / 64);
          buffer64x64[i * 64 + j] = buffer1[ini * numCols + inj];
        }
      }
    }
    int quality = quality(buffer64x64);
    float[] b = dct64To16(buffer64x64);
    Map<Dihedral, Hash256> dih = new EnumMap<>(Dihedral.class);
    Hash256 hash = bits(b);
    if (withDihedral) {
      float[] aux = new float[256];
      for (Dihedral d : Dihedral.values()) {
        transform(b, d, aux);
        dih.put(d, bits(aux));
      }
    }
    return new PdqResult(hash, quality, dih);
  }

  private static void box1D(
      float[] in, int inOff, float[] out, int outOff, int length, int stride, int fullWindow) {
    int halfWindow = (fullWindow + 2) / 2;
    int phase1 = halfWindow - 1;
    int phase2 = fullWindow - halfWindow + 1;
    int phase3 = length - fullWindow;
    int phase4 = halfWindow - 1;
    int li = 0;
    int ri = 0;
    int oi = 0;
    float sum = 0.0f;
    int current = 0;
    for (int i = 0; i < phase1; i++) {
      sum += in[inOff + ri];
      current++;
      ri += stride;
    }
    for (int i = 0; i < phase2; i++) {
      sum += in[inOff + ri];
      current++;
      out[outOff + oi] = sum / current;
      ri += stride;
      oi += stride;
    }
    for (int i = 0; i < phase3; i++) {
      sum += in[inOff + ri];
      sum -= in[inOff + li];
      out[outOff + oi] = sum / current;
      li += stride;
      ri += stride;
      oi += stride;
    }
    for (int i = 0; i < phase4; i++) {
      sum -= in[inOff + li];
      current--;
      out[outOff + oi] = sum / current;
      li += stride;
      oi += stride;
    }
  }

  private static int quality(float[] b) {
    int gradientSum = 0;
    for (int i = 0; i < 63; i++) {
      for (int j = 0; j < 64; j++) {
        float u = b[i * 64 + j];
        float v = b[(i + 1) * 64 + j];
        int d = (int) (((u - v) * 100) / 255);
        gradientSum += Math.abs(d);
      }
    }
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 63; j++) {
        float u = b[i * 64 + j];
        float v = b[i * 64 + j + 1];
        int d = (int) (((u - v) * 100) / 255);
        gradientSum += Math.abs(d);
      }
    }
    int quality = gradientSum / 90;
    return quality > 100 ? 100 : quality;
  }

  private static float[] dct64To16(float[] a) {
    float[] d = DctBasis.rowMajor();
    float[] t = new float[16 * 64];
    float[] b = new float[16 * 16];
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 64; j++) {
        float sumk = 0.0f;
        for (int k = 0; k < 64; k++) {
          sumk += d[i * 64 + k] * a[k * 64 + j];
        }
        t[i * 64 + j] = sumk;
      }
    }
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j++) {
        float sumk = 0.0f;
        for (int k = 0; k < 64; k++) {
          sumk += t[i * 64 + k] * d[j * 64 + k];
        }
        b[i * 16 + j] = sumk;
      }
    }
    return b;
  }

  private static void transform(float[] a, Dihedral d, float[] b) {
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j++) {
        float x = a[i * 16 + j];
        switch (d) {
          case ORIGINAL -> b[i * 16 + j] = x;
          case ROT90 -> b[j * 16 + i] = (j & 1) != 0 ? x : -x;
          case ROT180 -> b[i * 16 + j] = ((i + j) & 1) != 0 ? -x : x;
          case ROT270 -> b[j * 16 + i] = (i & 1) != 0 ? x : -x;
          case FLIP_X -> b[i * 16 + j] = (i & 1) != 0 ? x : -x;
          case FLIP_Y -> b[i * 16 + j] = (j & 1) != 0 ? x : -x;
          case TRANSPOSE -> b[j * 16 + i] = x;
          case TRANSVERSE -> b[j * 16 + i] = ((i + j) & 1) != 0 ? -x : x;
        }
      }
    }
  }

  private static Hash256 bits(float[] b) {
    float median = torben(b);
    boolean[] bits = new boolean[256];
    for (int k = 0; k < 256; k++) {
      bits[k] = b[k] > median;
    }
    return Hash256.fromBits(bits);
  }

  private static float torben(float[] m) {
    int n = m.length;
    int midn = (n + 1) / 2;
    float min = m[0];
    float max = m[0];
    for (float v : m) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    int less;
    int greater;
    int equal;
    float guess;
    float maxltguess;
    float mingtguess;
    while (true) {
      guess = (min + max) / 2;
      less = 0;
      greater = 0;
      equal = 0;
      maxltguess = min;
      mingtguess = max;
      for (float v : m) {
        if (v < guess) {
          less++;
          if (v > maxltguess) maxltguess = v;
        } else if (v > guess) {
          greater++;
          if (v < mingtguess) mingtguess = v;
        } else {
          equal++;
        }
      }
      if (less <= midn && greater <= midn) {
        break;
      } else if (less > greater) {
        max = maxltguess;
      } else {
        min = mingtguess;
      }
    }
    if (less >= midn) {
      return maxltguess;
    } else if (less + equal >= midn) {
      return guess;
    }
    return mingtguess;
  }
}

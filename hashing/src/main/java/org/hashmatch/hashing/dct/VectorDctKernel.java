package org.hashmatch.hashing.dct;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The same loops as {@link ScalarDctKernel} on the JDK Vector API. Loaded only by {@link
 * DctKernelProvider} after it has checked that {@code jdk.incubator.vector} is in the boot layer;
 * nothing else may refer to this class, so the rest of the module links without the incubator.
 *
 * <p>Numerics: every lane performs the scalar recurrence of one column, with separate {@code add},
 * {@code sub}, {@code mul} and {@code div} (each rounded once, as the reference's float32 C++ and
 * Java do). FMA is deliberately not used: it rounds once instead of twice and would flip hash bits.
 * No loop is unrolled by hand: each iteration is already independent across lanes, these loops are
 * bound by the divider or by loads, and C2 unrolls counted vector loops itself.
 */
final class VectorDctKernel implements DctKernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** The DCT's 16-wide output rows need a species that divides 16. */
  private static final VectorSpecies<Float> SPECIES_16 =
      SPECIES.length() >= 16 ? FloatVector.SPECIES_512 : SPECIES;

  VectorDctKernel() {}

  /** Lanes per vector, for the provider's log line. */
  static int lanes() {
    return SPECIES.length();
  }

  @Override
  public String name() {
    return "vector-" + SPECIES.vectorBitSize();
  }

  @Override
  public void add(float[] acc, float[] add, int addOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s.add(FloatVector.fromArray(SPECIES, add, addOff + i)).intoArray(acc, i);
    }
    for (; i < n; i++) {
      acc[i] += add[addOff + i];
    }
  }

  @Override
  public void addSub(float[] acc, float[] add, int addOff, float[] sub, int subOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s = s.add(FloatVector.fromArray(SPECIES, add, addOff + i));
      s.sub(FloatVector.fromArray(SPECIES, sub, subOff + i)).intoArray(acc, i);
    }
    for (; i < n; i++) {
      float s = acc[i] + add[addOff + i];
      acc[i] = s - sub[subOff + i];
    }
  }

  @Override
  public void sub(float[] acc, float[] sub, int subOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s.sub(FloatVector.fromArray(SPECIES, sub, subOff + i)).intoArray(acc, i);
    }
    for (; i < n; i++) {
      acc[i] -= sub[subOff + i];
    }
  }

  @Override
  public void addDivide(
      float[] acc, float[] add, int addOff, float divisor, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s = s.add(FloatVector.fromArray(SPECIES, add, addOff + i));
      s.intoArray(acc, i);
      s.div(divisor).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float s = acc[i] + add[addOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void addSubDivide(
      float[] acc, float[] add, int addOff, float[] sub, int subOff, float divisor, float[] out,
      int outOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s = s.add(FloatVector.fromArray(SPECIES, add, addOff + i));
      s = s.sub(FloatVector.fromArray(SPECIES, sub, subOff + i));
      s.intoArray(acc, i);
      s.div(divisor).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float s = (acc[i] + add[addOff + i]) - sub[subOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void subDivide(
      float[] acc, float[] sub, int subOff, float divisor, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector s = FloatVector.fromArray(SPECIES, acc, i);
      s = s.sub(FloatVector.fromArray(SPECIES, sub, subOff + i));
      s.intoArray(acc, i);
      s.div(divisor).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      float s = acc[i] - sub[subOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void divide(float[] in, int inOff, float divisor, float[] out, int outOff, int n) {
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      FloatVector.fromArray(SPECIES, in, inOff + i).div(divisor).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = in[inOff + i] / divisor;
    }
  }

  @Override
  public void dct64To16(float[] a, float[] t, float[] b) {
    float[] d = DctBasis.ROW_MAJOR;
    float[] dt = DctBasis.TRANSPOSED;
    int lanes = SPECIES.length();
    // t = D a: lane j of row i accumulates d[i][k] * a[k][j] for k = 0, 1, ..., 63 in order,
    // mul then add (two roundings), starting from +0.0f like the reference's "sumk = 0".
    for (int i = 0; i < 16; i++) {
      int ti = i * 64;
      for (int j = 0; j < 64; j += lanes) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int k = 0; k < 64; k++) {
          FloatVector ak = FloatVector.fromArray(SPECIES, a, k * 64 + j);
          acc = acc.add(ak.mul(d[i * 64 + k]));
        }
        acc.intoArray(t, ti + j);
      }
    }
    // b = t D^T through the transposed basis: lane j of row i accumulates t[i][k] * d[j][k].
    int lanes16 = SPECIES_16.length();
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j += lanes16) {
        FloatVector acc = FloatVector.zero(SPECIES_16);
        for (int k = 0; k < 64; k++) {
          FloatVector dk = FloatVector.fromArray(SPECIES_16, dt, k * 16 + j);
          acc = acc.add(dk.mul(t[i * 64 + k]));
        }
        acc.intoArray(b, i * 16 + j);
      }
    }
  }
}

package org.hashmatch.hashing.dct;

/**
 * Plain Java loops. Each loop body is independent per index, so HotSpot's superword pass may
 * still vectorize them; that keeps the per-lane operation order and therefore the result.
 */
final class ScalarDctKernel implements DctKernel {

  static final ScalarDctKernel INSTANCE = new ScalarDctKernel();

  private ScalarDctKernel() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void add(float[] acc, float[] add, int addOff, int n) {
    for (int i = 0; i < n; i++) {
      acc[i] += add[addOff + i];
    }
  }

  @Override
  public void addSub(float[] acc, float[] add, int addOff, float[] sub, int subOff, int n) {
    for (int i = 0; i < n; i++) {
      float s = acc[i] + add[addOff + i];
      acc[i] = s - sub[subOff + i];
    }
  }

  @Override
  public void sub(float[] acc, float[] sub, int subOff, int n) {
    for (int i = 0; i < n; i++) {
      acc[i] -= sub[subOff + i];
    }
  }

  @Override
  public void addDivide(
      float[] acc, float[] add, int addOff, float divisor, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float s = acc[i] + add[addOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void addSubDivide(
      float[] acc, float[] add, int addOff, float[] sub, int subOff, float divisor, float[] out,
      int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float s = (acc[i] + add[addOff + i]) - sub[subOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void subDivide(
      float[] acc, float[] sub, int subOff, float divisor, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float s = acc[i] - sub[subOff + i];
      acc[i] = s;
      out[outOff + i] = s / divisor;
    }
  }

  @Override
  public void divide(float[] in, int inOff, float divisor, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = in[inOff + i] / divisor;
    }
  }

  @Override
  public void dct64To16(float[] a, float[] t, float[] b) {
    float[] d = DctBasis.ROW_MAJOR;
    float[] dt = DctBasis.TRANSPOSED;
    // t = D a. The loop order (i, k, j) keeps the reference's summation order for every t[i][j]
    // (k ascending, starting from 0.0f) while the inner loop runs over contiguous j.
    for (int i = 0; i < 16; i++) {
      int ti = i * 64;
      for (int j = 0; j < 64; j++) {
        t[ti + j] = 0.0f;
      }
      for (int k = 0; k < 64; k++) {
        float dik = d[i * 64 + k];
        int ak = k * 64;
        for (int j = 0; j < 64; j++) {
          t[ti + j] += dik * a[ak + j];
        }
      }
    }
    // b = t D^T, via the transposed basis so the inner loop is again contiguous.
    for (int i = 0; i < 16; i++) {
      int bi = i * 16;
      for (int j = 0; j < 16; j++) {
        b[bi + j] = 0.0f;
      }
      for (int k = 0; k < 64; k++) {
        float tik = t[i * 64 + k];
        int dk = k * 16;
        for (int j = 0; j < 16; j++) {
          b[bi + j] += tik * dt[dk + j];
        }
      }
    }
  }
}

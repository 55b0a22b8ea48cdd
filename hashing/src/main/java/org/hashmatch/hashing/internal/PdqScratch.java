package org.hashmatch.hashing.internal;

/**
 * Per-thread working memory of {@link PdqPipeline}, grown on demand and reused across calls so the
 * hot path allocates nothing once warmed up. Not thread-safe: one instance per worker thread (the
 * public {@code PdqHasher} keeps one in a {@link ThreadLocal}).
 *
 * <p>Sizes for an image of width {@code w}, height {@code h} and vertical window {@code wc =
 * ceil(h / 128)}: a ring of {@code wc + 8} (scalar kernel) or {@code wc + 16} (row-block kernel)
 * blurred rows of {@code w} floats, one more row of {@code w} plus a row buffer of 4 or 16 rows,
 * a ring of 64-float rows and the kernel's few thousand floats of row-block scratch; for a
 * 4032x3024 photo about 0.6 MB (scalar) or 0.9 MB (vector), against the {@code 2 * w * h} floats
 * (98 MB) the reference allocates.
 */
public final class PdqScratch {

  /** Scratch larger than this many floats is dropped after the call instead of being kept. */
  static final long RETAIN_LIMIT_FLOATS = 8L << 20;

  /** Ring of blurred rows, one array per row (see {@link BoxFilter#runningSums4}). */
  float[][] ring = new float[0][];
  float[] acc = new float[0];
  float[] v1 = new float[0];
  float[] h2 = new float[0];
  float[] narrow = new float[0];
  /** The kernel's working memory for its row-block box filter ({@code DctKernel#boxRows}). */
  float[] boxScratch = new float[0];
  /** The ring rows one row block writes to. */
  float[][] blockRows = new float[0][];
  /** Per row of a block: the ring rows entering and leaving V1's window, and V1's divisor. */
  float[][] addRows = new float[0][];
  float[][] subRows = new float[0][];
  float[] rowDivisors = new float[0];
  final float[] acc64 = new float[64];
  final float[] buf64 = new float[64 * 64];
  final float[] t16x64 = new float[16 * 64];
  final float[] b16x16 = new float[16 * 16];
  final float[] aux16x16 = new float[16 * 16];
  final int[] rowSamples = new int[64];
  final int[] colSamples = new int[64];
  final float[] colDivisors = new float[64];

  /** Creates empty scratch; buffers grow on first use. */
  public PdqScratch() {}

  void ensure(
      int ringRows, int rowFloats, int batchFloats, int sampledFloats, int narrowFloats,
      int boxFloats, int blockRowCount) {
    if (ring.length < ringRows || (ring.length > 0 && ring[0].length < rowFloats)) {
      ring = new float[ringRows][rowFloats];
    }
    if (acc.length < rowFloats) acc = new float[rowFloats];
    if (v1.length < batchFloats) v1 = new float[batchFloats];
    if (h2.length < sampledFloats) h2 = new float[sampledFloats];
    if (narrow.length < narrowFloats) narrow = new float[narrowFloats];
    if (boxScratch.length < boxFloats) boxScratch = new float[boxFloats];
    if (blockRows.length < blockRowCount) {
      blockRows = new float[blockRowCount][];
      addRows = new float[blockRowCount][];
      subRows = new float[blockRowCount][];
      rowDivisors = new float[blockRowCount];
    }
  }

  /** Floats held by the size-dependent buffers. */
  long retainedFloats() {
    return (ring.length == 0 ? 0L : (long) ring.length * ring[0].length) + acc.length + v1.length
        + h2.length + narrow.length + boxScratch.length;
  }

  /**
   * Drops the size-dependent buffers if they exceed {@link #RETAIN_LIMIT_FLOATS}, so one huge image
   * does not pin its working memory to the thread forever.
   */
  public void trimIfLarge() {
    if (retainedFloats() > RETAIN_LIMIT_FLOATS) {
      ring = new float[0][];
      acc = new float[0];
      v1 = new float[0];
      h2 = new float[0];
      narrow = new float[0];
      boxScratch = new float[0];
      blockRows = new float[0][];
      addRows = new float[0][];
      subRows = new float[0][];
    }
  }
}

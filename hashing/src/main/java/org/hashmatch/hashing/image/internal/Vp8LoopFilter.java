package org.hashmatch.hashing.image.internal;

/**
 * The in-loop deblocking filters of RFC 6386 section 15, applied to one edge segment of a plane.
 *
 * <p>Each method filters {@code count} positions along an edge. At position {@code i} the pixel
 * just past the edge is {@code q0 = plane[at + i * along]}; {@code p0, p1, ...} lie at {@code -1,
 * -2, ...} times {@code across} from it and {@code q1, q2, ...} at {@code +1, +2, ...}. For a
 * vertical edge {@code across} is 1 and {@code along} the row stride; for a horizontal edge the
 * other way round.
 *
 * <p>Thresholds: {@code edgeLimit} bounds {@code 2 |p0 - q0| + |p1 - q1| / 2}; {@code interior}
 * bounds the differences of neighbouring pixels on each side; {@code hevThreshold} decides "high
 * edge variance" ({@code |p1 - p0|} or {@code |q1 - q0|} above it), where only {@code p0, q0} are
 * adjusted.
 */
final class Vp8LoopFilter {

  private Vp8LoopFilter() {}

  private static int clampSigned(int v) {
    return v < -128 ? -128 : v > 127 ? 127 : v;
  }

  private static byte clampPixel(int v) {
    return Vp8Transforms.clamp255(v);
  }

  /** The simple filter (luma only): the two-pixel adjustment wherever the edge test passes. */
  static void simple(byte[] plane, int at, int across, int along, int count, int edgeLimit) {
    for (int i = 0; i < count; i++) {
      int q = at + i * along;
      int p1 = plane[q - 2 * across] & 0xFF;
      int p0 = plane[q - across] & 0xFF;
      int q0 = plane[q] & 0xFF;
      int q1 = plane[q + across] & 0xFF;
      if (Math.abs(p0 - q0) * 2 + (Math.abs(p1 - q1) >> 1) <= edgeLimit) {
        adjustInner(plane, q, across, p1, p0, q0, q1);
      }
    }
  }

  /** The normal filter across a macroblock edge. */
  static void macroblockEdge(
      byte[] plane, int at, int across, int along, int count, int edgeLimit, int interior,
      int hevThreshold) {
    for (int i = 0; i < count; i++) {
      int q = at + i * along;
      int p3 = plane[q - 4 * across] & 0xFF;
      int p2 = plane[q - 3 * across] & 0xFF;
      int p1 = plane[q - 2 * across] & 0xFF;
      int p0 = plane[q - across] & 0xFF;
      int q0 = plane[q] & 0xFF;
      int q1 = plane[q + across] & 0xFF;
      int q2 = plane[q + 2 * across] & 0xFF;
      int q3 = plane[q + 3 * across] & 0xFF;
      if (!shouldFilter(edgeLimit, interior, p3, p2, p1, p0, q0, q1, q2, q3)) {
        continue;
      }
      if (Math.abs(p1 - p0) > hevThreshold || Math.abs(q1 - q0) > hevThreshold) {
        adjustInner(plane, q, across, p1, p0, q0, q1);
      } else {
        int w = clampSigned(clampSigned(p1 - q1) + 3 * (q0 - p0));
        int a = (27 * w + 63) >> 7;
        plane[q - across] = clampPixel(p0 + a);
        plane[q] = clampPixel(q0 - a);
        a = (18 * w + 63) >> 7;
        plane[q - 2 * across] = clampPixel(p1 + a);
        plane[q + across] = clampPixel(q1 - a);
        a = (9 * w + 63) >> 7;
        plane[q - 3 * across] = clampPixel(p2 + a);
        plane[q + 2 * across] = clampPixel(q2 - a);
      }
    }
  }

  /** The normal filter across an edge between subblocks inside a macroblock. */
  static void subblockEdge(
      byte[] plane, int at, int across, int along, int count, int edgeLimit, int interior,
      int hevThreshold) {
    for (int i = 0; i < count; i++) {
      int q = at + i * along;
      int p3 = plane[q - 4 * across] & 0xFF;
      int p2 = plane[q - 3 * across] & 0xFF;
      int p1 = plane[q - 2 * across] & 0xFF;
      int p0 = plane[q - across] & 0xFF;
      int q0 = plane[q] & 0xFF;
      int q1 = plane[q + across] & 0xFF;
      int q2 = plane[q + 2 * across] & 0xFF;
      int q3 = plane[q + 3 * across] & 0xFF;
      if (!shouldFilter(edgeLimit, interior, p3, p2, p1, p0, q0, q1, q2, q3)) {
        continue;
      }
      if (Math.abs(p1 - p0) > hevThreshold || Math.abs(q1 - q0) > hevThreshold) {
        adjustInner(plane, q, across, p1, p0, q0, q1);
      } else {
        int a = clampSigned(3 * (q0 - p0));
        int f1 = clampSigned(a + 4) >> 3;
        int f2 = clampSigned(a + 3) >> 3;
        plane[q - across] = clampPixel(p0 + f2);
        plane[q] = clampPixel(q0 - f1);
        int f3 = (f1 + 1) >> 1;
        plane[q - 2 * across] = clampPixel(p1 + f3);
        plane[q + across] = clampPixel(q1 - f3);
      }
    }
  }

  private static boolean shouldFilter(
      int edgeLimit, int interior, int p3, int p2, int p1, int p0, int q0, int q1, int q2,
      int q3) {
    return Math.abs(p0 - q0) * 2 + (Math.abs(p1 - q1) >> 1) <= edgeLimit
        && Math.abs(p3 - p2) <= interior
        && Math.abs(p2 - p1) <= interior
        && Math.abs(p1 - p0) <= interior
        && Math.abs(q3 - q2) <= interior
        && Math.abs(q2 - q1) <= interior
        && Math.abs(q1 - q0) <= interior;
  }

  /** The common adjustment using the outer taps: only {@code p0} and {@code q0} change. */
  private static void adjustInner(byte[] plane, int q, int across, int p1, int p0, int q0, int q1) {
    int a = clampSigned(clampSigned(p1 - q1) + 3 * (q0 - p0));
    int f1 = clampSigned(a + 4) >> 3;
    int f2 = clampSigned(a + 3) >> 3;
    plane[q - across] = clampPixel(p0 + f2);
    plane[q] = clampPixel(q0 - f1);
  }
}

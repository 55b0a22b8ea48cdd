package org.hashmatch.hashing.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hashmatch.hashing.Dihedral;
import org.junit.jupiter.api.Test;

class LumaPlanesTest {

  @Test
  void shrink_averagesBlocksAndDropsTheRemainder() {
    float[] l = new float[5 * 3];
    for (int i = 0; i < l.length; i++) {
      l[i] = i;
    }
    // 5x3 by 2 -> 2x1: blocks {0,1,5,6} and {2,3,7,8}.
    assertThat(LumaPlanes.shrink(l, 5, 3, 2)).containsExactly(3f, 5f);
    assertThat(LumaPlanes.shrink(l, 5, 3, 1)).containsExactly(l);
  }

  @Test
  void rotate_zeroDegrees_isTheIdentityAndFillsOnlyOutside() {
    Planes.Plane p = Planes.textured(37, 23, 2);
    float[] same = LumaPlanes.rotate(p.luma(), 37, 23, 0, 37, 23, 255f);
    for (int i = 0; i < same.length; i++) {
      assertThat(same[i]).isCloseTo(p.luma()[i], within(1e-3f));
    }
    float[] quarter = LumaPlanes.rotate(p.luma(), 37, 23, 90, 37, 23, -1f);
    // The wide image turned upright leaves the left and right ends uncovered.
    assertThat(quarter[11 * 37]).isEqualTo(-1f);
    assertThat(quarter[11 * 37 + 18]).isNotEqualTo(-1f);
  }

  @Test
  void rotate_quarterTurn_movesTheRightEdgeToTheTop() {
    // A square with a bright right column: turned 90 degrees counter-clockwise it is the top row.
    int n = 9;
    float[] l = new float[n * n];
    for (int y = 0; y < n; y++) {
      l[y * n + n - 1] = 200;
    }
    float[] r = LumaPlanes.rotate(l, n, n, 90, n, n, Float.NaN);
    for (int x = 0; x < n; x++) {
      assertThat(r[x]).isCloseTo(200f, within(1e-2f));
      assertThat(r[(n - 1) * n + x]).isCloseTo(0f, within(1e-2f));
    }
  }

  @Test
  void rotatedCropSize_staysInsideAndKeepsTheAspect() {
    int[] s = LumaPlanes.rotatedCropSize(400, 300, 2);
    assertThat(s[0]).isBetween(370, 399);
    assertThat((double) s[0] / s[1]).isCloseTo(4.0 / 3, within(0.02));
    assertThat(LumaPlanes.rotatedCropSize(1, 1, 45)).containsExactly(1, 1);
  }

  @Test
  void crop_copiesTheRegion() {
    float[] l = new float[4 * 3];
    for (int i = 0; i < l.length; i++) {
      l[i] = i;
    }
    assertThat(LumaPlanes.crop(l, 4, new Region(1, 1, 2, 2))).containsExactly(5f, 6f, 9f, 10f);
  }

  @Test
  void transform_agreesWithAPlainPixelLoopForEverySymmetry() {
    Planes.Plane p = Planes.textured(5, 3, 7);
    for (Dihedral d : Dihedral.values()) {
      Planes.Plane expected = Planes.turned(p, d);
      assertThat(LumaPlanes.transform(p.luma(), 5, 3, d)).as(d.name()).containsExactly(expected.luma());
      assertThat(LumaPlanes.swapsAxes(d)).as(d.name()).isEqualTo(expected.width() == 3);
    }
  }
}

package org.hashmatch.hashing.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.SplittableRandom;
import org.hashmatch.hashing.dct.DctKernelProvider;
import org.junit.jupiter.api.Test;

/**
 * The Vector API path for interleaved 8-bit RGB ({@code internal.VectorRgbRows}) against the
 * scalar loop of {@link PixelPlanes} and against the colour rule itself: every byte layout it
 * takes, widths around the vector length (tails), padded scanlines, random samples.
 */
class InterleavedRgbTest {

  private static float refLuma(int r, int g, int b) {
    return 0.299f * r + 0.587f * g + 0.114f * b;
  }

  /** An image whose raster stores pixels of {@code stride} bytes, bands at {@code offsets}. */
  private static BufferedImage interleaved(
      int w, int h, int stride, int[] offsets, int padding, long seed) {
    boolean alpha = offsets.length == 4;
    int scanline = w * stride + padding;
    byte[] bytes = new byte[scanline * h];
    new SplittableRandom(seed).nextBytes(bytes);
    DataBufferByte buffer = new DataBufferByte(bytes, bytes.length);
    PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(
        DataBuffer.TYPE_BYTE, w, h, stride, scanline, offsets);
    WritableRaster raster = Raster.createWritableRaster(sm, buffer, new Point(0, 0));
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
        DataBuffer.TYPE_BYTE);
    return new BufferedImage(cm, raster, false, null);
  }

  @Test
  void vectorPath_equalsScalarPathAndTheRule_forEveryLayoutWidthAndPadding() {
    int[][] layouts = {
      {2, 1, 0}, // BGR, as JPEGs decode
      {0, 1, 2}, // RGB
      {3, 2, 1, 0}, // ABGR
      {0, 1, 2, 3}, // RGBA
      {1, 2, 3, 0}, // ARGB
    };
    long seed = 1;
    for (int[] offsets : layouts) {
      for (int w : new int[] {1, 7, 8, 15, 16, 17, 31, 33, 64, 100}) {
        for (int padding : new int[] {0, 5}) {
          BufferedImage im = interleaved(w, 3, offsets.length, offsets, padding, seed++);
          DecodedImage vector = PixelPlanes.toPlanes(im, ImageFormat.PNG, true);
          DecodedImage scalar = PixelPlanes.toPlanes(im, ImageFormat.PNG, false);
          assertThat(vector.luma()).as("luma, bands %s, w %d", offsets.length, w)
              .containsExactly(scalar.luma());
          assertThat(vector.grey8()).containsExactly(scalar.grey8());
          int[] px = new int[4];
          for (int y = 0; y < 3; y++) {
            for (int x = 0; x < w; x++) {
              im.getRaster().getPixel(x, y, px);
              assertThat(vector.luma()[y * w + x]).isEqualTo(refLuma(px[0], px[1], px[2]));
            }
          }
        }
      }
    }
  }

  @Test
  void standardImageTypes_takeTheVectorPath_whereTheKernelIsVector() {
    // Guard against the fast path silently never running: a JPEG-like raster must be converted by
    // it when the Vector API is on (as in this build's tests).
    assertThat(DctKernelProvider.vector()).isPresent();
    BufferedImage im = new BufferedImage(37, 5, BufferedImage.TYPE_3BYTE_BGR);
    new SplittableRandom(9).nextBytes(((DataBufferByte) im.getRaster().getDataBuffer()).getData());
    assertThat(PixelPlanes.usesVectorPath(im)).isTrue();
    BufferedImage abgr = new BufferedImage(37, 5, BufferedImage.TYPE_4BYTE_ABGR);
    assertThat(PixelPlanes.usesVectorPath(abgr)).isTrue();
  }
}

package org.hashmatch.hashing.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.hashmatch.hashing.ConformanceImages;
import org.hashmatch.hashing.DecodeLimits;
import org.hashmatch.hashing.image.internal.FancyUpsampler;
import org.hashmatch.hashing.image.internal.Vp8Decoder;
import org.hashmatch.hashing.image.internal.WebPContainer;
import org.hashmatch.hashing.image.internal.YuvPicture;
import org.junit.jupiter.api.Test;

/** The colour rules of {@link PixelPlanes}, one test each, on generated and conformance images. */
class ImageDecoderTest {

  private static final ImageDecoder DECODER = new ImageDecoder(DecodeLimits.DEFAULT);

  /** The reference expression, in the reference's order, in float32. */
  private static float refLuma(int r, int g, int b) {
    return 0.299f * r + 0.587f * g + 0.114f * b;
  }

  private static void assertPlanesMatchRgb(DecodedImage d, BufferedImage src) {
    assertThat(d.width()).isEqualTo(src.getWidth());
    assertThat(d.height()).isEqualTo(src.getHeight());
    int[] px = new int[4];
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        src.getRaster().getPixel(x, y, px);
        int i = y * src.getWidth() + x;
        // TYPE_3BYTE_BGR and TYPE_4BYTE_ABGR rasters report bands in R, G, B(, A) order.
        assertThat(d.luma()[i]).as("luma at %d,%d", x, y).isEqualTo(refLuma(px[0], px[1], px[2]));
        int l = (px[0] * 19595 + px[1] * 38470 + px[2] * 7471 + 0x8000) >> 16;
        assertThat(d.grey8()[i] & 0xFF).as("grey8 at %d,%d", x, y).isEqualTo(l);
      }
    }
  }

  @Test
  void decode_rgbPngBmpTiff_exactSamplesAndReferenceLuma() {
    BufferedImage src = TestImages.photoLike(53, 37, 11);
    for (String format : new String[] {"png", "bmp", "tiff"}) {
      DecodedImage d = DECODER.decode(TestImages.encode(src, format));
      assertThat(d.format().imageIoName()).isEqualTo(format);
      assertPlanesMatchRgb(d, src);
    }
  }

  @Test
  void decode_alpha_ignored() {
    BufferedImage src = new BufferedImage(40, 30, BufferedImage.TYPE_4BYTE_ABGR);
    WritableRaster r = src.getRaster();
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        r.setPixel(x, y, new int[] {x * 6, y * 8, (x * y) & 0xFF, (x * 13 + y * 7) & 0xFF});
      }
    }
    assertPlanesMatchRgb(DECODER.decode(TestImages.encode(src, "png")), src);
  }

  @Test
  void decode_grey8_lumaIsGreyValueNotGammaShifted() {
    BufferedImage src = new BufferedImage(256, 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < 256; x++) {
      src.getRaster().setSample(x, 0, 0, x);
      src.getRaster().setSample(x, 1, 0, 255 - x);
    }
    DecodedImage d = DECODER.decode(TestImages.encode(src, "png"));
    for (int x = 0; x < 256; x++) {
      // Exactly the grey value (as the C++ fillFloatLumaFromGrey), not getRGB's 57 -> 130 curve.
      assertThat(d.luma()[x]).isEqualTo((float) x);
      assertThat(d.grey8()[x] & 0xFF).isEqualTo(x);
      assertThat(d.luma()[256 + x]).isEqualTo((float) (255 - x));
    }
  }

  @Test
  void decode_grey16_highByte() {
    BufferedImage src = new BufferedImage(300, 1, BufferedImage.TYPE_USHORT_GRAY);
    for (int x = 0; x < 300; x++) {
      src.getRaster().setSample(x, 0, 0, x * 218 + 7);
    }
    DecodedImage d = DECODER.decode(TestImages.encode(src, "png"));
    for (int x = 0; x < 300; x++) {
      int high = (x * 218 + 7) >> 8;
      assertThat(d.luma()[x]).isEqualTo((float) high);
      assertThat(d.grey8()[x] & 0xFF).isEqualTo(high);
    }
  }

  @Test
  void decode_rgb16Png_highBytes() {
    java.awt.image.ComponentColorModel cm =
        new java.awt.image.ComponentColorModel(
            java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
            false,
            false,
            java.awt.Transparency.OPAQUE,
            java.awt.image.DataBuffer.TYPE_USHORT);
    WritableRaster raster = cm.createCompatibleWritableRaster(70, 3);
    for (int x = 0; x < 70; x++) {
      for (int y = 0; y < 3; y++) {
        raster.setPixel(x, y, new int[] {x * 900 + y, 65535 - x * 300, (x * 7919 + y * 31) & 0xFFFF});
      }
    }
    BufferedImage src = new BufferedImage(cm, raster, false, null);
    DecodedImage d = DECODER.decode(TestImages.encode(src, "png"));
    int[] px = new int[3];
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 70; x++) {
        raster.getPixel(x, y, px);
        assertThat(d.luma()[y * 70 + x])
            .isEqualTo(refLuma(px[0] >> 8, px[1] >> 8, px[2] >> 8));
      }
    }
  }

  @Test
  void decode_rgb565Bmp_scaledToEightBits() {
    BufferedImage src = new BufferedImage(32, 2, BufferedImage.TYPE_USHORT_565_RGB);
    for (int x = 0; x < 32; x++) {
      src.getRaster().setPixel(x, 0, new int[] {x, x * 2, 31 - x});
      src.getRaster().setPixel(x, 1, new int[] {31 - x, 63 - x, x});
    }
    DecodedImage d = DECODER.decode(TestImages.encode(src, "bmp"));
    int[] px = new int[3];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 32; x++) {
        src.getRaster().getPixel(x, y, px);
        int r = (px[0] * 255 + 15) / 31;
        int g = (px[1] * 255 + 31) / 63;
        int b = (px[2] * 255 + 15) / 31;
        assertThat(d.luma()[y * 32 + x]).as("at %d,%d", x, y).isEqualTo(refLuma(r, g, b));
      }
    }
  }

  @Test
  void decode_palettePngAndGif_paletteColours() {
    byte[] reds = new byte[16];
    byte[] greens = new byte[16];
    byte[] blues = new byte[16];
    for (int i = 0; i < 16; i++) {
      reds[i] = (byte) (i * 16);
      greens[i] = (byte) (255 - i * 9);
      blues[i] = (byte) (i * i);
    }
    IndexColorModel icm = new IndexColorModel(8, 16, reds, greens, blues);
    BufferedImage src = new BufferedImage(32, 8, BufferedImage.TYPE_BYTE_INDEXED, icm);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 32; x++) {
        src.getRaster().setSample(x, y, 0, (x + y) % 16);
      }
    }
    for (String format : new String[] {"png", "gif"}) {
      DecodedImage d = DECODER.decode(TestImages.encode(src, format));
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 32; x++) {
          int idx = (x + y) % 16;
          float expected = refLuma(reds[idx] & 0xFF, greens[idx] & 0xFF, blues[idx] & 0xFF);
          assertThat(d.luma()[y * 32 + x]).as("%s at %d,%d", format, x, y).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void decode_oneBitGreyPng_blackAndWhiteAsGrey() {
    DecodedImage d = DECODER.decode(ConformanceImages.image("misc-images/modes/1.png"));
    assertThat(d.width()).isEqualTo(1600);
    for (float v : d.luma()) {
      assertThat(v == 0f || v == 255f).isTrue();
    }
  }

  @Test
  void decode_animatedGif_firstFrameOnly() throws IOException {
    BufferedImage red = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
    BufferedImage blue = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 10; x++) {
        red.setRGB(x, y, 0xFF0000);
        blue.setRGB(x, y, 0x0000FF);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(red, null, null), null);
      writer.writeToSequence(new IIOImage(blue, null, null), null);
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    DecodedImage d = DECODER.decode(bytes.toByteArray());
    assertThat(d.format()).isEqualTo(ImageFormat.GIF);
    assertThat(d.luma()[0]).isEqualTo(refLuma(255, 0, 0));
    assertThat(d.luma()[99]).isEqualTo(refLuma(255, 0, 0));
  }

  /**
   * An embedded non-sRGB ICC profile (linear gamma, made by phash_vectors.py) must not change the
   * samples: libjpeg, libpng and Pillow ignore it, and so must we. The first assertion shows that
   * the profile is real: ImageIO's default read (TwelveMonkeys) does colour-manage it.
   */
  @Test
  void decode_embeddedIccProfile_samplesAsStored() throws IOException {
    byte[] tagged = resource("/phash/generated/icc-linear.jpg");
    BufferedImage managed = ImageIO.read(new java.io.ByteArrayInputStream(tagged));
    BufferedImage plain =
        ImageIO.read(new java.io.ByteArrayInputStream(resource("/phash/generated/icc-none.jpg")));
    assertThat(managed.getRaster().getPixel(64, 48, (int[]) null))
        .isNotEqualTo(plain.getRaster().getPixel(64, 48, (int[]) null));

    DecodedImage none = DECODER.decode(resource("/phash/generated/icc-none.png"));
    for (String name : new String[] {"icc-linear.png", "icc-linear.webp"}) {
      DecodedImage d = DECODER.decode(resource("/phash/generated/" + name));
      assertThat(d.luma()).as(name).isEqualTo(none.luma());
    }
    assertThat(DECODER.decode(tagged).luma())
        .isEqualTo(DECODER.decode(resource("/phash/generated/icc-none.jpg")).luma());
  }

  @Test
  void decode_losslessWebp_sameAsPng() {
    DecodedImage webp = DECODER.decode(resource("/phash/generated/diagonal-97x61.webp"));
    DecodedImage png = DECODER.decode(resource("/phash/generated/diagonal-97x61.png"));
    assertThat(webp.format()).isEqualTo(ImageFormat.WEBP);
    assertThat(webp.luma()).isEqualTo(png.luma());
    assertThat(webp.grey8()).isEqualTo(png.grey8());
  }

  /**
   * Lossy WebP goes through our VP8 decoder and libwebp's upsampling ({@code Vp8DecoderTest}
   * pins that RGB to dwebp's); here: the decoder hands exactly that RGB to the planes, alpha
   * ignored, for a VP8X file with an alpha chunk.
   */
  @Test
  void decode_lossyWebp_planesFromLibwebpRgb() {
    byte[] bytes = resource("/webp/lossy/alpha-33x31.webp");
    DecodedImage webp = DECODER.decode(bytes);
    WebPContainer.LossyFrame frame = WebPContainer.findStillLossyFrame(bytes);
    assertThat(frame).isNotNull();
    YuvPicture picture = Vp8Decoder.decode(bytes, frame.offset(), frame.readable());
    float[] luma = new float[33 * 31];
    byte[] grey = new byte[luma.length];
    FancyUpsampler.toRgb(
        picture,
        (y, rgb) -> {
          for (int x = 0; x < 33; x++) {
            int r = rgb[3 * x] & 0xFF;
            int g = rgb[3 * x + 1] & 0xFF;
            int b = rgb[3 * x + 2] & 0xFF;
            luma[y * 33 + x] = 0.299f * r + 0.587f * g + 0.114f * b;
            grey[y * 33 + x] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
          }
        });
    assertThat(webp.format()).isEqualTo(ImageFormat.WEBP);
    assertThat(webp.width()).isEqualTo(33);
    assertThat(webp.height()).isEqualTo(31);
    assertThat(webp.luma()).isEqualTo(luma);
    assertThat(webp.grey8()).isEqualTo(grey);
  }

  @Test
  void decode_lossyWebpAndCmykJpeg_decodeToRgb() {
    DecodedImage webp = DECODER.decode(ConformanceImages.image("misc-images/modes/PA.webp"));
    assertThat(webp.format()).isEqualTo(ImageFormat.WEBP);
    assertThat(webp.width()).isEqualTo(1600);
    assertThat(webp.height()).isEqualTo(1004);
    DecodedImage cmyk = DECODER.decode(ConformanceImages.image("misc-images/modes/CMYK.jpg"));
    DecodedImage rgb = DECODER.decode(ConformanceImages.image("misc-images/modes/RGB.jpg"));
    // Same photo: Pillow made CMYK with K = 0, and the inversion brings it back within JPEG noise.
    double sum = 0;
    for (int i = 0; i < rgb.luma().length; i++) {
      sum += Math.abs(cmyk.luma()[i] - rgb.luma()[i]);
    }
    assertThat(sum / rgb.luma().length).isLessThan(3.0);
  }

  @Test
  void decode_greyJpeg_rasterSamplesNotGammaShifted() {
    BufferedImage src = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        src.getRaster().setSample(x, y, 0, 57);
      }
    }
    DecodedImage d = DECODER.decode(TestImages.encode(src, "jpeg"));
    for (float v : d.luma()) {
      assertThat(v).isBetween(55f, 59f); // getRGB would give about 130
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ImageDecoderTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

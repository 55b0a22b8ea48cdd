package org.hashmatch.hashing.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.hashmatch.hashing.CorruptImageException;
import org.hashmatch.hashing.DecodeLimits;
import org.hashmatch.hashing.HashingException;
import org.hashmatch.hashing.ImageTooLargeException;
import org.hashmatch.hashing.PHasher;
import org.hashmatch.hashing.UnsupportedImageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of bad input yields its typed {@link HashingException}, never another exception, a
 * hang or a large allocation.
 */
class MalformedInputTest {

  private static final long SEED = 20260525L;
  private static final ImageDecoder DECODER = new ImageDecoder(DecodeLimits.DEFAULT);

  private static final byte[] JPEG = TestImages.encode(TestImages.photoLike(200, 150, 1), "jpeg");
  private static final byte[] PROGRESSIVE_JPEG = progressiveJpeg();
  private static final byte[] PNG = TestImages.encode(TestImages.photoLike(120, 90, 2), "png");
  private static final byte[] GIF = TestImages.encode(TestImages.photoLike(60, 40, 4), "gif");
  private static final byte[] BMP = TestImages.encode(TestImages.photoLike(60, 40, 5), "bmp");
  private static final byte[] TIFF = TestImages.encode(TestImages.photoLike(60, 40, 6), "tiff");
  private static final byte[] WEBP = resource("/phash/generated/diagonal-97x61.webp");

  /** Lossy, four token partitions (our VP8 decoder). */
  private static final byte[] LOSSY_WEBP = resource("/webp/lossy/vpx-noise-96x64-4parts.webp");

  /** Lossy in a VP8X container with an alpha chunk. */
  private static final byte[] LOSSY_ALPHA_WEBP = resource("/webp/lossy/alpha-33x31.webp");

  private static byte[] resource(String name) {
    try (var in = MalformedInputTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void decode_emptyInput_unsupported() {
    assertThatThrownBy(() -> DECODER.decode(new byte[0]))
        .isInstanceOf(UnsupportedImageException.class)
        .hasMessageContaining("empty");
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 20, 200, 1000, 3000, -200, -20})
  void decode_truncatedJpeg_corrupt(int cut) {
    assertTruncatedIsCorrupt(JPEG, cut);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 100, 1000, 3000, -200, -20})
  void decode_truncatedProgressiveJpeg_corrupt(int cut) {
    assertTruncatedIsCorrupt(PROGRESSIVE_JPEG, cut);
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 20, 40, 100, 1000, -100, -30})
  void decode_truncatedPng_corrupt(int cut) {
    assertTruncatedIsCorrupt(PNG, cut);
  }

  /** Other formats: a cut file must give a typed error, never another exception. */
  @Test
  void decode_truncatedGifBmpTiffWebp_typedError() {
    for (byte[] full : new byte[][] {GIF, BMP, TIFF, WEBP, LOSSY_WEBP, LOSSY_ALPHA_WEBP}) {
      for (int len : new int[] {12, 30, full.length / 3, full.length / 2, full.length - 5}) {
        byte[] cut = java.util.Arrays.copyOf(full, len);
        try {
          DecodedImage d = DECODER.decode(cut);
          throw new AssertionError(
              d.format() + " cut at " + len + " of " + full.length + " bytes was accepted");
        } catch (HashingException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    }
  }

  @Test
  void decode_pngMissingOnlyItsEnd_decodesCompletePixels() {
    // The last 13 bytes are one byte of the final IDAT CRC and the IEND chunk: every pixel is
    // still there, so the image is hashed rather than refused.
    byte[] cut = java.util.Arrays.copyOf(PNG, PNG.length - 13);
    DecodedImage full = DECODER.decode(PNG);
    DecodedImage decoded = DECODER.decode(cut);
    assertThat(decoded.luma()).isEqualTo(full.luma());
  }

  private static void assertTruncatedIsCorrupt(byte[] full, int cut) {
    int len = cut >= 0 ? cut : full.length + cut;
    assertThat(len).isBetween(1, full.length - 1);
    byte[] truncated = java.util.Arrays.copyOf(full, len);
    assertThatThrownBy(() -> DECODER.decode(truncated))
        .as("cut at %d of %d bytes", len, full.length)
        .isInstanceOf(CorruptImageException.class);
  }

  @Test
  void decode_bitFlippedJpegAndPng_typedErrorOrValidResult() {
    Random rnd = new Random(SEED);
    PHasher phasher = new PHasher();
    int failures = 0;
    for (byte[] original :
        new byte[][] {
          JPEG, PROGRESSIVE_JPEG, PNG, GIF, BMP, TIFF, WEBP, LOSSY_WEBP, LOSSY_ALPHA_WEBP
        }) {
      for (int trial = 0; trial < 120; trial++) {
        byte[] damaged = original.clone();
        int flips = 1 + rnd.nextInt(8);
        for (int f = 0; f < flips; f++) {
          int pos = rnd.nextInt(damaged.length);
          damaged[pos] ^= (byte) (1 << rnd.nextInt(8));
        }
        try {
          DecodedImage img = DECODER.decode(damaged);
          assertThat(img.luma()).hasSize(img.width() * img.height());
          phasher.hashGrey(img.grey8(), img.width(), img.height());
        } catch (HashingException expected) {
          failures++;
        } catch (RuntimeException e) {
          throw new AssertionError(
              "seed " + SEED + ", trial " + trial + ": untyped " + e.getClass().getName(), e);
        }
      }
    }
    // Most damaged PNGs fail their CRC; the test is that nothing else escaped.
    assertThat(failures).isPositive();
  }

  @Test
  void decode_hugePngHeader_tooLargeWithoutAllocating() {
    byte[] png = pngHeaderOnly(100_000, 100_000);
    assertRefusedCheaply(png);
  }

  @Test
  void decode_hugeBmpHeader_tooLargeWithoutAllocating() {
    ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(54 + 16).putInt(0).putInt(54);
    b.putInt(40).putInt(100_000).putInt(100_000).putShort((short) 1).putShort((short) 24);
    b.putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
    assertRefusedCheaply(b.array());
  }

  @Test
  void decode_hugeGifHeader_tooLargeWithoutAllocating() {
    ByteArrayOutputStream g = new ByteArrayOutputStream();
    g.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
    g.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0});
    g.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0});
    g.writeBytes(new byte[] {8, 2, 0x00, 0x01, 0, 0x3B});
    assertRefusedCheaply(g.toByteArray());
  }

  @Test
  void decode_hugeJpegHeader_tooLargeWithoutAllocating() {
    byte[] sof = {
      (byte) 0xFF, (byte) 0xD8,
      (byte) 0xFF, (byte) 0xC0, 0x00, 0x11, 0x08,
      (byte) 0xFF, (byte) 0xDC, (byte) 0xFF, (byte) 0xDC, // 65500 x 65500
      0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
      (byte) 0xFF, (byte) 0xD9
    };
    assertRefusedCheaply(sof);
  }

  @Test
  void decode_hugeWebpCanvas_tooLargeWithoutAllocating() {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22);
    b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10);
    b.putInt(0);
    put24(b, 16383); // canvas width - 1
    put24(b, 16383); // canvas height - 1
    assertRefusedCheaply(b.array());
  }

  @Test
  void decode_hugeLossyWebpFrame_tooLargeWithoutAllocating() {
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + 10).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + 10);
    b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8 ".getBytes(StandardCharsets.US_ASCII)).putInt(10);
    put24(b, 0x10); // key frame, version 0, shown, first partition of 0 bytes
    b.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
    b.putShort((short) 16383).putShort((short) 16383);
    assertRefusedCheaply(b.array());
  }

  /**
   * A lossy WebP cut inside its frame but with RIFF and chunk sizes rewritten to match, so only
   * the VP8 decoder can notice: it needs the missing bits and must refuse.
   */
  @ParameterizedTest
  @ValueSource(ints = {10, 25, 50, 75, 90})
  void decode_lossyWebpCutWithConsistentSizes_corrupt(int percent) {
    int chunk = 12;
    int size = ByteBuffer.wrap(LOSSY_WEBP).order(ByteOrder.LITTLE_ENDIAN).getInt(chunk + 4);
    int keep = size * percent / 100;
    ByteBuffer cut = ByteBuffer.allocate(chunk + 8 + keep + (keep & 1));
    cut.order(ByteOrder.LITTLE_ENDIAN).put(LOSSY_WEBP, 0, chunk + 8 + keep);
    cut.putInt(4, cut.capacity() - 8).putInt(chunk + 4, keep);
    assertThatThrownBy(() -> DECODER.decode(cut.array()))
        .as("frame cut to %d%%", percent)
        .isInstanceOf(CorruptImageException.class);
  }

  @Test
  void decode_lossyWebpCanvasDisagreesWithFrame_corrupt() {
    byte[] webp = LOSSY_ALPHA_WEBP.clone();
    webp[24] = 40; // VP8X canvas width - 1: 41 instead of 33
    assertThatThrownBy(() -> DECODER.decode(webp))
        .isInstanceOf(CorruptImageException.class)
        .hasMessageContaining("canvas");
  }

  @Test
  void decode_hugeTiffHeader_tooLargeWithoutAllocating() {
    assertRefusedCheaply(tiff(100_000, 100_000, 0, 0));
  }

  @Test
  void decode_tinyTiffWithHugeTiles_tooLargeWithoutAllocating() {
    assertRefusedCheaply(tiff(16, 16, 1 << 16, 1 << 16));
  }

  private static void assertRefusedCheaply(byte[] data) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> DECODER.decode(data))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining("over the budget");
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // Reader set-up allocates a little; the claimed image would need gigabytes.
    assertThat(allocated).as("bytes allocated while refusing").isLessThan(64L << 20);
  }

  @Test
  void decode_overPixelBudget_tooLarge() {
    ImageDecoder small = new ImageDecoder(new DecodeLimits(120 * 90 - 1, 1 << 20));
    assertThatThrownBy(() -> small.decode(PNG))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining("120x90")
        .hasMessageContaining("10799");
  }

  @Test
  void decode_overByteBudget_tooLarge() {
    ImageDecoder small = new ImageDecoder(new DecodeLimits(1_000_000, PNG.length - 1));
    assertThatThrownBy(() -> small.decode(PNG))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining(PNG.length + " bytes");
  }

  @Test
  void decode_randomGarbage_unsupported() {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 50; i++) {
      byte[] garbage = new byte[1 + rnd.nextInt(4096)];
      rnd.nextBytes(garbage);
      if (ImageFormat.detect(garbage).isPresent()) {
        continue;
      }
      assertThatThrownBy(() -> DECODER.decode(garbage))
          .isInstanceOf(UnsupportedImageException.class)
          .hasMessageContaining("unrecognised image format");
    }
  }

  @Test
  void decode_garbageAfterValidSignature_corrupt() {
    Random rnd = new Random(SEED);
    byte[][] signatures = {
      {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
      {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
      {'G', 'I', 'F', '8', '9', 'a'},
      {'I', 'I', 0x2A, 0},
    };
    for (byte[] sig : signatures) {
      byte[] data = new byte[2048];
      rnd.nextBytes(data);
      System.arraycopy(sig, 0, data, 0, sig.length);
      assertThatThrownBy(() -> DECODER.decode(data))
          .as("signature %s", new String(sig, StandardCharsets.ISO_8859_1))
          .isInstanceOf(HashingException.class)
          .isNotInstanceOf(UnsupportedImageException.class);
    }
  }

  @Test
  void decode_textFile_unsupported() {
    byte[] text = "BMW and PNG are words, not images.\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DECODER.decode(text))
        .isInstanceOf(UnsupportedImageException.class)
        .hasMessageContaining("expected a JPEG, PNG, GIF, BMP, WebP or TIFF signature");
  }

  @Test
  void decode_contentNotName_decidesFormat() {
    // The decoder is never told a file name: a PNG is a PNG whatever it was called.
    assertThat(DECODER.decode(PNG).format()).isEqualTo(ImageFormat.PNG);
    assertThat(DECODER.decode(JPEG).format()).isEqualTo(ImageFormat.JPEG);
  }

  static byte[] pngHeaderOnly(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0);
    ihdr.put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** A grey 8-bit TIFF header; tiled when {@code tileWidth > 0}. No pixel data to speak of. */
  private static byte[] tiff(int width, int height, int tileWidth, int tileHeight) {
    boolean tiled = tileWidth > 0;
    int entries = 9;
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + entries * 12 + 4 + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    b.putShort((short) entries);
    int dataAt = 8 + 2 + entries * 12 + 4;
    entry(b, 256, 4, width);
    entry(b, 257, 4, height);
    entry(b, 258, 3, 8);
    entry(b, 259, 3, 1);
    entry(b, 262, 3, 1);
    entry(b, 277, 3, 1);
    if (tiled) {
      entry(b, 322, 4, tileWidth);
      entry(b, 323, 4, tileHeight);
      entry(b, 324, 4, dataAt);
    } else {
      entry(b, 273, 4, dataAt);
      entry(b, 278, 4, height);
      entry(b, 279, 4, 16);
    }
    b.putInt(0);
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(1);
    if (type == 3) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }

  private static void put24(ByteBuffer b, int v) {
    b.put((byte) v).put((byte) (v >>> 8)).put((byte) (v >>> 16));
  }

  private static byte[] progressiveJpeg() {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        writer.write(null, new IIOImage(TestImages.photoLike(200, 150, 3), null, null), p);
      }
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }
}

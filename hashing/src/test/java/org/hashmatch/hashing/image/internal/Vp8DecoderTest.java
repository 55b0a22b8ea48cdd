package org.hashmatch.hashing.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hashmatch.hashing.ConformanceImages;
import org.hashmatch.hashing.CorruptImageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The VP8 decoder and upsampler against libwebp: the RGB of every test vector (see {@code
 * webp/lossy/README.md}) and of the lossy conformance photo must equal {@code dwebp}'s byte for
 * byte; damaged frames must end in {@link CorruptImageException} or a picture, nothing else.
 */
class Vp8DecoderTest {

  private static final long SEED = 20260601L;
  private static final String VECTORS = "/webp/lossy/";

  /**
   * SHA-256 of the RGB bytes of {@code misc-images/modes/PA.webp} (1600x1004) from {@code dwebp
   * -ppm} (libwebp 1.2.4, fancy upsampling). Those pixels hash to the reference PDQ row exactly.
   */
  private static final String PA_WEBP_RGB_SHA256 =
      "dc00246da6c26d99a12eb038b61a89a3524029017ea991325a1e509643bae4ca";

  static Stream<Arguments> vectors() {
    String csv = new String(resource(VECTORS + "expected.csv"), StandardCharsets.UTF_8);
    List<String> lines = csv.lines().skip(1).filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(15);
    return lines.stream()
        .map(l -> l.split(",", 6))
        .map(f -> Arguments.of(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], f[5]));
  }

  @ParameterizedTest(name = "{0} ({4})")
  @MethodSource("vectors")
  void decode_testVector_equalsLibwebpRgb(
      String file, int width, int height, String sha256, String settings) {
    byte[] webp = resource(VECTORS + file);
    YuvPicture picture = decodeFile(webp);
    assertThat(picture.width()).isEqualTo(width);
    assertThat(picture.height()).isEqualTo(height);
    assertThat(rgbSha256(picture)).isEqualTo(sha256);
  }

  @Test
  void decode_lossyConformancePhoto_equalsLibwebpRgb() {
    YuvPicture picture = decodeFile(ConformanceImages.image("misc-images/modes/PA.webp"));
    assertThat(picture.width()).isEqualTo(1600);
    assertThat(picture.height()).isEqualTo(1004);
    assertThat(rgbSha256(picture)).isEqualTo(PA_WEBP_RGB_SHA256);
  }

  @Test
  void readSize_validHeader_givesDimensions() {
    byte[] frame = frameHeader(0x10, 17, 9, 0);
    assertThat(Vp8Decoder.readSize(frame, 0, frame.length))
        .isEqualTo(new Vp8Decoder.FrameSize(17, 9));
  }

  @Test
  void readSize_scaleBitsIgnored() {
    byte[] frame = frameHeader(0x10, 17 | 0xC000, 9 | 0x4000, 0);
    assertThat(Vp8Decoder.readSize(frame, 0, frame.length))
        .isEqualTo(new Vp8Decoder.FrameSize(17, 9));
  }

  @Test
  void readSize_malformedHeaders_corrupt() {
    assertCorrupt(frameHeader(0x11, 17, 9, 0), "interframe");
    assertCorrupt(frameHeader(0x00, 17, 9, 0), "invisible");
    assertCorrupt(frameHeader(0x1E, 17, 9, 0), "version");
    assertCorrupt(frameHeader(0x10, 0, 9, 0), "dimensions 0x9");
    assertCorrupt(frameHeader(0x10, 17, 0x4000, 0), "dimensions 17x0");
    byte[] noStartCode = frameHeader(0x10, 17, 9, 0);
    noStartCode[4] = 0x02;
    assertCorrupt(noStartCode, "start code");
    assertCorrupt(Arrays.copyOf(frameHeader(0x10, 17, 9, 0), 9), "at least 10");
  }

  @Test
  void decode_firstPartitionLongerThanData_corrupt() {
    byte[] frame = frameHeader(0x10, 16, 16, 5000);
    assertThatThrownBy(() -> Vp8Decoder.decode(frame, 0, frame.length))
        .isInstanceOf(CorruptImageException.class)
        .hasMessageContaining("first partition is 5000 bytes");
  }

  @Test
  void decode_partitionTableCut_corrupt() {
    byte[] webp = resource(VECTORS + "vpx-grad-300x200-8parts.webp");
    WebPContainer.LossyFrame f = WebPContainer.findStillLossyFrame(webp);
    assertThat(f).isNotNull();
    int firstPartition = tag(webp, f.offset()) >>> 5;
    int window = 10 + firstPartition + 5; // the table of 7 sizes needs 21 bytes
    assertThatThrownBy(() -> Vp8Decoder.decode(webp, f.offset(), window))
        .isInstanceOf(CorruptImageException.class)
        .hasMessageContaining("partition table needs 21 bytes");
  }

  /** Frames cut short: the decoder needs the missing bits, so it must refuse, not fill in. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "edges-100x70-strong2.webp",
        "vpx-noise-96x64-4parts.webp",
        "noise-33x31-q100.webp"
      })
  void decode_cutFrame_corrupt(String file) {
    byte[] webp = resource(VECTORS + file);
    WebPContainer.LossyFrame f = WebPContainer.findStillLossyFrame(webp);
    assertThat(f).isNotNull();
    for (int percent = 5; percent <= 90; percent += 5) {
      int window = Math.max(10, f.length() * percent / 100);
      assertThatThrownBy(() -> Vp8Decoder.decode(webp, f.offset(), window))
          .as("%s cut to %d%% (%d of %d bytes)", file, percent, window, f.length())
          .isInstanceOf(CorruptImageException.class);
    }
  }

  /**
   * Random bit flips and byte replacements past the frame header (which only sets the size): the
   * result is a picture of the declared size or a CorruptImageException. Offline, the same kind
   * of damage was run through dwebp: 1,800 files, the same accept/refuse decision and, when
   * accepted, the same pixels as libwebp's C code.
   */
  @Test
  void decode_damagedFrames_corruptOrPicture() {
    Random rnd = new Random(SEED);
    int refused = 0;
    int decoded = 0;
    for (Arguments vector : vectors().toList()) {
      String file = (String) vector.get()[0];
      byte[] webp = resource(VECTORS + file);
      WebPContainer.LossyFrame f = WebPContainer.findStillLossyFrame(webp);
      assertThat(f).isNotNull();
      for (int trial = 0; trial < 120; trial++) {
        byte[] damaged = webp.clone();
        int changes = 1 + rnd.nextInt(6);
        for (int c = 0; c < changes; c++) {
          int at = f.offset() + 10 + rnd.nextInt(f.length() - 10);
          if (rnd.nextBoolean()) {
            damaged[at] ^= (byte) (1 << rnd.nextInt(8));
          } else {
            damaged[at] = (byte) rnd.nextInt(256);
          }
        }
        try {
          YuvPicture p = Vp8Decoder.decode(damaged, f.offset(), f.readable());
          int pixels = (int) vector.get()[1] * (int) vector.get()[2];
          assertThat(p.width() * p.height()).isEqualTo(pixels);
          decoded++;
        } catch (CorruptImageException expected) {
          refused++;
        } catch (RuntimeException e) {
          throw new AssertionError(
              "seed " + SEED + ", " + file + " trial " + trial + ": " + e.getClass().getName(), e);
        }
      }
    }
    System.out.println("damaged VP8 frames: " + decoded + " decoded, " + refused + " refused");
    assertThat(refused).isPositive();
    assertThat(decoded).isPositive();
  }

  @Test
  void readBit_pastTheEnd_zerosAndOverrunFlag() {
    Vp8BoolDecoder empty = new Vp8BoolDecoder(new byte[0], 0, 0);
    for (int i = 0; i < 10_000; i++) {
      assertThat(empty.readBit(1 + i % 255)).isZero();
    }
    assertThat(empty.overrun()).isTrue();
    Vp8BoolDecoder oneByte = new Vp8BoolDecoder(new byte[] {(byte) 0xFF}, 0, 1);
    assertThat(oneByte.readBit(128)).isOne();
    assertThat(oneByte.overrun()).isFalse();
  }

  @Test
  void readLiteral_zeroStream_zeros() {
    Vp8BoolDecoder zeros = new Vp8BoolDecoder(new byte[16], 0, 16);
    assertThat(zeros.readLiteral(16)).isZero();
    assertThat(zeros.overrun()).isFalse();
  }

  // ------------------------------------------------------------------ container

  @Test
  void findStillLossyFrame_simpleAndExtendedLossy_found() {
    assertThat(WebPContainer.findStillLossyFrame(resource(VECTORS + "grad-1x1.webp")))
        .isNotNull();
    byte[] withAlpha = resource(VECTORS + "alpha-33x31.webp");
    assertThat(new String(withAlpha, 12, 4, StandardCharsets.ISO_8859_1)).isEqualTo("VP8X");
    assertThat(WebPContainer.findStillLossyFrame(withAlpha)).isNotNull();
  }

  @Test
  void findStillLossyFrame_losslessOrAnimated_null() {
    assertThat(WebPContainer.findStillLossyFrame(resource("/phash/generated/diagonal-97x61.webp")))
        .isNull();
    byte[] animated = resource(VECTORS + "alpha-33x31.webp");
    animated[20] |= 0x02; // VP8X animation flag
    assertThat(WebPContainer.findStillLossyFrame(animated)).isNull();
  }

  @Test
  void findStillLossyFrame_canvasDisagreesWithFrame_corrupt() {
    byte[] webp = resource(VECTORS + "alpha-33x31.webp");
    webp[24] = 40; // canvas width - 1, low byte: 41 instead of 33
    assertThatThrownBy(() -> WebPContainer.findStillLossyFrame(webp))
        .isInstanceOf(CorruptImageException.class)
        .hasMessageContaining("33x31")
        .hasMessageContaining("41x31");
  }

  @Test
  void findStillLossyFrame_chunkPastRiffEnd_corrupt() {
    byte[] webp = resource(VECTORS + "grad-40x1.webp");
    ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN).putInt(16, webp.length);
    assertThatThrownBy(() -> WebPContainer.findStillLossyFrame(webp))
        .isInstanceOf(CorruptImageException.class)
        .hasMessageContaining("'VP8 ' chunk declares");
  }

  // ------------------------------------------------------------------ helpers

  private static YuvPicture decodeFile(byte[] webp) {
    WebPContainer.LossyFrame f = WebPContainer.findStillLossyFrame(webp);
    assertThat(f).isNotNull();
    return Vp8Decoder.decode(webp, f.offset(), f.readable());
  }

  static String rgbSha256(YuvPicture picture) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    int[] next = {0};
    FancyUpsampler.toRgb(
        picture,
        (y, rgb) -> {
          assertThat(y).isEqualTo(next[0]++);
          sha.update(rgb, 0, 3 * picture.width());
        });
    assertThat(next[0]).isEqualTo(picture.height());
    return HexFormat.of().formatHex(sha.digest());
  }

  /** A 10-byte key-frame header: frame tag bits 0..4, width, height, first partition size. */
  private static byte[] frameHeader(int tagBits, int width, int height, int firstPartition) {
    int tag = tagBits | firstPartition << 5;
    return new byte[] {
      (byte) tag, (byte) (tag >> 8), (byte) (tag >> 16),
      (byte) 0x9D, 0x01, 0x2A,
      (byte) width, (byte) (width >> 8), (byte) height, (byte) (height >> 8)
    };
  }

  private static int tag(byte[] d, int at) {
    return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | (d[at + 2] & 0xFF) << 16;
  }

  private static void assertCorrupt(byte[] frame, String message) {
    assertThatThrownBy(() -> Vp8Decoder.readSize(frame, 0, frame.length))
        .isInstanceOf(CorruptImageException.class)
        .hasMessageContaining(message);
  }

  static byte[] resource(String name) {
    try (InputStream in = Vp8DecoderTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

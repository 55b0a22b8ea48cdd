package org.hashmatch.hashing.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void detect_signatures_recognised() {
    assertThat(ImageFormat.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(ImageFormat.JPEG);
    assertThat(ImageFormat.detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)))
        .contains(ImageFormat.PNG);
    assertThat(ImageFormat.detect("GIF87a..".getBytes(StandardCharsets.US_ASCII)))
        .contains(ImageFormat.GIF);
    assertThat(ImageFormat.detect("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)))
        .contains(ImageFormat.WEBP);
    assertThat(ImageFormat.detect(bytes('I', 'I', 42, 0))).contains(ImageFormat.TIFF);
    assertThat(ImageFormat.detect(bytes('M', 'M', 0, 42))).contains(ImageFormat.TIFF);
    byte[] bmp = new byte[18];
    bmp[0] = 'B';
    bmp[1] = 'M';
    bmp[14] = 40;
    assertThat(ImageFormat.detect(bmp)).contains(ImageFormat.BMP);
  }

  @Test
  void detect_nearMisses_empty() {
    assertThat(ImageFormat.detect(new byte[0])).isEmpty();
    assertThat(ImageFormat.detect(bytes(0xFF, 0xD8))).isEmpty();
    assertThat(ImageFormat.detect(bytes(0x89, 'P', 'N', 'G'))).isEmpty();
    assertThat(ImageFormat.detect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
    assertThat(ImageFormat.detect("BMW is a car maker".getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
    assertThat(ImageFormat.detect("GIF90a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }
}

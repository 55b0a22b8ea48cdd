package org.hashmatch.hashing.image;

import java.util.Optional;

/**
 * The encoded formats we decode, recognised by their leading bytes ("magic"), never by a file
 * name. Detection only looks at the first few bytes, so it is cheap and cannot be fooled into
 * choosing a decoder by an extension.
 */
public enum ImageFormat {
  JPEG("jpeg"),
  PNG("png"),
  GIF("gif"),
  BMP("bmp"),
  WEBP("webp"),
  TIFF("tiff");

  private final String imageIoName;

  ImageFormat(String imageIoName) {
    this.imageIoName = imageIoName;
  }

  /** The ImageIO format name used to look up readers. */
  public String imageIoName() {
    return imageIoName;
  }

  /**
   * The format whose signature starts {@code data}, if any.
   *
   * <ul>
   *   <li>JPEG: {@code FF D8 FF}
   *   <li>PNG: {@code 89 'PNG' 0D 0A 1A 0A}
   *   <li>GIF: {@code 'GIF87a'} or {@code 'GIF89a'}
   *   <li>BMP: {@code 'BM'} followed by at least a file header
   *   <li>WebP: {@code 'RIFF' <size> 'WEBP'}
   *   <li>TIFF: {@code 'II' 2A 00}, {@code 'MM' 00 2A} (classic) or {@code 2B} (BigTIFF)
   * </ul>
   */
  public static Optional<ImageFormat> detect(byte[] data) {
    if (startsWith(data, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(data, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(data, 0, 'G', 'I', 'F', '8', '7', 'a')
        || startsWith(data, 0, 'G', 'I', 'F', '8', '9', 'a')) {
      return Optional.of(GIF);
    }
    if (startsWith(data, 0, 'R', 'I', 'F', 'F') && startsWith(data, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(WEBP);
    }
    if (startsWith(data, 0, 'I', 'I', 0x2A, 0x00)
        || startsWith(data, 0, 'M', 'M', 0x00, 0x2A)
        || startsWith(data, 0, 'I', 'I', 0x2B, 0x00)
        || startsWith(data, 0, 'M', 'M', 0x00, 0x2B)) {
      return Optional.of(TIFF);
    }
    // "BM" alone is common at the start of text; a BMP file header is 14 bytes and is followed by
    // a DIB header whose size field is one of a handful of known values.
    if (data.length >= 18 && startsWith(data, 0, 'B', 'M')) {
      int dibSize =
          (data[14] & 0xFF)
              | (data[15] & 0xFF) << 8
              | (data[16] & 0xFF) << 16
              | (data[17] & 0xFF) << 24;
      if (dibSize == 12
          || dibSize == 16
          || dibSize == 40
          || dibSize == 52
          || dibSize == 56
          || dibSize == 64
          || dibSize == 108
          || dibSize == 124) {
        return Optional.of(BMP);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] data, int offset, int... magic) {
    if (data.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((data[offset + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}

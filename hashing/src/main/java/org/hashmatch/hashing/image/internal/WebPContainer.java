package org.hashmatch.hashing.image.internal;

import java.nio.charset.StandardCharsets;
import org.hashmatch.hashing.CorruptImageException;
import org.jspecify.annotations.Nullable;

/**
 * Finds the VP8 frame of a still, lossy WebP file in its RIFF container.
 *
 * <pre>
 *   'RIFF' size:u32le 'WEBP'  then chunks: fourcc size:u32le payload [pad to even]
 *   simple lossy:    'VP8 ' (the key frame)
 *   simple lossless: 'VP8L'
 *   extended:        'VP8X' (flags:u8, 3 reserved, canvas width - 1:u24le, height - 1:u24le),
 *                    then optional 'ICCP', 'ANIM' + 'ANMF'..., 'ALPH', one 'VP8 ' or 'VP8L',
 *                    'EXIF', 'XMP ', unknown chunks (skipped)
 * </pre>
 *
 * <p>Only what this class positively recognises as a still lossy image is returned; lossless,
 * animated (VP8X animation flag) and anything whose chunks it cannot walk give {@code null}, for
 * the caller's other decoder. The alpha chunk is not looked at: alpha is ignored when hashing.
 */
public final class WebPContainer {

  private static final int RIFF_HEADER_BYTES = 12;
  private static final int CHUNK_HEADER_BYTES = 8;
  private static final int VP8X_PAYLOAD_BYTES = 10;
  private static final int ANIMATION_FLAG = 0x02;

  /**
   * Where the key frame of a still lossy WebP lies in the file.
   *
   * @param offset index of the first byte of the {@code VP8 } chunk payload
   * @param length payload length in bytes; {@code offset + length} is within the input
   * @param readable bytes from {@code offset} to the end of the input, at least {@code length}:
   *     the window libwebp decodes the frame from (its last token partition runs on past the
   *     chunk, up to the end of the input buffer)
   */
  public record LossyFrame(int offset, int length, int readable) {}

  private WebPContainer() {}

  /**
   * The key frame of {@code data} if it is a still lossy WebP, else null. {@code data} must start
   * with a RIFF/WEBP header.
   *
   * @throws CorruptImageException if the file is a still lossy WebP whose frame chunk does not fit
   *     in the file, or whose frame size differs from the canvas size of its VP8X header
   */
  public static @Nullable LossyFrame findStillLossyFrame(byte[] data) {
    long end = Math.min(data.length, 8L + u32(data, 4));
    int pos = RIFF_HEADER_BYTES;
    if (pos + CHUNK_HEADER_BYTES > end) {
      return null;
    }
    String first = fourCc(data, pos);
    if (first.equals("VP8 ")) {
      return frame(data, pos, end);
    }
    if (!first.equals("VP8X")
        || u32(data, pos + 4) < VP8X_PAYLOAD_BYTES
        || pos + CHUNK_HEADER_BYTES + VP8X_PAYLOAD_BYTES > end) {
      return null;
    }
    int flags = data[pos + 8] & 0xFF;
    if ((flags & ANIMATION_FLAG) != 0) {
      return null;
    }
    int canvasWidth = 1 + u24(data, pos + 12);
    int canvasHeight = 1 + u24(data, pos + 15);
    long next = pos + CHUNK_HEADER_BYTES + padded(u32(data, pos + 4));
    while (next + CHUNK_HEADER_BYTES <= end) {
      int at = (int) next;
      String cc = fourCc(data, at);
      if (cc.equals("VP8L") || cc.equals("ANMF")) {
        return null;
      }
      if (cc.equals("VP8 ")) {
        LossyFrame f = frame(data, at, end);
        Vp8Decoder.FrameSize size = Vp8Decoder.readSize(data, f.offset(), f.length());
        if (size.width() != canvasWidth || size.height() != canvasHeight) {
          throw new CorruptImageException(
              "WEBP frame is "
                  + size.width()
                  + "x"
                  + size.height()
                  + ", but its VP8X canvas is "
                  + canvasWidth
                  + "x"
                  + canvasHeight);
        }
        return f;
      }
      next = at + CHUNK_HEADER_BYTES + padded(u32(data, at + 4));
    }
    return null;
  }

  private static LossyFrame frame(byte[] data, int chunkAt, long end) {
    long size = u32(data, chunkAt + 4);
    long payload = chunkAt + CHUNK_HEADER_BYTES;
    if (payload + size > end) {
      throw new CorruptImageException(
          "WEBP 'VP8 ' chunk declares "
              + size
              + " bytes, but only "
              + (end - payload)
              + " remain in the RIFF container");
    }
    return new LossyFrame((int) payload, (int) size, data.length - (int) payload);
  }

  private static long padded(long size) {
    return size + (size & 1);
  }

  private static String fourCc(byte[] d, int at) {
    return new String(d, at, 4, StandardCharsets.ISO_8859_1);
  }

  private static long u32(byte[] d, int at) {
    return (d[at] & 0xFFL)
        | (d[at + 1] & 0xFFL) << 8
        | (d[at + 2] & 0xFFL) << 16
        | (d[at + 3] & 0xFFL) << 24;
  }

  private static int u24(byte[] d, int at) {
    return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | (d[at + 2] & 0xFF) << 16;
  }
}

package org.hashmatch.hashing.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import org.hashmatch.hashing.CorruptImageException;
import org.hashmatch.hashing.DecodeLimits;
import org.hashmatch.hashing.HashingException;
import org.hashmatch.hashing.ImageTooLargeException;
import org.hashmatch.hashing.UnsupportedImageException;
import org.hashmatch.hashing.image.internal.Vp8Decoder;
import org.hashmatch.hashing.image.internal.WebPContainer;
import org.hashmatch.hashing.image.internal.YuvPicture;
import org.jspecify.annotations.Nullable;

/**
 * Decodes encoded images safely into a {@link DecodedImage}. Thread-safe and stateless apart from
 * its limits; every call uses its own ImageIO reader, which is always disposed.
 *
 * <p>Pipeline, each step before the next allocates anything large:
 *
 * <pre>
 *   bytes ── byte budget ── magic ──▶ format ── own checks (BMP size, WebP RIFF length)
 *     ──▶ reader (TwelveMonkeys for JPEG/TIFF/WebP, JDK for PNG/GIF/BMP) ── header: width,
 *     height, tile size ── pixel budget ──▶ decode first image ── truncation warnings?
 *     ──▶ raster samples ──▶ luma + grey planes
 *
 *   still lossy WebP instead: RIFF chunks ── VP8 frame header: width, height ── pixel budget
 *     ──▶ own VP8 decoder (Y, U, V) ──▶ libwebp's fancy upsampling + RGB ──▶ luma + grey planes
 * </pre>
 *
 * <p>Format rules (the colour rules are in {@link PixelPlanes}):
 *
 * <ul>
 *   <li>The format is recognised from the content ({@link ImageFormat#detect}); file names and
 *       extensions are never consulted.
 *   <li>GIF and multi-page TIFF: the first image only. For GIF that is the first frame's own
 *       rectangle as the JDK reader returns it, not composited onto the logical screen (Pillow
 *       composites; the two differ only when the first frame does not cover the screen).
 *   <li>EXIF orientation is ignored: the hash is of the pixels as stored, as in the PDQ reference
 *       (its row for {@code exif-rotn-6.jpg} is the unrotated image). Dihedral matching covers
 *       rotated copies.
 *   <li>Embedded ICC profiles are not applied to RGB and grey images: the samples are hashed as
 *       stored, like libjpeg, libpng and Pillow do.
 *   <li>CMYK and YCCK JPEG: converted to RGB by the TwelveMonkeys reader, with the embedded ICC
 *       profile when there is one, otherwise with its simple inversion {@code R = (255 - C) * (255
 *       - K) / 255}, which is what Pillow's {@code convert("RGB")} and ImageMagick do too.
 *   <li>A JPEG that ends early is decoded by libjpeg-style readers into a grey-filled image with a
 *       warning; we refuse it as corrupt instead, because its hash would describe the filler.
 *   <li>Still lossy WebP (a {@code VP8 } frame, alone or in a VP8X container) is decoded by our own
 *       VP8 decoder ({@link Vp8Decoder}) into exactly the RGB that libwebp's default decoding
 *       gives, "fancy" chroma upsampling included. The TwelveMonkeys VP8 decoder repeats each
 *       chroma sample instead and converts with other constants, which moved PDQ hashes by a few
 *       bits from the reference (decoded with libwebp). Its alpha chunk is ignored, like all
 *       alpha.
 *   <li>Lossless WebP (VP8L) and animated WebP go through the TwelveMonkeys reader: lossless is
 *       exact there; of an animation, its first frame is decoded.
 * </ul>
 *
 * <p>Errors: over a budget, {@link ImageTooLargeException}; no recognised signature or no reader,
 * {@link UnsupportedImageException}; anything a decoder throws on bad data ({@link IOException} or
 * any {@link RuntimeException}), {@link CorruptImageException} (or unsupported when the decoder
 * says the variant is unsupported). Messages never contain image bytes.
 */
public final class ImageDecoder {

  static {
    // No temporary files, ever: uploaded images must not touch disk.
    ImageIO.setUseCache(false);
  }

  private final DecodeLimits limits;

  public ImageDecoder(DecodeLimits limits) {
    this.limits = limits;
  }

  /** The budgets this decoder enforces. */
  public DecodeLimits limits() {
    return limits;
  }

  /**
   * Decodes the first image in {@code encoded}. The array is read, never kept or written.
   *
   * @throws ImageTooLargeException if the input is over the byte budget or its header claims more
   *     pixels than the pixel budget
   * @throws UnsupportedImageException if the input is empty or not in a format we decode
   * @throws CorruptImageException if the input is truncated or malformed
   */
  public DecodedImage decode(byte[] encoded) {
    if (encoded.length > limits.maxBytes()) {
      throw new ImageTooLargeException(
          "input is "
              + encoded.length
              + " bytes, over the budget of "
              + limits.maxBytes()
              + " bytes");
    }
    if (encoded.length == 0) {
      throw new UnsupportedImageException("input is empty (0 bytes), expected an encoded image");
    }
    ImageFormat format =
        ImageFormat.detect(encoded)
            .orElseThrow(
                () ->
                    new UnsupportedImageException(
                        "unrecognised image format ("
                            + encoded.length
                            + " bytes): expected a JPEG, PNG, GIF, BMP, WebP or TIFF signature"));
    if (format == ImageFormat.BMP) {
      checkBmpHeader(encoded);
    } else if (format == ImageFormat.WEBP) {
      checkRiffLength(encoded);
      DecodedImage lossy = decodeStillLossyWebp(encoded);
      if (lossy != null) {
        return lossy;
      }
    }
    ImageReader reader = readerFor(format);
    try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(encoded)) {
      reader.setInput(in, true, true);
      checkHeader(reader, format);
      List<String> warnings = new ArrayList<>();
      IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
      reader.addIIOReadWarningListener(listener);
      ImageReadParam param = reader.getDefaultReadParam();
      ImageTypeSpecifier raw = uncorrectedType(reader);
      if (raw != null) {
        param.setDestinationType(raw);
      }
      BufferedImage image = reader.read(0, param);
      String truncation = truncationWarning(warnings);
      if (truncation != null) {
        throw new CorruptImageException(
            format + " data is truncated or damaged: decoder warned '" + truncation + "'");
      }
      long pixels = (long) image.getWidth() * image.getHeight();
      if (pixels > limits.maxPixels()) {
        throw tooLarge(image.getWidth(), image.getHeight());
      }
      return PixelPlanes.toPlanes(image, format);
    } catch (HashingException e) {
      throw e;
    } catch (IOException e) {
      throw fromDecoder(format, e);
    } catch (RuntimeException e) {
      // Plugins signal malformed data with all kinds of unchecked exceptions
      // (IndexOutOfBounds, IllegalArgument, IllegalState, NegativeArraySize, ...).
      throw new CorruptImageException(
          "could not decode " + format + ": " + e.getClass().getSimpleName() + describe(e), e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * Decodes {@code encoded} with our VP8 decoder if it is a still lossy WebP, else returns null.
   * The frame header's dimensions are checked against the pixel budget before the planes are
   * allocated.
   */
  private @Nullable DecodedImage decodeStillLossyWebp(byte[] encoded) {
    try {
      WebPContainer.LossyFrame frame = WebPContainer.findStillLossyFrame(encoded);
      if (frame == null) {
        return null;
      }
      Vp8Decoder.FrameSize size = Vp8Decoder.readSize(encoded, frame.offset(), frame.length());
      if ((long) size.width() * size.height() > limits.maxPixels()) {
        throw tooLarge(size.width(), size.height());
      }
      YuvPicture picture = Vp8Decoder.decode(encoded, frame.offset(), frame.readable());
      return PixelPlanes.fromYuv420(picture, ImageFormat.WEBP);
    } catch (HashingException e) {
      throw e;
    } catch (RuntimeException e) {
      // The decoder reports bad data as CorruptImageException; anything else would be a decoder
      // bug met on hostile input, still answered as bad input (with the cause kept).
      throw new CorruptImageException(
          "could not decode WEBP: " + e.getClass().getSimpleName() + describe(e), e);
    }
  }

  /**
   * The reader's raw (as-encoded) type when it is RGB or grey, else null. TwelveMonkeys readers
   * convert images with an embedded ICC profile to sRGB by default; libjpeg, libpng and Pillow
   * (and so every reference hash) use the samples as stored, so we ask for the raw type. CMYK is
   * left to the reader's own conversion to RGB.
   */
  private static @Nullable ImageTypeSpecifier uncorrectedType(ImageReader reader)
      throws IOException {
    ImageTypeSpecifier raw = reader.getRawImageType(0);
    if (raw == null) {
      return null;
    }
    int cs = raw.getColorModel().getColorSpace().getType();
    return cs == ColorSpace.TYPE_RGB || cs == ColorSpace.TYPE_GRAY ? raw : null;
  }

  private void checkHeader(ImageReader reader, ImageFormat format) throws IOException {
    int width = reader.getWidth(0);
    int height = reader.getHeight(0);
    if (width <= 0 || height <= 0) {
      throw new CorruptImageException(
          format + " header gives dimensions " + width + "x" + height + ", expected positive");
    }
    if ((long) width * height > limits.maxPixels()) {
      throw tooLarge(width, height);
    }
    if (reader.isImageTiled(0)) {
      int tw = reader.getTileWidth(0);
      int th = reader.getTileHeight(0);
      if (tw <= 0 || th <= 0 || (long) tw * th > limits.maxPixels()) {
        throw new ImageTooLargeException(
            format
                + " tiles are "
                + tw
                + "x"
                + th
                + " pixels, over the budget of "
                + limits.maxPixels()
                + " pixels per tile");
      }
    }
  }

  /**
   * The JDK BMP reader rejects some huge headers with its own, less specific error before we can
   * ask it for the dimensions, so BMP dimensions are read here: a 14-byte file header, then a DIB
   * header whose size is {@code 12} (16-bit width and height) or more (32-bit, height negative
   * for top-down images).
   */
  private void checkBmpHeader(byte[] data) {
    if (data.length < 26) {
      throw new CorruptImageException(
          "BMP header is truncated: " + data.length + " bytes, expected at least 26");
    }
    int dibSize = le32(data, 14);
    long width;
    long height;
    if (dibSize == 12) {
      width = (data[18] & 0xFF) | (data[19] & 0xFF) << 8;
      height = (data[20] & 0xFF) | (data[21] & 0xFF) << 8;
    } else {
      width = le32(data, 18);
      height = Math.abs((long) le32(data, 22));
    }
    if (width > 0 && height > 0 && width * height > limits.maxPixels()) {
      throw tooLarge(width, height);
    }
  }

  /**
   * The TwelveMonkeys WebP decoders read past the end of a cut file as zeros instead of failing,
   * so the RIFF container's declared length ({@code 8 + size}) is checked against the input.
   */
  private static void checkRiffLength(byte[] data) {
    long declared = 8L + (le32(data, 4) & 0xFFFF_FFFFL);
    if (data.length < declared) {
      throw new CorruptImageException(
          "WEBP is truncated: the RIFF header declares "
              + declared
              + " bytes, got "
              + data.length);
    }
  }

  private static int le32(byte[] d, int at) {
    return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | (d[at + 2] & 0xFF) << 16 | d[at + 3] << 24;
  }

  private ImageTooLargeException tooLarge(long width, long height) {
    return new ImageTooLargeException(
        "image is "
            + width
            + "x"
            + height
            + " = "
            + width * height
            + " pixels, over the budget of "
            + limits.maxPixels()
            + " pixels");
  }

  private static HashingException fromDecoder(ImageFormat format, IOException e) {
    String detail = describe(e);
    Throwable cause = e.getCause();
    if (cause != null && cause != e) {
      detail += " (" + cause.getClass().getSimpleName() + describe(cause) + ")";
    }
    if (e instanceof IIOException
        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("unsupported")) {
      return new UnsupportedImageException("unsupported " + format + " variant" + detail, e);
    }
    return new CorruptImageException("could not decode " + format + detail, e);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? "" : ": " + m;
  }

  private static @Nullable String truncationWarning(List<String> warnings) {
    for (String w : warnings) {
      String lower = w.toLowerCase(Locale.ROOT);
      if (lower.contains("premature end")
          || lower.contains("truncat")
          || lower.contains("unexpected end")
          || lower.contains("end of file")
          || lower.contains("eof")) {
        return w;
      }
    }
    return null;
  }

  /**
   * A fresh reader for the format. TwelveMonkeys readers are preferred for JPEG (CMYK, YCCK and
   * broken-but-common files), TIFF and WebP; the JDK's own for PNG, GIF and BMP.
   */
  private static ImageReader readerFor(ImageFormat format) {
    boolean preferTwelveMonkeys =
        format == ImageFormat.JPEG || format == ImageFormat.TIFF || format == ImageFormat.WEBP;
    ImageReader chosen = null;
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName());
    while (it.hasNext()) {
      ImageReader r = it.next();
      boolean twelveMonkeys = r.getClass().getName().startsWith("com.twelvemonkeys.");
      if (chosen == null) {
        chosen = r;
      } else if (twelveMonkeys == preferTwelveMonkeys
          && chosen.getClass().getName().startsWith("com.twelvemonkeys.")
              != preferTwelveMonkeys) {
        chosen.dispose();
        chosen = r;
      } else {
        r.dispose();
      }
    }
    if (chosen == null) {
      throw new UnsupportedImageException("no decoder installed for " + format);
    }
    return chosen;
  }
}

package org.hashmatch.bench.robustness;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.hashmatch.hashing.DecodeLimits;
import org.hashmatch.hashing.PHasher;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.image.DecodedImage;
import org.hashmatch.hashing.image.ImageDecoder;
import org.hashmatch.hashing.image.ImageFormat;
import org.hashmatch.hashing.robust.PdqVariant;
import org.jspecify.annotations.Nullable;

/**
 * Hashes working images the way the service hashes an upload: the pixels become the luma and grey
 * planes by the decoder's colour rules ({@link DecodedImage#fromBufferedImage}), or, for a JPEG
 * transform, the image is encoded with ImageIO's JPEG writer and the bytes are decoded by the
 * service's own {@link ImageDecoder}. Thread-safe.
 */
final class Hashing {

  private final PdqHasher pdq = PdqHasher.create(PdqHasher.Kernel.AUTO);
  private final PHasher phash = new PHasher();
  private final ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULT);
  private final @Nullable RobustSide robust;

  Hashing(@Nullable RobustSide robust) {
    this.robust = robust;
  }

  /** The robust side measured, if any. */
  @Nullable RobustSide robust() {
    return robust;
  }

  /**
   * Hashes an edited image.
   *
   * @param jpegQuality 1..100 to go through a JPEG encode and decode first, 0 not to
   * @param bankSide also compute the bank-side variants
   */
  HashedImage hash(BufferedImage image, int jpegQuality, boolean bankSide) {
    DecodedImage planes =
        jpegQuality > 0
            ? decoder.decode(encodeJpeg(image, jpegQuality))
            : DecodedImage.fromBufferedImage(image, ImageFormat.PNG);
    return hash(planes, bankSide);
  }

  HashedImage hash(DecodedImage planes, boolean bankSide) {
    int w = planes.width();
    int h = planes.height();
    PdqResult p = pdq.hash(planes.luma(), w, h, true);
    RobustSide.QuerySide q = robust != null ? robust.query(planes.luma(), w, h) : null;
    List<PdqVariant> variants =
        bankSide && robust != null ? robust.bankVariants(planes.luma(), w, h) : List.of();
    return new HashedImage(p, phash.hashGrey(planes.grey8(), w, h),
        q != null ? q.trimmed() : null, q != null && q.flatContent(), variants, w, h);
  }

  /** Encodes as baseline JPEG at {@code quality} percent with the JDK's writer, in memory. */
  static byte[] encodeJpeg(BufferedImage image, int quality) {
    ImageWriter writer = jpegWriter();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding in memory failed", e);
    } finally {
      writer.dispose();
    }
  }

  /** The JPEG writer used: the JDK's own when present, else the first registered. */
  static ImageWriter jpegWriter() {
    ImageWriter first = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.imageio.")) {
        if (first != null) {
          first.dispose();
        }
        return w;
      }
      if (first == null) {
        first = w;
      } else {
        w.dispose();
      }
    }
    if (first == null) {
      throw new IllegalStateException("no ImageIO JPEG writer registered");
    }
    return first;
  }
}

package org.hashmatch.hashing;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.color.ColorSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Test-side access to {@code ../shared/conformance/pdq}: the expected-output CSVs and a minimal,
 * exact decoder for the plain images among the samples. This decoder is deliberately narrow (the
 * production decoder lives elsewhere): it reads raster samples, never {@code getRGB}, and handles
 * only what the C++ reference's loader reads the same way, namely 8-bit RGB and grey, palette
 * (expanded to RGB by libpng) and 1-bit grey PNG (expanded to 0/255 grey), and JPEG through the
 * JDK's own reader (byte-identical to libjpeg-turbo per the conformance README).
 */
final class PdqConformanceData {

  /** A decoded luminance plane. */
  record Luma(float[] values, int width, int height) {}

  /** One CSV row as column values. */
  record Row(List<String> cells) {
    String get(int i) {
      return cells.get(i);
    }
  }

  private PdqConformanceData() {}

  /**
   * The conformance folder: the {@code hashmatch.conformance.dir} system property if set, else the
   * first {@code shared/conformance/pdq} found walking up from the working directory (the layout
   * {@code <repo>/../shared/conformance/pdq}). Fails loudly rather than skipping when absent.
   */
  static Path dir() {
    String d = System.getProperty("hashmatch.conformance.dir");
    if (d != null) {
      Path p = Path.of(d);
      if (Files.isDirectory(p.resolve("expected"))) {
        return p;
      }
    }
    for (Path a = Path.of("").toAbsolutePath(); a != null; a = a.getParent()) {
      Path p = a.resolve("shared").resolve("conformance").resolve("pdq");
      if (Files.isDirectory(p.resolve("expected"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no PDQ conformance data: hashmatch.conformance.dir=" + d + " and no shared/conformance/pdq"
            + " above " + Path.of("").toAbsolutePath());
  }

  static List<Row> csv(String name) {
    try {
      List<String> lines = Files.readAllLines(dir().resolve("expected").resolve(name));
      List<Row> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          // No quoted fields in the rows used here; status text may hold commas, keep it whole.
          String[] parts = line.split(",", -1);
          rows.add(new Row(List.of(parts)));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path image(String relative) {
    return dir().resolve("images").resolve(relative);
  }

  /** Width and height from the header, without decoding pixels; empty if no reader knows it. */
  static Optional<int[]> dimensions(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> it = ImageIO.getImageReaders(in);
      if (!it.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = it.next();
      try {
        reader.setInput(in, true, true);
        return Optional.of(new int[] {reader.getWidth(0), reader.getHeight(0)});
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  /** Decodes a plain 8-bit image as the reference's loader would, or empty if not plain. */
  static Optional<Luma> decode(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean jpeg = name.endsWith(".jpg") || name.endsWith(".jpeg");
    boolean png = name.endsWith(".png");
    if (!jpeg && !png) {
      return Optional.empty();
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = jdkReader(in, jpeg ? "jpeg" : "png");
      try {
        reader.setInput(in, true, false);
        String pngColorType = png ? pngColorType(reader.getImageMetadata(0)) : "";
        BufferedImage img;
        try {
          img = reader.read(0);
        } catch (IOException | RuntimeException e) {
          return Optional.empty(); // e.g. CMYK JPEG, which the JDK reader refuses
        }
        return toLuma(img, pngColorType);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  private static ImageReader jdkReader(ImageInputStream in, String format) {
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
    while (it.hasNext()) {
      ImageReader r = it.next();
      if (r.getClass().getName().startsWith("com.sun.imageio.")) {
        return r;
      }
    }
    throw new IllegalStateException("no JDK " + format + " reader");
  }

  private static String pngColorType(IIOMetadata meta) {
    Node root = meta.getAsTree("javax_imageio_png_1.0");
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeName().equals("IHDR")) {
        return n.getAttributes().getNamedItem("colorType").getNodeValue();
      }
    }
    return "";
  }

  private static Optional<Luma> toLuma(BufferedImage img, String pngColorType) {
    int w = img.getWidth();
    int h = img.getHeight();
    Raster raster = img.getRaster();
    ColorModel cm = img.getColorModel();
    float[] luma = new float[w * h];
    int[] px = new int[raster.getNumBands()];
    if (cm instanceof IndexColorModel icm && !cm.hasAlpha()) {
      boolean grey = pngColorType.equals("Grayscale");
      int bits = raster.getSampleModel().getSampleSize(0);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int idx = raster.getSample(x, y, 0);
          if (grey) {
            // libpng expands a low-bit-depth grey sample to 8 bits by scaling to 0..255.
            luma[y * w + x] = (float) (idx * 255 / ((1 << bits) - 1));
          } else {
            luma[y * w + x] = rgb(icm.getRed(idx), icm.getGreen(idx), icm.getBlue(idx));
          }
        }
      }
      return Optional.of(new Luma(luma, w, h));
    }
    if (!(cm instanceof ComponentColorModel) || cm.hasAlpha()
        || raster.getTransferType() != DataBuffer.TYPE_BYTE) {
      return Optional.empty();
    }
    int bands = raster.getNumBands();
    int csType = cm.getColorSpace().getType();
    if (bands == 1 && csType == ColorSpace.TYPE_GRAY) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          luma[y * w + x] = raster.getSample(x, y, 0);
        }
      }
      return Optional.of(new Luma(luma, w, h));
    }
    if (bands == 3 && csType == ColorSpace.TYPE_RGB) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          raster.getPixel(x, y, px);
          luma[y * w + x] = rgb(px[0], px[1], px[2]);
        }
      }
      return Optional.of(new Luma(luma, w, h));
    }
    return Optional.empty();
  }

  /** The reference's luma: float32 products summed left to right. */
  static float rgb(int r, int g, int b) {
    return 0.299f * r + 0.587f * g + 0.114f * b;
  }
}

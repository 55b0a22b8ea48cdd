package org.hashmatch.bench.jmh;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.hashmatch.hashing.DecodeLimits;
import org.hashmatch.hashing.HashResult;
import org.hashmatch.hashing.ImageHasher;
import org.hashmatch.hashing.PdqHasher;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.image.DecodedImage;
import org.hashmatch.hashing.image.ImageDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one upload cost end to end, per encoded format: decode (with the budget checks and
 * raster-to-plane conversion) plus PDQ, pHash, MD5 and SHA-256, single-threaded.
 *
 * <p>Inputs: a synthetic photo-like image (smooth gradients, texture noise) from the fixed seed
 * {@value #SEED}, encoded once per trial with the ImageIO/TwelveMonkeys writer of each format.
 * WebP has no Java encoder (TwelveMonkeys only decodes it), so {@code WEBP} uses the lossy
 * conformance sample {@code misc-images/modes/PA.webp} (1600x1004) from {@code
 * -Dhashmatch.conformance.dir} and ignores {@code megapixels}.
 *
 * <p>Warmup and measurement: decoding a 1.6 MP JPEG takes tens of milliseconds, so 1-second
 * iterations hold dozens of operations; 3 warmup iterations are enough for C2 to compile the
 * decode loops and the PDQ kernels, 5 measured iterations in each of 2 forks show fork-to-fork
 * noise (JIT and heap layout), which dominates here.
 *
 * <pre>
 *   bin/hashmatch bench jmh DecodeHashBenchmark -p megapixels=1.6 \
 *       -jvmArgsAppend -Dhashmatch.conformance.dir=../shared/conformance/pdq
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
public class DecodeHashBenchmark {

  static final long SEED = 0x5EED_1DEAL;

  /** The encoded format under test. */
  public enum Format {
    JPEG("jpeg"),
    PNG("png"),
    WEBP("webp"),
    GIF("gif"),
    BMP("bmp"),
    TIFF("tiff");

    final String writerName;

    Format(String writerName) {
      this.writerName = writerName;
    }
  }

  @Param({"JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"})
  public Format format;

  /** Pixel count of the generated image, in megapixels (aspect ratio 4:3). */
  @Param({"1.6", "12"})
  public double megapixels;

  private byte[] encoded = new byte[0];
  private ImageHasher hasher = new ImageHasher(DecodeLimits.DEFAULT);
  private ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULT);

  @Setup(Level.Trial)
  public void setUp() {
    hasher = new ImageHasher(DecodeLimits.DEFAULT);
    decoder = new ImageDecoder(DecodeLimits.DEFAULT);
    if (format == Format.WEBP) {
      encoded = conformanceWebp();
    } else {
      int width = (int) Math.round(Math.sqrt(megapixels * 1e6 * 4 / 3));
      int height = (int) Math.round(width * 3 / 4.0);
      encoded = encode(photoLike(width, height, SEED), format);
    }
    // Oracle check before timing: the facade's PDQ equals the reference port on the same pixels.
    HashResult r = hasher.hash(encoded, false);
    DecodedImage d = decoder.decode(encoded);
    PdqResult oracle =
        PdqHasher.create(PdqHasher.Kernel.REFERENCE).hash(d.luma(), d.width(), d.height(), false);
    if (!oracle.hash().equals(r.pdq()) || oracle.quality() != r.quality()) {
      throw new IllegalStateException(
          "ImageHasher PDQ " + r.pdq() + " differs from the reference port " + oracle.hash());
    }
    System.out.printf(
        "%n# DecodeHashBenchmark seed=%d format=%s %dx%d encoded=%d bytes pdq=%s quality=%d%n",
        SEED, format, r.width(), r.height(), encoded.length, r.pdq(), r.quality());
  }

  @Benchmark
  public HashResult decodeAndHash() {
    return hasher.hash(encoded, false);
  }

  @Benchmark
  public DecodedImage decodeOnly() {
    return decoder.decode(encoded);
  }

  private static byte[] conformanceWebp() {
    String dir = System.getProperty("hashmatch.conformance.dir");
    if (dir == null) {
      throw new IllegalStateException(
          "WEBP needs -Dhashmatch.conformance.dir=<path to shared/conformance/pdq> (no Java WebP"
              + " encoder exists to generate one)");
    }
    try {
      return Files.readAllBytes(Path.of(dir, "images", "misc-images", "modes", "PA.webp"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Smooth colour fields with fine noise: compresses like a photo, not like a flat test card. */
  static BufferedImage photoLike(int width, int height, long seed) {
    Random rnd = new Random(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] data =
        ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
    double fx = 2 + rnd.nextDouble() * 4;
    double fy = 2 + rnd.nextDouble() * 4;
    int i = 0;
    for (int y = 0; y < height; y++) {
      double v = (double) y / height;
      for (int x = 0; x < width; x++) {
        double u = (double) x / width;
        int noise = rnd.nextInt(13) - 6;
        data[i++] = (byte) clamp(255 * (u + v) / 2 + noise);
        data[i++] = (byte) clamp(128 + 90 * Math.cos(fy * v * Math.PI - u * 2) + noise);
        data[i++] = (byte) clamp(128 + 100 * Math.sin(fx * u * Math.PI + v) + noise);
      }
    }
    return img;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static byte[] encode(BufferedImage img, Format format) {
    BufferedImage toWrite = img;
    if (format == Format.GIF) {
      // GIF is palette-only; let the JDK writer quantise from an indexed copy.
      toWrite = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
      toWrite.getGraphics().drawImage(img, 0, 0, null);
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format.writerName).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format == Format.JPEG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
      }
      writer.write(null, new IIOImage(toWrite, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}

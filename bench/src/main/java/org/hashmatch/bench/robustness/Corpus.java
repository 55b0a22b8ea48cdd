package org.hashmatch.bench.robustness;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The images of a corpus directory: every {@code .jpg}, {@code .jpeg} and {@code .png} file in it
 * (not in subdirectories, so {@code _meta/} is skipped), with its set from {@code
 * _meta/MANIFEST.tsv} (column {@code set}; {@code "unlisted"} when there is no manifest row).
 * Images of the {@code stamps} set are cut-outs: their alpha is composited onto white; all others
 * are read as the service reads an upload, alpha ignored.
 */
final class Corpus {

  /** The set whose transparent cut-outs are composited onto white. */
  static final String STAMPS = "stamps";

  /**
   * One file of the corpus.
   *
   * @param path the file
   * @param file its name, which identifies it in the output
   * @param set its manifest set
   */
  record Item(Path path, String file, String set) {
    boolean compositeOnWhite() {
      return set.equals(STAMPS);
    }
  }

  private Corpus() {}

  /**
   * The images in {@code dir} sorted by file name, limited to {@code sets} unless that is empty.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory
   */
  static List<Item> list(Path dir, Set<String> sets) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--corpus is not a directory: " + dir);
    }
    Map<String, String> manifest = manifest(dir.resolve("_meta").resolve("MANIFEST.tsv"));
    List<Item> items = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(p)
            || !(lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png"))) {
          continue;
        }
        String set = manifest.getOrDefault(name, "unlisted");
        if (sets.isEmpty() || sets.contains(set)) {
          items.add(new Item(p, name, set));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return List.copyOf(items);
  }

  private static Map<String, String> manifest(Path tsv) {
    Map<String, String> sets = new HashMap<>();
    if (!Files.isRegularFile(tsv)) {
      return sets;
    }
    try {
      List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return sets;
      }
      List<String> header = List.of(lines.getFirst().split("\t", -1));
      int file = header.indexOf("file");
      int set = header.indexOf("set");
      if (file < 0 || set < 0) {
        throw new IllegalArgumentException(
            tsv + ": expected columns 'file' and 'set', got " + header);
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split("\t", -1);
        if (f.length > Math.max(file, set)) {
          sets.put(f[file], f[set]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tsv, e);
    }
    return sets;
  }

  /**
   * Reads one image and normalises it: converted to 8-bit RGB (alpha ignored, or composited onto
   * white for stamps), then scaled by area averaging so the longest side is at most {@code
   * maxSide}.
   *
   * @throws UncheckedIOException if the file cannot be read or decoded
   */
  static Loaded load(Item item, int maxSide) {
    byte[] bytes;
    BufferedImage decoded;
    try {
      bytes = Files.readAllBytes(item.path());
      decoded = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + item.file(), e);
    }
    if (decoded == null) {
      throw new UncheckedIOException(
          new IOException("no ImageIO reader decodes " + item.file()));
    }
    boolean transparent = Images.hasTransparency(decoded);
    BufferedImage rgb = Images.toRgb(decoded, item.compositeOnWhite());
    return new Loaded(
        bytes,
        decoded.getWidth(),
        decoded.getHeight(),
        transparent,
        Images.limitLongestSide(rgb, maxSide));
  }

  /**
   * A loaded image.
   *
   * @param bytes the file's bytes
   * @param originalWidth width of the file's image
   * @param originalHeight height of the file's image
   * @param transparent whether the file has pixels that are not opaque
   * @param image the normalised working image
   */
  record Loaded(
      byte[] bytes,
      int originalWidth,
      int originalHeight,
      boolean transparent,
      BufferedImage image) {}
}

package org.hashmatch.hashing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared PDQ conformance folder ({@code -Dhashmatch.conformance.dir}, wired by the parent
 * pom): benign test images and expected-output CSVs. See its README for where each file came from.
 */
public final class ConformanceImages {

  private ConformanceImages() {}

  /** The conformance folder, located as {@link PdqConformanceData#dir()} does. */
  public static Path dir() {
    return PdqConformanceData.dir();
  }

  /** Bytes of an image given relative to {@code images/}. */
  public static byte[] image(String relative) {
    try {
      return Files.readAllBytes(dir().resolve("images").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Rows of {@code expected/<name>} without the header, split on commas outside double quotes.
   */
  public static List<List<String>> csv(String name) {
    try {
      List<String> lines = Files.readAllLines(dir().resolve("expected").resolve(name));
      List<List<String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          rows.add(splitCsv(line));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}

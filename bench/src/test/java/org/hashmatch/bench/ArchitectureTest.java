package org.hashmatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module rules of STYLE.md true: dependencies point down (hashing, index, service, bench),
 * no module imports another module's {@code internal} package, and every package states its purpose
 * and nullness in a {@code package-info.java}.
 */
class ArchitectureTest {

  private static final Path ROOT = Path.of(System.getProperty("hashmatch.root", ".."));
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

  /** For each module, import prefixes its main code must not use. */
  private static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "hashing",
          List.of("org.hashmatch.index", "org.hashmatch.service", "org.hashmatch.bench",
              "io.vertx", "org.apache.lucene"),
          "index",
          List.of("org.hashmatch.service", "org.hashmatch.bench", "io.vertx", "java.awt",
              "javax.imageio"),
          "service",
          List.of("org.hashmatch.bench"),
          "bench",
          List.of());

  @Test
  void dependenciesPointDownAndInternalsStayInTheirModule() {
    List<String> violations = new ArrayList<>();
    for (var module : FORBIDDEN.entrySet()) {
      for (Path file : javaFiles(module.getKey(), "main")) {
        Matcher m = IMPORT.matcher(read(file));
        while (m.find()) {
          String imported = m.group(1);
          for (String prefix : module.getValue()) {
            if (imported.startsWith(prefix + ".") || imported.equals(prefix)) {
              violations.add(file + " imports " + imported);
            }
          }
          if (imported.contains(".internal.")
              && !imported.startsWith("org.hashmatch." + module.getKey() + ".")
              && imported.startsWith("org.hashmatch.")) {
            violations.add(file + " imports another module's internals: " + imported);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackageHasANullMarkedPackageInfo() {
    List<String> missing = new ArrayList<>();
    for (String module : FORBIDDEN.keySet()) {
      javaFiles(module, "main").stream()
          .map(Path::getParent)
          .distinct()
          .forEach(
              dir -> {
                Path info = dir.resolve("package-info.java");
                if (!Files.exists(info) || !read(info).contains("@NullMarked")) {
                  missing.add(ROOT.relativize(dir).toString());
                }
              });
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theRulesSeeTheWholeTree() {
    // Guards the guard: if the root were wrong, the scans above would pass vacuously.
    assertThat(javaFiles("hashing", "main")).isNotEmpty();
    assertThat(javaFiles("index", "main")).isNotEmpty();
    assertThat(javaFiles("service", "main")).isNotEmpty();
  }

  private static List<Path> javaFiles(String module, String sourceSet) {
    Path dir = ROOT.resolve(module).resolve("src").resolve(sourceSet).resolve("java");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.hashmatch.bench.robustness;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * {@code bin/hashmatch bench robustness --corpus DIR [--sample N] [--seed S] [--out FILE]
 * [--threads T] [--max-side PX] [--sets a,b] [--examples DIR] [--distractors DIR]}.
 *
 * <p>Deduplicates the corpus, splits it with the seed into a bank half and a distractor half,
 * applies the transform suite ({@link TransformSuite}) to both halves, matches every query against
 * the bank with each {@link MatcherVariant} by exact linear scan, prints a markdown report
 * (recall per transform and variant, false-positive rates, every false match) on stdout and writes
 * the same data, with every parameter, as JSON to {@code --out}. Progress goes to stderr.
 *
 * <p>{@code --examples DIR} writes, for a person to check the suite, the first bank image under
 * every transform as PNG (as the JPEG bytes for JPEG transforms). The corpus must be benign.
 *
 * <p>{@code --distractors DIR} adds every JPEG and PNG image of DIR (named {@code
 * distractors/FILE} in the output) to the distractor half, never to the bank, for hard negatives
 * measured against the corpus's bank.
 *
 * <p>Exit status 0 on success, 2 on bad arguments, 1 on failure.
 */
public final class RobustnessCommand {

  static final String USAGE =
      "usage: bench robustness --corpus DIR [--sample N] [--seed S] [--out FILE] [--threads T]"
          + " [--max-side PX] [--sets SET,...] [--examples DIR] [--distractors DIR]";

  private RobustnessCommand() {}

  /** Entry point for {@code bin/hashmatch bench robustness}. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int status;
    try {
      status = run(args, RobustSides.deployed(), System.out, System.err);
    } catch (IllegalArgumentException e) {
      System.err.println("bench robustness: " + e.getMessage());
      System.err.println(USAGE);
      status = 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("bench robustness: interrupted");
      status = 1;
    }
    System.exit(status);
  }

  /**
   * Options of the command.
   *
   * @param corpus the corpus directory
   * @param settings sample, seed, threads, normalisation size
   * @param out where the JSON goes, or null
   * @param sets manifest sets to use, empty for all
   * @param examples where example images go, or null
   * @param distractors a folder of images that are only distractors, or null
   */
  record Options(
      Path corpus,
      RobustnessBenchmark.Settings settings,
      @Nullable Path out,
      Set<String> sets,
      @Nullable Path examples,
      @Nullable Path distractors) {

    Options {
      sets = Set.copyOf(sets);
    }

    static Options parse(String[] args) {
      Path corpus = null;
      int sample = 0;
      long seed = 1;
      Path out = null;
      int threads = 2;
      int maxSide = 1024;
      Set<String> sets = new LinkedHashSet<>();
      Path examples = null;
      Path distractors = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--corpus" -> corpus = Path.of(v);
          case "--sample" -> sample = (int) parseLong(a, v);
          case "--seed" -> seed = parseLong(a, v);
          case "--out" -> out = Path.of(v);
          case "--threads" -> threads = (int) parseLong(a, v);
          case "--max-side" -> maxSide = (int) parseLong(a, v);
          case "--sets" -> sets.addAll(Arrays.stream(v.split(",")).map(String::strip)
              .filter(x -> !x.isEmpty()).toList());
          case "--examples" -> examples = Path.of(v);
          case "--distractors" -> distractors = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (corpus == null) {
        throw new IllegalArgumentException("--corpus is required");
      }
      return new Options(corpus, new RobustnessBenchmark.Settings(sample, seed, threads, maxSide),
          out, sets, examples, distractors);
    }

    private static long parseLong(String opt, String v) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(opt + " needs an integer, got '" + v + "'", e);
      }
    }
  }

  static int run(String[] args, @Nullable RobustSide robust, PrintStream out, PrintStream err)
      throws InterruptedException {
    return run(args, robust, TransformSuite.standard(), out, err);
  }

  static int run(
      String[] args,
      @Nullable RobustSide robust,
      List<Transform> suite,
      PrintStream out,
      PrintStream err)
      throws InterruptedException {
    Options o = Options.parse(args);
    String command = "bin/hashmatch bench robustness " + String.join(" ", args);
    List<Corpus.Item> items = Corpus.list(o.corpus(), o.sets());
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no JPEG or PNG images in " + o.corpus()
          + (o.sets().isEmpty() ? "" : " in sets " + o.sets()));
    }
    err.println("robustness: " + RobustnessReport.normalisation(o.settings().maxSide()));
    err.println("robustness: robust side: " + (robust == null ? "not measured" : robust.describe()));
    RobustnessBenchmark bench = new RobustnessBenchmark(o.settings(), suite, robust, err);
    List<Corpus.Item> extra = o.distractors() == null
        ? List.of()
        : Corpus.list(o.distractors(), Set.of()).stream()
            .map(i -> new Corpus.Item(i.path(), "distractors/" + i.file(), "distractors"))
            .toList();
    if (o.distractors() != null && extra.isEmpty()) {
      throw new IllegalArgumentException("no JPEG or PNG images in " + o.distractors());
    }
    RobustnessBenchmark.Result result = bench.run(items, extra);
    String md = RobustnessReport.markdown(result, command);
    out.print(md);
    out.flush();
    if (o.out() != null) {
      JsonObject json = RobustnessReport.json(result, command);
      json.put("date", Instant.now().toString());
      json.put("machine", machine());
      write(o.out(), json.encodePrettily() + "\n");
      err.println("robustness: JSON written to " + o.out());
    }
    if (o.examples() != null && !result.bank().isEmpty()) {
      writeExamples(o, suite, items, result.bank().getFirst(), err);
    }
    return 0;
  }

  private static void writeExamples(
      Options o, List<Transform> suite, List<Corpus.Item> items, String file, PrintStream err) {
    Corpus.Item item =
        items.stream().filter(i -> i.file().equals(file)).findFirst().orElseThrow();
    BufferedImage img = Corpus.load(item, o.settings().maxSide()).image();
    try {
      Files.createDirectories(o.examples());
      ImageIO.write(img, "png", o.examples().resolve("original.png").toFile());
      long seed = RobustnessBenchmark.imageSeed(o.settings().seed(), file);
      for (int t = 0; t < suite.size(); t++) {
        Transform tr = suite.get(t);
        BufferedImage edited = tr.edit().apply(img, seed + t);
        if (tr.jpegQuality() > 0) {
          Files.write(o.examples().resolve(tr.name() + ".jpg"),
              Hashing.encodeJpeg(edited, tr.jpegQuality()));
        } else {
          ImageIO.write(edited, "png", o.examples().resolve(tr.name() + ".png").toFile());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write examples to " + o.examples(), e);
    }
    err.println("robustness: examples of " + file + " written to " + o.examples());
  }

  private static JsonObject machine() {
    JsonObject m = new JsonObject()
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"))
        .put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty(
            "java.runtime.version"));
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      try (Stream<String> lines = Files.lines(cpuinfo)) {
        lines.filter(l -> l.startsWith("model name")).findFirst()
            .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).strip()));
      } catch (IOException e) {
        m.put("cpu", "unknown (" + e.getMessage() + ")");
      }
    }
    return m;
  }

  private static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

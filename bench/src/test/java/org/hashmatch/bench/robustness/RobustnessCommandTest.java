package org.hashmatch.bench.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.robust.PdqVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobustnessCommandTest {

  private static final int PICTURES = 8;

  @TempDir Path dir;

  /** A robust side that plants a false match: every entry stores every corpus image's hash. */
  private record PlantingRobustSide(List<Hash256> planted) implements RobustSide {
    @Override
    public String describe() {
      return "planting test double";
    }

    @Override
    public RobustSide.QuerySide query(float[] luma, int width, int height) {
      return new RobustSide.QuerySide(null, false);
    }

    @Override
    public List<PdqVariant> bankVariants(float[] luma, int width, int height) {
      List<PdqVariant> out = new ArrayList<>();
      for (int i = 0; i < planted.size(); i++) {
        out.add(new PdqVariant("p" + i, planted.get(i), 100));
      }
      return out;
    }
  }

  /**
   * Pictures are 320 px wide: PDQ's dihedral variants equal the hash of the mirrored image only
   * when the box-filter window (3 here) and the 64 centre samples are symmetric under the mirror;
   * at 128 or 256 px they differ by 16-30 bits on these pictures.
   */
  private List<Hash256> writeCorpus() throws IOException {
    Files.createDirectories(dir.resolve("_meta"));
    StringBuilder manifest = new StringBuilder("file\tset\tpackage\n");
    List<Hash256> hashes = new ArrayList<>();
    Hashing hashing = new Hashing(null);
    for (int i = 0; i < PICTURES; i++) {
      BufferedImage img = SyntheticImages.picture(320, 240, 100 + i);
      String name = "pic" + i + ".png";
      ImageIO.write(img, "png", dir.resolve(name).toFile());
      manifest.append(name).append("\tcore\ttest\n");
      hashes.add(hashing.hash(img, 0, false).pdq().hash());
    }
    // An exact copy and a mirrored copy: both must be dropped before the split.
    Files.copy(dir.resolve("pic0.png"), dir.resolve("pic0-copy.png"));
    manifest.append("pic0-copy.png\tcore\ttest\n");
    BufferedImage mirrored =
        TransformSuite.mirror(SyntheticImages.picture(320, 240, 101));
    ImageIO.write(mirrored, "png", dir.resolve("pic1-mirrored.png").toFile());
    manifest.append("pic1-mirrored.png\tcore\ttest\n");
    // Not an image of the corpus: ignored.
    Files.writeString(dir.resolve("_meta").resolve("notes.png"), "not listed");
    Files.writeString(dir.resolve("_meta").resolve("MANIFEST.tsv"), manifest);
    return hashes;
  }

  @Test
  void run_syntheticCorpus_reportsEveryTransformAndVariant_andListsThePlantedFalseMatch()
      throws Exception {
    List<Hash256> planted = writeCorpus();
    Path json = dir.resolve("out").resolve("r.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RobustnessCommand.run(
        new String[] {"--corpus", dir.toString(), "--seed", "3", "--out", json.toString()},
        new PlantingRobustSide(planted),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    String md = out.toString(StandardCharsets.UTF_8);
    JsonObject o = new JsonObject(Files.readString(json));

    List<Transform> suite = TransformSuite.standard();
    for (Transform t : suite) {
      assertThat(md).contains("| " + t.name() + " | ");
    }
    for (MatcherVariant v : MatcherVariant.values()) {
      assertThat(md).contains(" " + v.label() + " |");
    }
    assertThat(o.getJsonObject("dedup").getInteger("kept")).as(o.getJsonObject("dedup").encode())
        .isEqualTo(PICTURES);
    JsonArray transforms = o.getJsonArray("transforms");
    assertThat(transforms).hasSize(suite.size() + 1);
    for (int i = 0; i < transforms.size(); i++) {
      JsonObject results = transforms.getJsonObject(i).getJsonObject("results");
      for (MatcherVariant v : MatcherVariant.values()) {
        assertThat(results.getJsonObject(v.label()).getInteger("total")).isEqualTo(4);
      }
    }
    // The untransformed bank images all find themselves.
    JsonObject original = transforms.getJsonObject(0);
    assertThat(original.getString("name")).isEqualTo("original");
    assertThat(original.getJsonObject("results").getJsonObject("pdq").getInteger("hits"))
        .isEqualTo(4);
    // The deployed column names the bank images it missed, e.g. all of them under a 10 % crop
    // (the planted variants are whole-image hashes).
    JsonObject deployed = transforms.stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("name").equals("centre-crop80")).findFirst().orElseThrow()
        .getJsonObject("results").getJsonObject("+augment");
    assertThat(deployed.getJsonArray("misses")).hasSize(4 - deployed.getInteger("hits"));
    assertThat(o.getString("deployedVariant")).isEqualTo("+augment");

    JsonObject dedup = o.getJsonObject("dedup");
    assertThat(dedup.getInteger("input")).isEqualTo(PICTURES + 2);
    assertThat(dedup.getInteger("droppedExactBytes")).isEqualTo(1);
    assertThat(dedup.getInteger("droppedNearDuplicate")).isEqualTo(1);
    assertThat(o.getJsonObject("split").getJsonArray("bank")).hasSize(4);
    assertThat(o.getJsonObject("split").getJsonArray("distractors")).hasSize(4);
    assertThat(o.getLong("seed")).isEqualTo(3);
    assertThat(o.getJsonObject("normalisation").getString("rule")).contains("1024 px");

    // Distinct pictures do not match untransformed; the planted variants make every distractor
    // match every bank entry, and each such pair is listed with the stored variant that hit.
    JsonObject fp = o.getJsonObject("falsePositives");
    assertThat(fp.getJsonObject("+dihedral").getInteger("untransformedWithMatch")).isZero();
    assertThat(fp.getJsonObject("+augment").getInteger("untransformedWithMatch")).isEqualTo(4);
    List<String> distractors = o.getJsonObject("split").getJsonArray("distractors").stream()
        .map(String::valueOf).toList();
    Set<String> listed = new HashSet<>();
    for (Object m : o.getJsonArray("falseMatches")) {
      JsonObject f = (JsonObject) m;
      if (f.getString("variant").equals("+augment") && f.getString("transform").equals("original")
          && f.getString("kind").equals("distractor")) {
        assertThat(f.getInteger("distance")).isZero();
        assertThat(f.getString("entryVariant")).startsWith("p");
        listed.add(f.getString("query") + ">" + f.getString("bank"));
      }
    }
    assertThat(listed).hasSize(16);
    assertThat(md).contains("| +augment | distractor | " + distractors.getFirst() + " | original");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("robustness:");
  }

  @Test
  void split_isDeterministicForASeed_andDisjoint() {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      files.add(String.format("f%03d.png", i));
    }
    var a = RobustnessBenchmark.split(files, 0, 9);
    var b = RobustnessBenchmark.split(files, 0, 9);
    var c = RobustnessBenchmark.split(files, 0, 10);
    assertThat(a).isEqualTo(b);
    assertThat(a.bank()).hasSize(51).doesNotContainAnyElementsOf(a.distractors());
    assertThat(a.distractors()).hasSize(50);
    assertThat(c.bank()).isNotEqualTo(a.bank());
    var sampled = RobustnessBenchmark.split(files, 10, 9);
    assertThat(sampled.bank()).hasSize(5);
    assertThat(sampled.distractors()).hasSize(5).doesNotContainAnyElementsOf(sampled.bank());
  }

  @Test
  void dedup_dropsExactCopiesPixelCopiesAndMirroredCopies() {
    Hashing hashing = new Hashing(null);
    BufferedImage a = SyntheticImages.picture(320, 240, 1);
    BufferedImage b = SyntheticImages.picture(320, 240, 2);
    var fa = fingerprint("a.png", "sha-a", a, hashing);
    var fb = fingerprint("b.png", "sha-b", b, hashing);
    var copy = fingerprint("a-copy.png", "sha-a", a, hashing);
    var samePixels = fingerprint("a-other-bytes.png", "sha-x", a, hashing);
    var mirrored = fingerprint("b-mirror.png", "sha-m", TransformSuite.mirror(b), hashing);
    Dedup.Result r = Dedup.run(List.of(fa, copy, fb, samePixels, mirrored));
    assertThat(r.kept()).extracting(Dedup.Fingerprint::file).containsExactly("a.png", "b.png");
    assertThat(r.dropped()).extracting(Dedup.Dropped::reason)
        .containsExactly("exact-bytes", "pixel-identical", "near-duplicate");
    assertThat(r.dropped().get(2).duplicateOf()).isEqualTo("b.png");
    assertThat(r.dropped().get(2).variant()).isEqualTo("flipY");
  }

  private static Dedup.Fingerprint fingerprint(
      String file, String sha, BufferedImage img, Hashing hashing) {
    return new Dedup.Fingerprint(
        file, sha, RobustnessBenchmark.pixelDigest(img), hashing.hash(img, 0, false).pdq());
  }

  @Test
  void distractorsFolder_addsOnlyDistractors_dedupedAgainstTheCorpus() throws Exception {
    Files.createDirectories(dir.resolve("corpus"));
    Path extra = Files.createDirectories(dir.resolve("extra"));
    for (int i = 0; i < 4; i++) {
      ImageIO.write(SyntheticImages.picture(320, 240, 200 + i), "png",
          dir.resolve("corpus").resolve("c" + i + ".png").toFile());
    }
    ImageIO.write(SyntheticImages.picture(320, 240, 300), "png", extra.resolve("x0.png").toFile());
    ImageIO.write(SyntheticImages.picture(320, 240, 301), "png", extra.resolve("x1.png").toFile());
    Files.copy(dir.resolve("corpus").resolve("c0.png"), extra.resolve("c0.png"));
    Path json = dir.resolve("r.json");
    int status = RobustnessCommand.run(
        new String[] {"--corpus", dir.resolve("corpus").toString(), "--distractors",
            extra.toString(), "--out", json.toString()},
        null, TransformSuite.standard().subList(0, 1),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    JsonObject o = new JsonObject(Files.readString(json));
    JsonObject split = o.getJsonObject("split");
    List<String> bank = split.getJsonArray("bank").stream().map(String::valueOf).toList();
    List<String> distractors =
        split.getJsonArray("distractors").stream().map(String::valueOf).toList();
    assertThat(bank).hasSize(2).allMatch(f -> f.startsWith("c"));
    // the copy of c0 is a duplicate of the corpus image and is dropped
    assertThat(distractors).hasSize(4)
        .contains("distractors/x0.png", "distractors/x1.png")
        .doesNotContain("distractors/c0.png");

    assertThatThrownBy(() -> RobustnessCommand.run(
        new String[] {"--corpus", dir.resolve("corpus").toString(), "--distractors",
            Files.createDirectories(dir.resolve("empty")).toString()},
        null, TransformSuite.standard().subList(0, 1),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  @Test
  void parse_rejectsMissingCorpusAndUnknownOptions() {
    assertThatThrownBy(() -> RobustnessCommand.Options.parse(new String[] {"--seed", "1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--corpus");
    assertThatThrownBy(
            () -> RobustnessCommand.Options.parse(new String[] {"--corpus", "x", "--bogus", "1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--bogus");
  }
}

package org.hashmatch.hashing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hashmatch.hashing.ConformanceImages;
import org.hashmatch.hashing.ExactHashes;
import org.hashmatch.hashing.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {

  @TempDir Path dir;

  private record Run(int status, List<String> lines, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        HashCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status,
        out.toString(StandardCharsets.UTF_8).lines().toList(),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void run_goodAndBadFiles_oneLineEachInOrderAndNonZeroStatus() throws IOException {
    Path jpg = ConformanceImages.dir().resolve("images/bridge-mods/square-128x128.jpg");
    Path text = Files.writeString(dir.resolve("notes.png"), "just text\n");
    Path missing = dir.resolve("missing.jpg");
    Run r = run(jpg.toString(), text.toString(), missing.toString());

    assertThat(r.status()).isEqualTo(HashCommand.EXIT_SOME_FAILED);
    assertThat(r.lines()).hasSize(3);
    byte[] bytes = Files.readAllBytes(jpg);
    assertThat(r.lines().get(0))
        .isEqualTo(
            "{\"file\":\""
                + jpg
                + "\",\"pdq\":\"d8f8f1eec0f4a84f0e37022a078f63f0b36e2ed596621e1d33e6239c4e9c9b22\""
                + ",\"quality\":100,\"phash\":\"aca29c1c33dc23d7\",\"md5\":\""
                + ExactHashes.md5Hex(bytes)
                + "\",\"sha256\":\""
                + ExactHashes.sha256Hex(bytes)
                + "\",\"width\":128,\"height\":128}");
    assertThat(r.lines().get(1))
        .startsWith("{\"file\":\"" + text + "\",\"error\":{\"type\":\"unsupported-image\",\"detail\":\"")
        .endsWith("\"}}");
    assertThat(r.lines().get(2))
        .isEqualTo(
            "{\"file\":\"" + missing + "\",\"error\":{\"type\":\"io-error\",\"detail\":\"no such file\"}}");
  }

  @Test
  void run_dihedral_addsSevenVariantsInOrder() {
    Path jpg = ConformanceImages.dir().resolve("images/bridge-mods/square-128x128.jpg");
    Run r = run("--dihedral", jpg.toString());
    assertThat(r.status()).isZero();
    String line = r.lines().getFirst();
    assertThat(line)
        .containsSubsequence(
            "\"height\":128,\"pdqDihedral\":{",
            "\"rot90\":\"",
            "\"rot180\":\"",
            "\"rot270\":\"",
            "\"flipX\":\"",
            "\"flipY\":\"",
            "\"transpose\":\"",
            "\"transverse\":\"")
        .endsWith("\"}}")
        .doesNotContain("original");
    // From measured-cpp-cli-im6-dihedral.csv (128 px: no pre-resize in the CLI either).
    assertThat(line)
        .contains(
            "\"rot90\":\"30a11efd51c03d429053d48d0fffbc72e34e0e17ada956a9d69685211aa9e5af\"");
  }

  @Test
  void run_wrongExtension_contentDecides() throws IOException {
    Path png = dir.resolve("photo.jpg");
    Files.write(png, TestImages.encode(TestImages.photoLike(40, 30, 5), "png"));
    Run r = run(png.toString());
    assertThat(r.status()).isZero();
    assertThat(r.lines().getFirst()).contains("\"width\":40,\"height\":30");
  }

  @Test
  void run_maxPixels_refusesLargerImages() {
    Path jpg = ConformanceImages.dir().resolve("images/bridge-mods/square-128x128.jpg");
    Run r = run("--max-pixels", "1000", jpg.toString());
    assertThat(r.status()).isEqualTo(HashCommand.EXIT_SOME_FAILED);
    assertThat(r.lines().getFirst())
        .contains("\"error\":{\"type\":\"image-too-large\",\"detail\":\"image is 128x128");
  }

  @Test
  void run_truncatedFile_corruptImage() throws IOException {
    byte[] jpeg = TestImages.encode(TestImages.photoLike(64, 64, 6), "jpeg");
    Path cut = Files.write(dir.resolve("cut.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
    Run r = run(cut.toString());
    assertThat(r.lines().getFirst()).contains("\"type\":\"corrupt-image\"");
  }

  @Test
  void run_badArguments_usageStatus() {
    assertThat(run().status()).isEqualTo(HashCommand.EXIT_USAGE);
    assertThat(run("--max-pixels", "zero", "a.jpg").status()).isEqualTo(HashCommand.EXIT_USAGE);
    Run unknown = run("--fast", "a.jpg");
    assertThat(unknown.status()).isEqualTo(HashCommand.EXIT_USAGE);
    assertThat(unknown.err()).contains("unknown option '--fast'");
    assertThat(unknown.lines()).isEmpty();
  }

  @Test
  void quote_escapesQuotesBackslashesControlAndNonAscii() {
    StringBuilder sb = new StringBuilder();
    HashCommand.quote(sb, "a\"b\\c\nd\u0001é\uD83D\uDE00");
    assertThat(sb.toString()).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\\u00e9\\ud83d\\ude00\"");
  }
}

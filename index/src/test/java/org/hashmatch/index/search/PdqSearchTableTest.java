package org.hashmatch.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.index.search.Banks.Kind;
import org.junit.jupiter.api.Test;

class PdqSearchTableTest {

  private static List<Hash256> readHashes(Path file) throws IOException {
    List<Hash256> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(Hash256.fromHex(line.strip()));
      }
    }
    return out;
  }

  private static long[] words(List<Hash256> hashes) {
    long[] w = new long[4 * hashes.size()];
    for (int i = 0; i < hashes.size(); i++) {
      for (int k = 0; k < 4; k++) {
        w[4 * i + k] = hashes.get(i).word(k);
      }
    }
    return w;
  }

  @Test
  void search_conformanceHashlistsAtRadius32_givesExactly250ExpectedPairs() throws IOException {
    Path dir =
        Path.of(System.getProperty("hashmatch.conformance.dir", "../../shared/conformance/pdq"));
    List<Hash256> needles = readHashes(dir.resolve("hashlists/needles.txt"));
    List<Hash256> haystack = readHashes(dir.resolve("hashlists/haystack.txt"));
    TreeSet<String> expected = new TreeSet<>();
    List<String> csv =
        Files.readAllLines(dir.resolve("expected/hashlists-needles-vs-haystack-d32.csv"));
    for (String line : csv.subList(1, csv.size())) {
      if (!line.isBlank()) {
        expected.add(line.strip());
      }
    }
    assertThat(expected).hasSize(250);
    for (MultiIndex.Strategy strategy : MultiIndex.Strategy.values()) {
      long[] w = words(haystack);
      PdqSearchTable table =
          PdqSearchTable.build(
              w, haystack.size(), ChunkPlan.forSize(256, haystack.size()), strategy);
      TreeSet<String> got = new TreeSet<>();
      for (int n = 0; n < needles.size(); n++) {
        Hash256 q = needles.get(n);
        int needleLine = n + 1;
        table.search(
            q.w0(),
            q.w1(),
            q.w2(),
            q.w3(),
            32,
            (doc, dist) -> {
              assertThat(got.add(needleLine + "," + (doc + 1) + "," + dist)).isTrue();
            });
      }
      assertThat(got).as(strategy.name()).isEqualTo(expected);
    }
  }

  @Test
  void search_emptyTable_reportsNothing() {
    PdqSearchTable table = PdqSearchTable.build(new long[0], 0);
    SearchStats stats = new SearchStats();
    for (int r : new int[] {0, 31, 256}) {
      table.search(
          1,
          2,
          3,
          4,
          r,
          null,
          (d, x) -> {
            throw new AssertionError("hit " + d);
          },
          stats);
      table.search(
          new long[8],
          2,
          r,
          null,
          (d, x, p) -> {
            throw new AssertionError();
          },
          stats);
    }
    assertThat(table.size()).isZero();
    assertThat(stats.hits()).isZero();
  }

  @Test
  void search_sizeOne_findsItOnlyWithinRadius() {
    SplittableRandom rnd = new SplittableRandom(7);
    long[] h = Banks.weight128(rnd);
    for (MultiIndex.Strategy s : MultiIndex.Strategy.values()) {
      PdqSearchTable table = PdqSearchTable.build(h.clone(), 1, ChunkPlan.even(256, 16), s);
      long[] q = h.clone();
      Banks.flip(q, 10, rnd);
      List<Integer> hits = new ArrayList<>();
      table.search(q[0], q[1], q[2], q[3], 9, (d, x) -> hits.add(x));
      assertThat(hits).as(s.name()).isEmpty();
      table.search(q[0], q[1], q[2], q[3], 10, (d, x) -> hits.add(x));
      assertThat(hits).as(s.name()).containsExactly(10);
    }
  }

  @Test
  void search_duplicateHashes_reportsEveryCopyOnce() {
    long[] h = {1L, 2L, 3L, 4L};
    int n = 3000;
    long[] w = new long[4 * n];
    for (int d = 0; d < n; d++) {
      System.arraycopy(h, 0, w, 4 * d, 4);
    }
    PdqSearchTable table =
        PdqSearchTable.build(w, n, ChunkPlan.even(256, 11), MultiIndex.Strategy.ALWAYS_INDEX);
    int[] seen = new int[n];
    table.search(1L, 2L, 3L, 5L, 2, (d, x) -> seen[d]++);
    assertThat(seen).containsOnly(1);
  }

  @Test
  void search_radius256_reportsEveryDoc() {
    SplittableRandom rnd = new SplittableRandom(11);
    long[] bank = Banks.bank(Kind.UNIFORM, 2000, rnd);
    PdqSearchTable table = PdqSearchTable.build(bank, 2000);
    assertThat(table.usesIndex(256)).isFalse();
    int[] seen = new int[2000];
    table.search(0, 0, 0, 0, 256, (d, x) -> seen[d]++);
    table.search(0, 0, 0, 0, Integer.MAX_VALUE, (d, x) -> seen[d]++);
    assertThat(seen).containsOnly(2);
  }

  @Test
  void search_negativeRadius_throws() {
    PdqSearchTable table = PdqSearchTable.build(new long[4], 1);
    assertThatThrownBy(() -> table.search(0, 0, 0, 0, -1, (d, x) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got -1");
  }

  @Test
  void build_wordsTooShort_throwsWithCounts() {
    assertThatThrownBy(() -> PdqSearchTable.build(new long[7], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need 8 words for 2 hashes, got 7");
    assertThatThrownBy(() -> PdqSearchTable.build(new long[8], -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PdqSearchTable.build(new long[8], 2, ChunkPlan.even(64, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plan is for 64-bit hashes");
  }

  @Test
  void search_largeUniformBankRadius31_usesIndexAndEqualsScanWithFewCandidates() {
    SplittableRandom rnd = new SplittableRandom(20261125);
    int n = 200_000;
    long[] bank = Banks.bank(Kind.UNIFORM, n, rnd);
    PdqSearchTable table = PdqSearchTable.build(bank.clone(), n);
    assertThat(table.usesIndex(31)).isTrue();
    SearchStats index = new SearchStats();
    SearchStats scan = new SearchStats();
    for (long[] q : Banks.queries(bank, n, 30, 40, rnd)) {
      List<Long> a = new ArrayList<>();
      List<Long> b = new ArrayList<>();
      table.search(q[0], q[1], q[2], q[3], 31, null, (d, x) -> a.add(((long) d << 16) | x), index);
      table.scan(q[0], q[1], q[2], q[3], 31, null, (d, x) -> b.add(((long) d << 16) | x), scan);
      assertThat(a).containsExactlyInAnyOrderElementsOf(b);
    }
    assertThat(index.scans()).isZero();
    assertThat(scan.scans()).isEqualTo(30);
    assertThat(index.hits()).isEqualTo(scan.hits()).isPositive();
    // Uniform data: a few hundred candidates per query, versus 200k for the scan.
    assertThat(index.candidates() / 30).isLessThan(5_000);
  }

  @Test
  void word_returnsStoredHash_andChecksBounds() {
    long[] w = {1, 2, 3, 4, 5, 6, 7, 8};
    PdqSearchTable table = PdqSearchTable.build(w, 2);
    assertThat(table.word(1, 3)).isEqualTo(8);
    assertThatThrownBy(() -> table.word(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void ramBytesUsed_defaultPlanAtLargeSize_under90BytesPerHash() {
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 1 << 17;
    PdqSearchTable table = PdqSearchTable.build(Banks.bank(Kind.UNIFORM, n, rnd), n);
    assertThat(table.ramBytesUsed()).isGreaterThan(32L * n).isLessThan(100L * n);
  }
}

package org.hashmatch.index;

import java.nio.file.Path;
import java.util.List;

/**
 * Manual measurement, not a test: opens an existing index and times {@link HashIndex#get} and
 * {@link HashIndex#list} on one bank. Usage: {@code GetLoopMain <dir> <bank> <rounds>}.
 */
public final class GetLoopMain {
  private GetLoopMain() {}

  public static void main(String[] args) throws Exception {
    try (HashIndex index = HashIndex.open(Path.of(args[0]), IndexOptions.DEFAULT)) {
      String bank = args[1];
      int rounds = Integer.parseInt(args[2]);
      List<Entry> page = index.list(bank, null, 1000).entries();
      for (int round = 0; round < rounds; round++) {
        long t0 = System.nanoTime();
        for (Entry e : page) {
          if (index.get(bank, e.id()).isEmpty()) {
            throw new IllegalStateException("lost " + e.id());
          }
        }
        long t1 = System.nanoTime();
        index.list(bank, null, 1000);
        long t2 = System.nanoTime();
        System.out.printf(
            "round %d: get %.1f us, list(1000) %.1f ms%n",
            round, (t1 - t0) / 1e3 / page.size(), (t2 - t1) / 1e6);
      }
    }
  }
}

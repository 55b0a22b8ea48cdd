package org.hashmatch.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Manual measurement, not a test: latency of sequential single adds, and throughput of concurrent
 * adds sharing group commits. Usage: {@code AddLatencyMain <dir> <adds> <threads>}.
 */
public final class AddLatencyMain {
  private AddLatencyMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int adds = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    Random r = new Random(7);
    try (HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT)) {
      index.createBank(BankConfig.withDefaults("lat", Action.BLOCK));
      long t0 = System.nanoTime();
      for (int i = 0; i < adds; i++) {
        index.add("lat", EntryDraft.ofPdq(HashIndexTest.randomHash(r), 100, "t"));
      }
      long t1 = System.nanoTime();
      System.out.printf("sequential: %.2f ms per acknowledged add%n", (t1 - t0) / 1e6 / adds);
      try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
        List<Future<?>> fs = new ArrayList<>();
        long t2 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
          Random tr = new Random(t);
          fs.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < adds; i++) {
                      index.add("lat", EntryDraft.ofPdq(HashIndexTest.randomHash(tr), 100, "t"));
                    }
                  }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
        long t3 = System.nanoTime();
        System.out.printf(
            "%d threads: %.0f acknowledged adds/s (%.2f ms per add per thread)%n",
            threads,
            threads * adds / ((t3 - t2) / 1e9),
            (t3 - t2) / 1e6 / adds);
      }
    }
  }
}

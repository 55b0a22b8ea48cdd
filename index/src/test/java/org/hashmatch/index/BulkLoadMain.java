package org.hashmatch.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;

/**
 * Manual measurement, not a test: bulk-loads N synthetic PDQ entries into a fresh index and prints
 * the seconds taken, the index size on disk and one search's latency. Usage: {@code BulkLoadMain
 * <dir> <n> [ramBufferMb]}.
 */
public final class BulkLoadMain {
  private BulkLoadMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    double ramMb = args.length > 2 ? Double.parseDouble(args[2]) : 256;
    SplittableRandom r = new SplittableRandom(42);
    long t0 = System.nanoTime();
    try (HashIndex index = HashIndex.open(dir, new IndexOptions(50, ramMb))) {
      index.createBank(BankConfig.withDefaults("bulk", Action.BLOCK));
      Iterator<EntryDraft> it =
          new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
              return i < n;
            }

            @Override
            public EntryDraft next() {
              i++;
              return EntryDraft.ofPdq(
                  new Hash256(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()), 100, "bulk");
            }
          };
      long loaded = index.bulkLoad("bulk", it);
      long t1 = System.nanoTime();
      long bytes;
      try (Stream<Path> files = Files.list(dir)) {
        bytes = files.mapToLong(p -> p.toFile().length()).sum();
      }
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long heap = rt.totalMemory() - rt.freeMemory();
      long q0 = System.nanoTime();
      var hits =
          index.search(
              new MatchQuery(
                  java.util.Set.of(),
                  List.of(new PdqProbe(Dihedral.ORIGINAL, new Hash256(1, 2, 3, 4))),
                  null, null, null, OptionalInt.of(31)));
      long q1 = System.nanoTime();
      String extra = "";
      if (index instanceof org.hashmatch.index.store.LuceneHashIndex l) {
        extra = ",\"segments\":" + l.segmentCount() + ",\"searchHeapBytes\":" + l.searchHeapBytes();
      }
      System.out.printf(
          "{\"entries\":%d,\"loadSeconds\":%.1f,\"diskBytes\":%d,\"heapUsedBytes\":%d,"
              + "\"oneSearchMillis\":%.2f,\"hits\":%d%s}%n",
          loaded, (t1 - t0) / 1e9, bytes, heap, (q1 - q0) / 1e6, hits.size(), extra);
    }
  }
}

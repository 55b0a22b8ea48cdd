package org.hashmatch.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hashmatch.hashing.robust.PdqVariant;

/**
 * Child JVM of {@link CrashRecoveryTest}: performs an endless stream of adds, all-or-nothing batch
 * adds and removes from a few threads and prints one line per <em>acknowledged</em> operation,
 * flushed at once, until it is killed. Lines:
 *
 * <pre>
 *   READY
 *   ADD &lt;id&gt;
 *   BATCH &lt;reference&gt; &lt;id&gt;,&lt;id&gt;,...      (every draft of the batch carries the reference)
 *   REMOVING &lt;id&gt;                           (before the call: outcome unknown if killed now)
 *   REMOVE &lt;id&gt;
 *   CREATED &lt;bank&gt;                           (a churn bank, then filled with one batch)
 *   FILLED &lt;bank&gt; &lt;reference&gt;
 *   DELETING &lt;bank&gt;                         (before the call: outcome unknown if killed now)
 *   DELETED &lt;bank&gt;
 * </pre>
 *
 * Usage: {@code CrashChild <dir> <seed>}.
 */
public final class CrashChild {

  static final String BANK = "crash";
  static final int BATCH_SIZE = 5;
  static final int THREADS = 3;

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    HashIndex index = HashIndex.open(dir, IndexOptions.DEFAULT);
    if (index.bank(BANK).isEmpty()) {
      index.createBank(BankConfig.withDefaults(BANK, Action.BLOCK));
    }
    say("READY");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Random r = new Random(seed * 31 + t);
      String prefix = "s" + seed + "-t" + t + "-";
      threads.add(Thread.ofPlatform().start(() -> work(index, r, prefix)));
    }
    Random churn = new Random(seed * 31 + THREADS);
    threads.add(Thread.ofPlatform().start(() -> churnBanks(index, churn, "s" + seed + "-")));
    for (Thread t : threads) {
      t.join();
    }
  }

  /** Creates a bank, fills it with one batch and deletes it, over and over. */
  private static void churnBanks(HashIndex index, Random r, String prefix) {
    for (int i = 0; ; i++) {
      String bank = "churn-" + prefix + i;
      index.createBank(BankConfig.withDefaults(bank, Action.REVIEW));
      say("CREATED " + bank);
      String ref = "churn-" + prefix + i;
      List<EntryDraft> drafts = new ArrayList<>();
      for (int j = 0; j < BATCH_SIZE; j++) {
        drafts.add(draft(r, ref));
      }
      index.addAll(bank, drafts);
      say("FILLED " + bank + " " + ref);
      say("DELETING " + bank);
      index.deleteBank(bank);
      say("DELETED " + bank);
    }
  }

  private static void work(HashIndex index, Random r, String prefix) {
    List<String> mine = new ArrayList<>();
    for (int op = 0; ; op++) {
      int kind = r.nextInt(10);
      if (kind < 5) {
        Entry e = index.add(BANK, draft(r, null));
        mine.add(e.id());
        say("ADD " + e.id());
      } else if (kind < 8) {
        String ref = prefix + op;
        List<EntryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < BATCH_SIZE; i++) {
          drafts.add(draft(r, ref));
        }
        List<Entry> added = index.addAll(BANK, drafts);
        StringBuilder ids = new StringBuilder();
        for (Entry e : added) {
          mine.add(e.id());
          ids.append(ids.isEmpty() ? "" : ",").append(e.id());
        }
        say("BATCH " + ref + " " + ids);
      } else if (!mine.isEmpty()) {
        String id = mine.remove(r.nextInt(mine.size()));
        say("REMOVING " + id);
        index.remove(BANK, id);
        say("REMOVE " + id);
      }
    }
  }

  private static EntryDraft draft(Random r, String reference) {
    // half the entries carry PDQ variants, which must survive (and vanish) with their entry
    List<PdqVariant> variants = new ArrayList<>();
    for (int k = r.nextInt(2) * (1 + r.nextInt(3)); k > 0; k--) {
      variants.add(new PdqVariant("v" + k, HashIndexTest.randomHash(r), r.nextInt(101)));
    }
    return new EntryDraft(
        HashIndexTest.randomHash(r),
        r.nextInt(101),
        null,
        null,
        null,
        reference,
        "crash-test",
        null,
        "child",
        Map.of("n", Integer.toString(r.nextInt())),
        variants);
  }

  private static void say(String line) {
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }
}

package org.hashmatch.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;

/**
 * The oracle: {@link HashIndex#search} semantics as a plain loop over every stored entry. Results
 * are compared as {@link Key}s (signal, entry id, distance, variant).
 */
final class LinearScan {

  record Key(Signal signal, String entryId, int distance, Object variant) {}

  private LinearScan() {}

  /** Every entry of every bank in {@code index}, read through {@link HashIndex#list}. */
  static List<Entry> allEntries(HashIndex index) {
    List<Entry> all = new ArrayList<>();
    for (BankConfig b : index.banks()) {
      String cursor = null;
      do {
        EntryPage page = index.list(b.name(), cursor, 1000);
        all.addAll(page.entries());
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    return all;
  }

  static Set<Key> search(Collection<Entry> entries, Map<String, BankConfig> banks, MatchQuery q) {
    Set<Key> out = new java.util.HashSet<>();
    for (Entry e : entries) {
      BankConfig b = banks.get(e.bank());
      if (b == null || !b.enabled() || (!q.banks().isEmpty() && !q.banks().contains(e.bank()))) {
        continue;
      }
      Hash256 pdq = e.pdq();
      if (pdq != null && !q.pdq().isEmpty()) {
        int radius = q.pdqRadiusOverride().orElse(b.pdqRadius());
        int best = Integer.MAX_VALUE;
        PdqProbe bestProbe = null;
        for (PdqProbe p : q.pdq()) {
          int d = p.hash().distance(pdq);
          if (d < best) {
            best = d;
            bestProbe = p;
          }
        }
        if (best <= radius) {
          out.add(new Key(Signal.PDQ, e.id(), best, bestProbe.variant()));
        }
      }
      Hash64 ph = e.phash();
      if (ph != null && q.phash() != null) {
        int d = ph.distance(q.phash());
        if (d <= b.phashRadius()) {
          out.add(new Key(Signal.PHASH, e.id(), d, "none"));
        }
      }
      if (e.md5() != null && e.md5().equals(q.md5())) {
        out.add(new Key(Signal.MD5, e.id(), 0, "none"));
      }
      if (e.sha256() != null && e.sha256().equals(q.sha256())) {
        out.add(new Key(Signal.SHA256, e.id(), 0, "none"));
      }
    }
    return out;
  }

  static Set<Key> keys(List<Match> matches) {
    Set<Key> out = new java.util.HashSet<>();
    for (Match m : matches) {
      Key k =
          new Key(
              m.signal(),
              m.entry().id(),
              m.distance(),
              m.variant() == null ? "none" : m.variant());
      if (!out.add(k)) {
        throw new AssertionError("duplicate match " + k);
      }
    }
    return out;
  }
}

package org.hashmatch.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.robust.PdqVariant;

/**
 * The oracle: {@link HashIndex#search} semantics as a plain loop over every stored entry and every
 * stored hash (primary, then variants). Results are compared as {@link Key}s (signal, entry id,
 * distance, dihedral variant, trimmed, entry variant), so the tie-break is checked too.
 */
final class LinearScan {

  record Key(
      Signal signal,
      String entryId,
      int distance,
      Object variant,
      boolean trimmed,
      String entryVariant) {}

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
        // Stored hashes in tie-break order: the primary, then the variants as stored.
        List<Hash256> stored = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        stored.add(pdq);
        labels.add("primary");
        for (PdqVariant v : e.pdqVariants()) {
          stored.add(v.hash());
          labels.add(v.label());
        }
        int best = Integer.MAX_VALUE;
        PdqProbe bestProbe = null;
        String bestLabel = null;
        for (PdqProbe p : q.pdq()) {
          for (int k = 0; k < stored.size(); k++) {
            int d = p.hash().distance(stored.get(k));
            if (d < best) {
              best = d;
              bestProbe = p;
              bestLabel = labels.get(k);
            }
          }
        }
        if (best <= radius) {
          out.add(
              new Key(
                  Signal.PDQ, e.id(), best, bestProbe.variant(), bestProbe.trimmed(), bestLabel));
        }
      }
      Hash64 ph = e.phash();
      if (ph != null && q.phash() != null) {
        int d = ph.distance(q.phash());
        if (d <= b.phashRadius()) {
          out.add(new Key(Signal.PHASH, e.id(), d, "none", false, "primary"));
        }
      }
      if (e.md5() != null && e.md5().equals(q.md5())) {
        out.add(new Key(Signal.MD5, e.id(), 0, "none", false, "primary"));
      }
      if (e.sha256() != null && e.sha256().equals(q.sha256())) {
        out.add(new Key(Signal.SHA256, e.id(), 0, "none", false, "primary"));
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
              m.variant() == null ? "none" : m.variant(),
              m.trimmed(),
              m.entryVariant() == null ? "primary" : m.entryVariant());
      if (!out.add(k)) {
        throw new AssertionError("duplicate match " + k);
      }
    }
    return out;
  }
}

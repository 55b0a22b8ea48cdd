package org.hashmatch.service.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.BankNotFoundException;
import org.hashmatch.index.HashIndex;
import org.hashmatch.index.Match;
import org.hashmatch.index.MatchQuery;
import org.hashmatch.index.PdqProbe;

/**
 * Runs match queries against the index with the service's semantics.
 *
 * <ul>
 *   <li>Banks: the named ones (an unknown name fails with {@link BankNotFoundException}), or every
 *       bank when none is named. Disabled banks are never searched.
 *   <li>Quality: in a bank whose {@code minQuality} exceeds the query's PDQ quality, the probes of
 *       the image as given are not searched; likewise the trimmed image's probes against its own
 *       quality. A bank where no PDQ probe passes is searched for the exact hashes (MD5, SHA-256)
 *       only and reported in {@link MatchOutcome#belowQualityBanks()} instead of silently
 *       dropping it; a bank where only one of the two passes is searched with those probes and
 *       not reported. The pHash is gated with the PDQ: it has no quality measure of its own, and
 *       an image without perceptual content (flat, or a plain box in a frame) gives a degenerate
 *       pHash that equals those of other such images. A query without a PDQ hash (JSON) has
 *       nothing to gate on and searches its pHash everywhere.
 *   <li>Decision: see {@link Decision}.
 * </ul>
 *
 * Blocking (it calls the index): run on the "index" worker pool. Thread-safe.
 */
public final class MatchEngine {

  private static final Comparator<Match> ORDER =
      Comparator.comparingInt(Match::distance)
          .thenComparing(m -> m.entry().bank())
          .thenComparing(m -> m.entry().id())
          .thenComparing(m -> m.signal());

  private final HashIndex index;
  private final LongConsumer searchNanos;

  /**
   * @param searchNanos receives the duration of every index search, for metrics
   */
  public MatchEngine(HashIndex index, LongConsumer searchNanos) {
    this.index = index;
    this.searchNanos = searchNanos;
  }

  /**
   * Matches one query.
   *
   * @param banks banks to search; empty means all
   * @throws BankNotFoundException if a named bank does not exist
   */
  public MatchOutcome match(QueryHashes q, Set<String> banks) {
    return matchAll(List.of(q), banks).getFirst();
  }

  /**
   * Matches queries in order against one snapshot of the bank settings.
   *
   * @throws BankNotFoundException if a named bank does not exist
   */
  public List<MatchOutcome> matchAll(List<QueryHashes> queries, Set<String> banks) {
    Map<String, BankConfig> all = new HashMap<>();
    for (BankConfig b : index.banks()) {
      all.put(b.name(), b);
    }
    List<BankConfig> targets = new ArrayList<>();
    if (banks.isEmpty()) {
      targets.addAll(all.values());
    } else {
      for (String name : new TreeSet<>(banks)) {
        BankConfig b = all.get(name);
        if (b == null) {
          throw new BankNotFoundException("no bank named '" + name + "'");
        }
        targets.add(b);
      }
    }
    targets.removeIf(b -> !b.enabled());
    List<MatchOutcome> out = new ArrayList<>(queries.size());
    for (QueryHashes q : queries) {
      out.add(matchOne(q, targets, all));
    }
    return out;
  }

  private MatchOutcome matchOne(QueryHashes q, List<BankConfig> targets, Map<String, BankConfig> all) {
    // Banks grouped by which probes pass their quality gate: the untrimmed probes need
    // q.quality() >= minQuality, the trimmed ones q.trimmedQuality(). Usually every bank has the
    // same gate and this is one search.
    List<PdqProbe> original = q.probes().stream().filter(p -> !p.trimmed()).toList();
    List<PdqProbe> trimmed = q.probes().stream().filter(PdqProbe::trimmed).toList();
    Set<String> both = new LinkedHashSet<>();
    Set<String> originalOnly = new LinkedHashSet<>();
    Set<String> trimmedOnly = new LinkedHashSet<>();
    Set<String> lowBanks = new TreeSet<>();
    for (BankConfig b : targets) {
      if (q.pdq() == null) {
        both.add(b.name()); // no PDQ hash: nothing to gate, the other hashes are searched
        continue;
      }
      boolean originalOk = !original.isEmpty() && q.quality() >= b.minQuality();
      boolean trimmedOk = !trimmed.isEmpty() && q.trimmedQuality() >= b.minQuality();
      if (originalOk && trimmedOk) {
        both.add(b.name());
      } else if (originalOk) {
        originalOnly.add(b.name());
      } else if (trimmedOk) {
        trimmedOnly.add(b.name());
      } else {
        lowBanks.add(b.name());
      }
    }
    List<Match> matches = new ArrayList<>();
    if (!both.isEmpty()) {
      matches.addAll(search(q, both, q.probes()));
    }
    if (!originalOnly.isEmpty()) {
      matches.addAll(search(q, originalOnly, original));
    }
    if (!trimmedOnly.isEmpty()) {
      matches.addAll(search(q, trimmedOnly, trimmed));
    }
    if (!lowBanks.isEmpty() && (q.md5() != null || q.sha256() != null)) {
      matches.addAll(search(
          new MatchQuery(lowBanks, List.of(), null, q.md5(), q.sha256(), OptionalInt.empty())));
    }
    matches.sort(ORDER);
    List<Action> actions = new ArrayList<>(matches.size());
    boolean allow = false;
    boolean block = false;
    boolean review = false;
    for (Match m : matches) {
      BankConfig b = all.get(m.entry().bank());
      // A bank deleted between banks() and search(): its matches count as review, never silently.
      Action a = b == null ? Action.REVIEW : b.action();
      actions.add(a);
      switch (a) {
        case ALLOW -> allow = true;
        case BLOCK -> block = true;
        case REVIEW -> review = true;
      }
    }
    Decision d = allow ? Decision.ALLOW : block ? Decision.BLOCK : review ? Decision.REVIEW : Decision.NONE;
    return new MatchOutcome(d, matches, actions, new ArrayList<>(lowBanks));
  }

  private List<Match> search(QueryHashes q, Set<String> banks, List<PdqProbe> probes) {
    return search(
        new MatchQuery(banks, probes, q.phash(), q.md5(), q.sha256(), OptionalInt.empty()));
  }

  private List<Match> search(MatchQuery query) {
    long t0 = System.nanoTime();
    try {
      return index.search(query);
    } finally {
      searchNanos.accept(System.nanoTime() - t0);
    }
  }
}

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

/**
 * Runs match queries against the index with the service's semantics.
 *
 * <ul>
 *   <li>Banks: the named ones (an unknown name fails with {@link BankNotFoundException}), or every
 *       bank when none is named. Disabled banks are never searched.
 *   <li>Quality: in a bank whose {@code minQuality} exceeds the query's PDQ quality, the PDQ hash
 *       is not searched (its other hashes are) and the bank is reported in {@link
 *       MatchOutcome#belowQualityBanks()} instead of silently dropping it.
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
    Set<String> pdqBanks = new LinkedHashSet<>();
    Set<String> lowBanks = new TreeSet<>();
    for (BankConfig b : targets) {
      if (q.pdq() != null && q.quality() < b.minQuality()) {
        lowBanks.add(b.name());
      } else {
        pdqBanks.add(b.name());
      }
    }
    List<Match> matches = new ArrayList<>();
    if (!pdqBanks.isEmpty()) {
      matches.addAll(search(new MatchQuery(
          pdqBanks, q.probes(), q.phash(), q.md5(), q.sha256(), OptionalInt.empty())));
    }
    boolean otherHashes = q.phash() != null || q.md5() != null || q.sha256() != null;
    if (!lowBanks.isEmpty() && otherHashes) {
      matches.addAll(search(new MatchQuery(
          lowBanks, List.of(), q.phash(), q.md5(), q.sha256(), OptionalInt.empty())));
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

  private List<Match> search(MatchQuery query) {
    long t0 = System.nanoTime();
    try {
      return index.search(query);
    } finally {
      searchNanos.accept(System.nanoTime() - t0);
    }
  }
}

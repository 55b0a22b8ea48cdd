package org.hashmatch.service.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *   <li>Quality, a tiered gate per bank and per probe set (the probes of the image as given on
 *       the query's PDQ quality, those of the trimmed image on the trimmed image's quality): at or
 *       above the bank's {@code minQuality} the probes are searched at the bank's {@code
 *       pdqRadius}; in [{@link #LOW_QUALITY_FLOOR}, {@code minQuality}) they are searched within
 *       {@code min(pdqRadius, }{@link #LOW_QUALITY_RADIUS}{@code )} only; below both they are
 *       not searched (a bank whose {@code minQuality} is under the floor has no low tier). A bank
 *       where no PDQ probe is searched at all is searched for the exact hashes (MD5, SHA-256) only
 *       and reported in {@link MatchOutcome#belowQualityBanks()} instead of silently dropping it; a bank searched with some probes, or only at the low
 *       tier's radius, is not reported. The pHash is searched only where a probe set passes the
 *       full gate: it has no quality measure of its own, and an image without perceptual content
 *       (flat, or a plain box in a frame) gives a degenerate pHash that equals those of other such
 *       images. A query without a PDQ hash (JSON) has nothing to gate on and searches its pHash
 *       everywhere.
 *   <li>Decision: see {@link Decision}.
 * </ul>
 *
 * Blocking (it calls the index): run on the "index" worker pool. Thread-safe.
 */
public final class MatchEngine {

  /** PDQ probes below this quality and the bank's {@code minQuality} are not searched. */
  public static final int LOW_QUALITY_FLOOR = 15;

  /**
   * A PDQ probe with a quality in [{@link #LOW_QUALITY_FLOOR}, the bank's {@code minQuality}) is
   * searched within {@code min(pdqRadius, LOW_QUALITY_RADIUS)}.
   */
  public static final int LOW_QUALITY_RADIUS = 20;

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

  /** How a probe set (untrimmed or trimmed) is searched in one bank. */
  private enum Tier {
    /** At the bank's PDQ radius, with the pHash. */
    FULL,
    /** At {@code min(pdqRadius, LOW_QUALITY_RADIUS)}, PDQ only. */
    LOW,
    /** Not searched. */
    NONE
  }

  /** Banks that search the same probes at the same radii. */
  private record Group(Tier original, Tier trimmed, int lowRadius) {}

  private static void addTo(
      Tier tier, List<PdqProbe> probes, List<PdqProbe> full, List<PdqProbe> low) {
    switch (tier) {
      case FULL -> full.addAll(probes);
      case LOW -> low.addAll(probes);
      case NONE -> {}
    }
  }

  private static Tier tier(boolean present, int quality, BankConfig b) {
    if (!present) {
      return Tier.NONE;
    }
    if (quality >= b.minQuality()) {
      return Tier.FULL;
    }
    return quality >= LOW_QUALITY_FLOOR ? Tier.LOW : Tier.NONE;
  }

  private MatchOutcome matchOne(QueryHashes q, List<BankConfig> targets, Map<String, BankConfig> all) {
    // Banks grouped by how each probe set passes their gate: the untrimmed probes on q.quality(),
    // the trimmed ones on q.trimmedQuality(). Usually every bank has the same gate and radius and
    // this is one search (two when one probe set is in the low tier).
    List<PdqProbe> original = q.probes().stream().filter(p -> !p.trimmed()).toList();
    List<PdqProbe> trimmed = q.probes().stream().filter(PdqProbe::trimmed).toList();
    Map<Group, Set<String>> groups = new LinkedHashMap<>();
    Set<String> noPdq = new LinkedHashSet<>();
    Set<String> lowBanks = new TreeSet<>();
    for (BankConfig b : targets) {
      if (q.pdq() == null) {
        noPdq.add(b.name()); // no PDQ hash: nothing to gate, the other hashes are searched
        continue;
      }
      Tier o = tier(!original.isEmpty(), q.quality(), b);
      Tier t = tier(!trimmed.isEmpty(), q.trimmedQuality(), b);
      if (o == Tier.NONE && t == Tier.NONE) {
        lowBanks.add(b.name());
        continue;
      }
      int lowRadius =
          o == Tier.LOW || t == Tier.LOW ? Math.min(b.pdqRadius(), LOW_QUALITY_RADIUS) : 0;
      groups.computeIfAbsent(new Group(o, t, lowRadius), k -> new LinkedHashSet<>())
          .add(b.name());
    }
    List<Match> matches = new ArrayList<>();
    if (!noPdq.isEmpty()) {
      matches.addAll(search(new MatchQuery(
          noPdq, List.of(), q.phash(), q.md5(), q.sha256(), OptionalInt.empty())));
    }
    for (Map.Entry<Group, Set<String>> g : groups.entrySet()) {
      Group k = g.getKey();
      List<PdqProbe> full = new ArrayList<>();
      List<PdqProbe> low = new ArrayList<>();
      addTo(k.original(), original, full, low);
      addTo(k.trimmed(), trimmed, full, low);
      if (!full.isEmpty()) {
        matches.addAll(search(new MatchQuery(
            g.getValue(), full, q.phash(), q.md5(), q.sha256(), OptionalInt.empty())));
      }
      if (!low.isEmpty()) {
        // The pHash has no quality of its own and stays off; the exact hashes go with the full
        // search when there is one.
        boolean exactDone = !full.isEmpty();
        matches.addAll(search(new MatchQuery(g.getValue(), low, null,
            exactDone ? null : q.md5(), exactDone ? null : q.sha256(),
            OptionalInt.of(k.lowRadius()))));
      }
    }
    if (!lowBanks.isEmpty() && (q.md5() != null || q.sha256() != null)) {
      matches.addAll(search(
          new MatchQuery(lowBanks, List.of(), null, q.md5(), q.sha256(), OptionalInt.empty())));
    }
    matches.sort(ORDER);
    dropRepeats(matches);
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

  /**
   * Keeps the first (closest) match per entry and signal: an entry can be found by both the full
   * and the low-tier search of a bank.
   */
  private static void dropRepeats(List<Match> sorted) {
    Set<List<Object>> seen = new HashSet<>();
    sorted.removeIf(m -> !seen.add(List.of(m.entry().bank(), m.entry().id(), m.signal())));
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

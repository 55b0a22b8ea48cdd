package org.hashmatch.index.search;

/**
 * Work counters that a search adds to when given one: how many chunk values were probed, how many
 * candidates were verified by popcount (with multiplicity: a document found through two chunks
 * counts twice), and how many searches fell back to a linear scan (whose verified documents are
 * counted as candidates too).
 *
 * <p>Not thread-safe: use one per thread. Counters are updated once per search, not per candidate.
 */
public final class SearchStats {

  private long searches;
  private long scans;
  private long probes;
  private long candidates;
  private long hits;

  void add(long probesDone, long candidatesVerified, long hitsReported, boolean scanned) {
    searches++;
    if (scanned) {
      scans++;
    }
    probes += probesDone;
    candidates += candidatesVerified;
    hits += hitsReported;
  }

  /** Searches recorded (one per query hash, so a query with 8 dihedral probes counts 8). */
  public long searches() {
    return searches;
  }

  /** Searches answered by a linear scan. */
  public long scans() {
    return scans;
  }

  /** Chunk values looked up. */
  public long probes() {
    return probes;
  }

  /** Hashes compared with the query. */
  public long candidates() {
    return candidates;
  }

  /** Hits reported (before de-duplication across dihedral probes). */
  public long hits() {
    return hits;
  }

  /** Sets every counter to zero. */
  public void reset() {
    searches = scans = probes = candidates = hits = 0;
  }

  @Override
  public String toString() {
    return "SearchStats[searches="
        + searches
        + ", scans="
        + scans
        + ", probes="
        + probes
        + ", candidates="
        + candidates
        + ", hits="
        + hits
        + "]";
  }
}

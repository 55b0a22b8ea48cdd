package org.hashmatch.index;

/**
 * Tuning of an open index.
 *
 * @param maxRefreshMillis upper bound on how long an acknowledged change may stay invisible to
 *     searches (the freshness promise is 100 ms)
 * @param ramBufferMb Lucene indexing buffer
 */
public record IndexOptions(long maxRefreshMillis, double ramBufferMb) {

  public static final IndexOptions DEFAULT = new IndexOptions(50, 64);

  public IndexOptions {
    if (maxRefreshMillis <= 0 || maxRefreshMillis > 100) {
      throw new IllegalArgumentException(
          "maxRefreshMillis must be in (0, 100], got " + maxRefreshMillis);
    }
    if (ramBufferMb < 1) {
      throw new IllegalArgumentException("ramBufferMb must be at least 1, got " + ramBufferMb);
    }
  }
}

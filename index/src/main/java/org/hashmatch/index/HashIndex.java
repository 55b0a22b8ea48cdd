package org.hashmatch.index;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The exact near-duplicate index over all banks, stored in one directory.
 *
 * <p>Every method is thread-safe. Changes ({@code create/update/deleteBank}, {@code add*}, {@code
 * remove}) return only once they are durable (they survive {@code kill -9} and power loss); from
 * then on they are visible to searches within {@link IndexOptions#maxRefreshMillis()}. Searches are
 * exact: every entry within the radius is returned, the same set a linear scan would find.
 */
public interface HashIndex extends Closeable {

  /**
   * Opens (creating if needed) the index stored under {@code dir}, recovering any change that was
   * acknowledged before a crash. The implementation is {@link
   * org.hashmatch.index.store.LuceneHashIndex} (one Lucene index directory, group commit,
   * per-segment search tables); see there for durability, freshness and cost.
   *
   * @throws CorruptBankException if stored data fails its checks
   * @throws FormatVersionException if stored data is of an unreadable version
   * @throws IndexUnavailableException if the directory is already open (in this or another process)
   *     or cannot be read
   */
  static HashIndex open(Path dir, IndexOptions options) {
    return org.hashmatch.index.store.LuceneHashIndex.open(dir, options);
  }

  // ---- banks

  /** All banks, by name. */
  List<BankConfig> banks();

  /** The bank of this name, if any. */
  Optional<BankConfig> bank(String name);

  /**
   * Creates a bank.
   *
   * @throws BankExistsException if the name is taken
   */
  BankConfig createBank(BankConfig config);

  /**
   * Changes a bank's settings.
   *
   * @throws BankNotFoundException if there is no such bank
   */
  BankConfig updateBank(String name, BankPatch patch);

  /**
   * Deletes a bank and all its entries, atomically.
   *
   * @throws BankNotFoundException if there is no such bank
   */
  void deleteBank(String name);

  /**
   * Number of entries in the bank (PDQ variants are part of their entry, not counted).
   *
   * @throws BankNotFoundException if there is no such bank
   */
  long size(String bank);

  // ---- entries

  /**
   * Adds one entry; durable on return.
   *
   * @throws BankNotFoundException if there is no such bank
   */
  Entry add(String bank, EntryDraft draft);

  /**
   * Adds entries all-or-nothing with one durable commit (group commit); durable on return.
   *
   * @throws BankNotFoundException if there is no such bank
   */
  List<Entry> addAll(String bank, List<EntryDraft> drafts);

  /**
   * Streams a large number of entries into a bank without holding them all on the heap; durable on
   * return. Not atomic: on failure, a prefix may have been added.
   *
   * @return the number of entries added
   * @throws BankNotFoundException if there is no such bank
   */
  long bulkLoad(String bank, Iterator<EntryDraft> drafts);

  /**
   * Merges the index into as few segments as possible and makes the result durable and
   * searchable. A maintenance step for after large bulk loads: every segment costs one
   * multi-index lookup per query, so one large segment answers faster than several. It rewrites
   * the whole index (temporarily doubling its disk use) and rebuilds the search tables of the merged
   * segment; searches and writes go on meanwhile, but acknowledgements wait for that rebuild.
   *
   * @return the number of segments afterwards
   */
  int compact();

  /** The entry, if it exists in that bank. */
  Optional<Entry> get(String bank, String entryId);

  /**
   * Removes an entry with its PDQ variants, atomically; durable on return.
   *
   * @throws BankNotFoundException if there is no such bank
   * @throws EntryNotFoundException if there is no such entry in it
   */
  Entry remove(String bank, String entryId);

  /**
   * A page of a bank's entries, in a stable order.
   *
   * @param cursor null for the first page, else the previous page's {@code nextCursor}
   * @param limit 1..1000
   * @throws BankNotFoundException if there is no such bank
   * @throws IllegalArgumentException for a malformed cursor or limit
   */
  EntryPage list(String bank, @Nullable String cursor, int limit);

  // ---- search

  /**
   * Every entry matching the query: PDQ within each bank's PDQ radius (or the override) of the
   * entry's primary hash or of any of its {@link Entry#pdqVariants() variants}, pHash within each
   * bank's pHash radius, MD5 and SHA-256 exactly. One {@link Match} per entry and signal, carrying
   * the smallest distance over every (probe, stored hash) pair (ties: the earliest probe in query
   * order, then the primary hash before the variants, variants in stored order); {@link
   * Match#variant()}, {@link Match#trimmed()} and {@link Match#entryVariant()} name that pair.
   * Disabled banks are never searched.
   *
   * @throws BankNotFoundException if a named bank does not exist
   * @throws IllegalArgumentException if {@code pdqRadiusOverride} is outside 0..256
   */
  List<Match> search(MatchQuery query);
}

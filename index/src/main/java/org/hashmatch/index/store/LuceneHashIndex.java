package org.hashmatch.index.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesSkipper;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.BankExistsException;
import org.hashmatch.index.BankNotFoundException;
import org.hashmatch.index.BankPatch;
import org.hashmatch.index.CorruptBankException;
import org.hashmatch.index.Entry;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.EntryNotFoundException;
import org.hashmatch.index.EntryPage;
import org.hashmatch.index.FormatVersionException;
import org.hashmatch.index.HashIndex;
import org.hashmatch.index.IndexException;
import org.hashmatch.index.IndexOptions;
import org.hashmatch.index.IndexUnavailableException;
import org.hashmatch.index.Match;
import org.hashmatch.index.MatchQuery;
import org.hashmatch.index.PdqProbe;
import org.hashmatch.index.Provenance;
import org.hashmatch.index.Signal;
import org.hashmatch.index.search.Hash64SearchTable;
import org.hashmatch.index.search.PdqSearchTable;
import org.jspecify.annotations.Nullable;

/**
 * {@link HashIndex} stored in one Lucene index directory.
 *
 * <h2>Storage</h2>
 *
 * Entries are Lucene documents ({@link EntryFields}); bank settings and the entry-id high-water
 * mark are the commit user data ({@link BankCatalogFormatV1}), so a bank and its entries always
 * change in the same commit. There is no second database and no write-ahead log.
 *
 * <h2>Durability: group commit</h2>
 *
 * A change is applied to the {@link IndexWriter} and the calling thread then waits for the {@link
 * GroupCommitter}, whose single thread commits everything that has accumulated with one fsync'd
 * {@link IndexWriter#commit()} (Lucene syncs every new file and the directory, then writes and
 * syncs {@code segments_N}) and completes all waiting callers. A method returns only after the
 * commit holding its change is on stable storage, so the change survives {@code kill -9} and power
 * loss; concurrent callers share commits, and {@link #bulkLoad} commits once at its end. We chose
 * this over a write-ahead log because Lucene's commit already is an atomic, checksummed, fsync'd
 * durable point: a log would duplicate it, add a recovery path and a format to maintain, and buy
 * only lower per-add latency, which group commit already amortises.
 *
 * <h2>Freshness</h2>
 *
 * Searches read the latest <em>commit</em> (a {@link SearcherManager} over the directory, not an
 * NRT reader): the committer refreshes it right after each commit and before acknowledging, so an
 * acknowledged change is visible to the next search (freshness 0 ms, within any {@link
 * IndexOptions#maxRefreshMillis()}), and a search never sees a change that is not yet durable, nor
 * half of an {@link #addAll} batch (Lucene adds a block atomically). Reading commits rather than
 * the writer's NRT view also keeps refreshes from flushing tiny segments during a bulk load.
 *
 * <p>A call that fails with an exception was not acknowledged; its change may still become durable
 * with a later commit (for example after a transient I/O error), or be lost.
 *
 * <h2>Search</h2>
 *
 * Each segment gets its {@link SegmentTables} (PDQ {@link PdqSearchTable}, pHash {@link
 * Hash64SearchTable}, per-doc bank ordinal) when a refreshed reader first contains it ({@link
 * TableCache}, keyed by the segment core, evicted when the core closes): a change costs the tables
 * of its new small segment, a delete costs nothing but new live docs, and merged segments get
 * theirs once. A query runs one multi-probe search per segment (all dihedral probes at once) with
 * the largest radius among the searched banks, skipping deleted documents through the live docs,
 * then drops hits in an unsearched bank or beyond their own bank's radius. Stored fields are read
 * only for matches.
 *
 * <p>An entry's PDQ variants are further rows of its segment's PDQ table ({@link EntryFields},
 * {@link SegmentTables}). Only a segment that holds variants takes the slower path, which reduces
 * the hits of a document's rows to its best (distance, probe, primary-before-variants) in a small
 * map; a segment without variants is searched exactly as before, with no per-hit cost added.
 *
 * <h2>Bulk load</h2>
 *
 * {@link #bulkLoad} streams the iterator through {@link BulkLoader} (a few indexing threads, a
 * bounded queue of draft batches), lets Lucene flush segments by {@link
 * IndexOptions#ramBufferMb()}, and commits once at the end. If it fails, some of the entries may
 * have been added (all those before the failing draft, when the iterator throws).
 *
 * <h2>Concurrency</h2>
 *
 * All methods are thread-safe. Per bank a read-write lock orders entry changes (read side, held
 * only while applying to the writer) before a bank deletion (write side); a catalog lock serialises
 * bank creation, update and deletion; a commit lock makes a bank deletion (term delete + catalog
 * change) atomic with respect to a concurrent commit. Of concurrent {@link #remove} calls for the
 * same entry exactly one succeeds.
 */
/*
 * Measurements (provisional: a shared 2-core machine whose load average from other builds varied
 * between 4 and 17 during the runs; JDK 25, uniform random PDQ-only entries, ramBufferMb 256,
 * BulkLoadMain in the test sources; "load" = bulkLoad including its commit and the search-table
 * build of the refreshed reader):
 *
 *   entries  load (wall)           CPU (user+sys)  disk          search tables (heap)  segments
 *   1M       13.7 s (load ~6)      10.9 s          80 MB (80 B)  85 MB (85 B/entry)    2
 *   10M      31.0 s (load ~4)      32.4 s          802 MB (80 B) 829 MB (83 B/entry)   2
 *   10M      224 s  (load ~16)     46 s            804 MB        844 MB                2
 *
 * Search through this index (bin/hashmatch bench index, 10M uniform, radius 31, 300 queries, one
 * thread): with the default 64 MB buffer the bulk load left 7 segments and p50 was 2.19 ms (CPU);
 * with the bulk-load buffer raised (enterBulk) it left 2 segments and p50 was 0.85 ms CPU, p99
 * 1.43 ms CPU, ~3k candidates per query, recall 1.0, 70x faster than the linear scan. Each segment
 * costs one multi-index lookup per query, so fewer segments matter; building a bulk load in a side
 * directory, force-merging it there and adding it with IndexWriter.addIndexes would give one
 * segment per bulk load without rewriting other banks (not done).
 *
 * PDQ variants (issue 6) left variant-less banks as they were: bench index at 1M, radius 31, 2000
 * queries, 2 segments, before / after the change on the same machine: p50 CPU 284 / 199 us, p99
 * CPU 470 / 354 us, 84.7 / 83.5 B/entry of search tables (run-to-run noise on this shared machine
 * is larger than any difference).
 *
 * At 10M, after JIT warm-up: get() ~0.2 ms, list() of 1000 ~13-36 ms. Point fields for id and bank
 * (the first version) cost more CPU per entry in a bulk-load profile and 2 B/entry of disk; the
 * skip-indexed doc values that replaced them are nearly as fast for get() (ids grow with doc order).
 *
 * Acknowledged single adds: the commit is ~5-7 fsyncs (new segment files, pending segments_N, the
 * directory), ~16-25 ms of I/O on this disk. Lucene by default also merges small segments inside
 * commit() (maxFullFlushMergeWaitMillis, 500 ms): with it, 56 ms per sequential add and 117
 * acknowledged adds/s from 16 threads; with it disabled (as here), 23.6 ms and 272 adds/s (load
 * average ~4; at load 6-10 the numbers were 2-5x worse). A write-ahead log (one fsync per group)
 * would cut the per-add latency further; it is not needed for the targets and would add a second
 * recovery path, so it is left as a possible follow-up.
 */
public final class LuceneHashIndex implements HashIndex {

  /** A bank, its number (see {@link BankCatalogFormatV1}) and the lock ordering entry changes. */
  private record Bank(int number, BankConfig config, ReentrantReadWriteLock lock) {}

  private static final int MAX_LIST_LIMIT = 1000;
  private static final double BULK_RAM_BUFFER_MAX_MB = 1024;
  private static final Sort ID_ORDER = new Sort(new SortField(EntryFields.ID, SortField.Type.LONG));

  private final Directory dir;
  private final IndexWriter writer;
  private final TableCache tableCache;
  private final SearcherManager searchers;
  private final GroupCommitter committer;
  private final EntryIds ids;
  private final ReentrantLock catalogLock = new ReentrantLock();
  private final ReentrantLock commitLock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();

  private final IndexOptions options;
  private final Object bulkLock = new Object();
  private int activeBulkLoads; // guarded by bulkLock

  /** Ids being removed right now (see {@link #remove}). */
  private final ConcurrentHashMap<Long, Boolean> removing = new ConcurrentHashMap<>();

  /** Immutable snapshot, replaced under {@link #commitLock}. */
  private volatile Map<String, Bank> banks;

  /** Number for the next created bank; changed under {@link #commitLock}. */
  private volatile int nextBankNumber;

  private LuceneHashIndex(
      Directory dir,
      IndexWriter writer,
      TableCache tableCache,
      SearcherManager searchers,
      BankCatalogFormatV1.Catalog catalog,
      long idFloor,
      IndexOptions options,
      String name) {
    this.options = options;
    this.dir = dir;
    this.writer = writer;
    this.tableCache = tableCache;
    this.searchers = searchers;
    this.ids = new EntryIds(idFloor);
    Map<String, Bank> m = new TreeMap<>();
    catalog
        .banks()
        .forEach(
            (k, v) -> m.put(k, new Bank(v.number(), v.config(), new ReentrantReadWriteLock())));
    this.banks = Collections.unmodifiableMap(m);
    this.nextBankNumber = catalog.nextBankNumber();
    this.committer = new GroupCommitter("hashmatch-commit-" + name, this::commitAndRefresh);
  }

  /**
   * Opens (creating if needed) the index under {@code path}. Opening reads the latest commit (the
   * last acknowledged state: nothing acknowledged is lost, nothing half-committed is seen),
   * verifies the checksum of every index file once, and builds the search tables of every segment.
   *
   * @throws CorruptBankException if stored data fails its checks
   * @throws FormatVersionException if stored data is of an unreadable version
   * @throws IndexUnavailableException if the directory is in use by another open index or cannot be
   *     read
   */
  public static LuceneHashIndex open(Path path, IndexOptions options) {
    Directory dir = null;
    IndexWriter writer = null;
    try {
      Files.createDirectories(path);
      dir = FSDirectory.open(path);
      IndexWriterConfig iwc = new IndexWriterConfig();
      iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      iwc.setRAMBufferSizeMB(options.ramBufferMb());
      iwc.setMaxBufferedDocs(IndexWriterConfig.DISABLE_AUTO_FLUSH);
      iwc.setCommitOnClose(false);
      // No merging inside commit(): by default Lucene merges the small segments of a commit
      // before returning (up to 500 ms), which made every acknowledged add pay for a merge and
      // its fsyncs. Background merges still run as usual.
      iwc.setMaxFullFlushMergeWaitMillis(0);
      writer = new IndexWriter(dir, iwc);

      Map<String, String> userData = new HashMap<>();
      Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
      if (live != null) {
        live.forEach(e -> userData.put(e.getKey(), e.getValue()));
      }
      BankCatalogFormatV1.Catalog catalog;
      if (!DirectoryReader.indexExists(dir)) {
        catalog = new BankCatalogFormatV1.Catalog(Map.of(), 0, 0);
        writer.setLiveCommitData(BankCatalogFormatV1.encode(List.of(), 0, 0).entrySet(), true);
        writer.commit();
      } else {
        catalog = BankCatalogFormatV1.decode(userData);
      }
      long idFloor = catalog.idHighWater();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        // Lucene verifies small files fully on open but only the footers of large data files;
        // verify every checksum once here so a flipped bit can never silently change a bank.
        for (LeafReaderContext ctx : reader.leaves()) {
          ctx.reader().checkIntegrity();
        }
        for (LeafReaderContext ctx : reader.leaves()) {
          DocValuesSkipper skipper = ctx.reader().getDocValuesSkipper(EntryFields.ID);
          if (skipper != null && skipper.docCount() > 0) {
            idFloor = Math.max(idFloor, skipper.maxValue());
          }
        }
        Query orphans = orphansOf(catalog);
        if (new IndexSearcher(reader).count(orphans) > 0) {
          // Entries whose bank is not in the catalog cannot come from a clean history (bank
          // deletion removes both in one commit); drop them so they can never be served.
          writer.deleteDocuments(orphans);
          writer.commit();
        }
      }
      TableCache cache = new TableCache();
      SearcherManager searchers = new SearcherManager(dir, cache);
      return new LuceneHashIndex(
          dir,
          writer,
          cache,
          searchers,
          catalog,
          idFloor,
          options,
          String.valueOf(path.getFileName()));
    } catch (IOException | RuntimeException e) {
      // Translate first: for corruption it verifies checksums, which needs the open directory.
      RuntimeException failure = translate(e, "opening index at " + path, dir);
      closeQuietly(writer, failure);
      closeQuietly(dir, failure);
      throw failure;
    }
  }

  private static Query bankQuery(Bank b) {
    return NumericDocValuesField.newSlowExactQuery(EntryFields.BANK, b.number());
  }

  private static Query idQuery(long id) {
    return NumericDocValuesField.newSlowExactQuery(EntryFields.ID, id);
  }

  private static long[] toLongs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** Entries whose bank number is not in the catalog. */
  private static Query orphansOf(BankCatalogFormatV1.Catalog catalog) {
    int[] known = catalog.banks().values().stream().mapToInt(b -> b.number()).toArray();
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
        .add(
            NumericDocValuesField.newSlowSetQuery(EntryFields.BANK, toLongs(known)),
            BooleanClause.Occur.MUST_NOT)
        .build();
  }

  // ---------------------------------------------------------------- durability

  /** Run by the committer thread: one fsync'd commit, then make it searchable. */
  private void commitAndRefresh() throws IOException {
    commitLock.lock();
    try {
      List<BankCatalogFormatV1.NumberedBank> numbered = new ArrayList<>();
      for (Bank b : banks.values()) {
        numbered.add(new BankCatalogFormatV1.NumberedBank(b.number(), b.config()));
      }
      writer.setLiveCommitData(
          BankCatalogFormatV1.encode(numbered, ids.highWater(), nextBankNumber).entrySet(), true);
      writer.commit();
    } finally {
      commitLock.unlock();
    }
    searchers.maybeRefreshBlocking();
  }

  private static List<BankConfig> configs(Map<String, Bank> m) {
    List<BankConfig> out = new ArrayList<>(m.size());
    for (Bank b : m.values()) {
      out.add(b.config());
    }
    return out;
  }

  /** Blocks until every change this thread applied is durable and searchable. */
  private void awaitDurable() {
    CompletableFuture<Void> f = committer.request();
    try {
      f.join();
    } catch (CompletionException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      throw translate(c, "committing", null);
    }
  }

  // ---------------------------------------------------------------- banks

  @Override
  public List<BankConfig> banks() {
    ensureOpen();
    return configs(banks);
  }

  @Override
  public Optional<BankConfig> bank(String name) {
    ensureOpen();
    Bank b = banks.get(name);
    return b == null ? Optional.empty() : Optional.of(b.config());
  }

  @Override
  public BankConfig createBank(BankConfig config) {
    ensureOpen();
    catalogLock.lock();
    try {
      if (banks.containsKey(config.name())) {
        throw new BankExistsException("bank '" + config.name() + "' already exists");
      }
      commitLock.lock();
      try {
        int number = nextBankNumber;
        if (number == Integer.MAX_VALUE) {
          throw new IllegalStateException("bank numbers exhausted");
        }
        nextBankNumber = number + 1;
        replaceBank(config.name(), new Bank(number, config, new ReentrantReadWriteLock()));
      } finally {
        commitLock.unlock();
      }
      awaitDurable();
      return config;
    } finally {
      catalogLock.unlock();
    }
  }

  @Override
  public BankConfig updateBank(String name, BankPatch patch) {
    ensureOpen();
    catalogLock.lock();
    try {
      Bank b = requireBank(name);
      BankConfig updated = patch.applyTo(b.config());
      replaceBank(name, new Bank(b.number(), updated, b.lock()));
      awaitDurable();
      return updated;
    } finally {
      catalogLock.unlock();
    }
  }

  @Override
  public void deleteBank(String name) {
    ensureOpen();
    catalogLock.lock();
    try {
      Bank b = requireBank(name);
      b.lock().writeLock().lock();
      try {
        commitLock.lock();
        try {
          writer.deleteDocuments(bankQuery(b));
          Map<String, Bank> m = new TreeMap<>(banks);
          m.remove(name);
          banks = Collections.unmodifiableMap(m);
        } catch (IOException | RuntimeException e) {
          throw translate(e, "deleting bank '" + name + "'", null);
        } finally {
          commitLock.unlock();
        }
        awaitDurable();
      } finally {
        b.lock().writeLock().unlock();
      }
    } finally {
      catalogLock.unlock();
    }
  }

  private void replaceBank(String name, Bank bank) {
    commitLock.lock();
    try {
      Map<String, Bank> m = new TreeMap<>(banks);
      m.put(name, bank);
      banks = Collections.unmodifiableMap(m);
    } finally {
      commitLock.unlock();
    }
  }

  private Bank requireBank(String name) {
    Bank b = banks.get(name);
    if (b == null) {
      throw new BankNotFoundException("no bank named '" + name + "'");
    }
    return b;
  }

  /**
   * Takes the read side of the bank's lock, re-checking that the bank was not deleted (or deleted
   * and re-created) meanwhile. The caller must unlock.
   */
  private Bank lockBankForWrite(String name) {
    while (true) {
      Bank b = requireBank(name);
      b.lock().readLock().lock();
      Bank now = banks.get(name);
      if (now != null && now.lock() == b.lock()) {
        return now;
      }
      b.lock().readLock().unlock();
      if (now == null) {
        throw new BankNotFoundException("no bank named '" + name + "'");
      }
    }
  }

  @Override
  public long size(String bank) {
    ensureOpen();
    Bank b = requireBank(bank);
    IndexSearcher s = acquire();
    try {
      return s.count(bankQuery(b));
    } catch (IOException | RuntimeException e) {
      throw translate(e, "counting bank '" + bank + "'", null);
    } finally {
      release(s);
    }
  }

  // ---------------------------------------------------------------- entries

  @Override
  public Entry add(String bank, EntryDraft draft) {
    return addAll(bank, List.of(draft)).get(0);
  }

  @Override
  public List<Entry> addAll(String bank, List<EntryDraft> drafts) {
    ensureOpen();
    if (drafts.isEmpty()) {
      requireBank(bank);
      return List.of();
    }
    List<Entry> entries = new ArrayList<>(drafts.size());
    List<Document> docs = new ArrayList<>(drafts.size());
    Bank b = lockBankForWrite(bank);
    try {
      long first = ids.nextBlock(drafts.size());
      Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
      for (int i = 0; i < drafts.size(); i++) {
        Entry e = toEntry(first + i, bank, drafts.get(i), now);
        entries.add(e);
        docs.add(EntryFields.toDocument(e, first + i, b.number()));
      }
      writer.addDocuments(docs);
    } catch (IOException | RuntimeException e) {
      throw translate(e, "adding to bank '" + bank + "'", null);
    } finally {
      b.lock().readLock().unlock();
    }
    awaitDurable();
    return List.copyOf(entries);
  }

  @Override
  public long bulkLoad(String bank, Iterator<EntryDraft> drafts) {
    ensureOpen();
    long n;
    Bank b = lockBankForWrite(bank);
    enterBulk();
    try {
      int workers = Math.min(4, Runtime.getRuntime().availableProcessors());
      n =
          new BulkLoader(
                  writer,
                  (draft, addedAt) -> {
                    long id = ids.next();
                    return EntryFields.toDocument(
                        toEntry(id, bank, draft, addedAt), id, b.number());
                  },
                  workers)
              .run(drafts);
    } catch (IOException | RuntimeException e) {
      throw translate(e, "bulk loading bank '" + bank + "'", null);
    } finally {
      exitBulk();
      b.lock().readLock().unlock();
    }
    awaitDurable();
    return n;
  }

  @Override
  public int compact() {
    ensureOpen();
    try {
      writer.forceMerge(1);
    } catch (IOException | RuntimeException e) {
      throw translate(e, "compacting", null);
    }
    awaitDurable();
    return segmentCount();
  }

  /**
   * While a bulk load runs, the writer's RAM buffer is raised to a quarter of the maximum heap
   * (at least {@link IndexOptions#ramBufferMb()}, at most {@value #BULK_RAM_BUFFER_MAX_MB} MB):
   * fewer, larger flushed segments mean fewer merges during the load and fewer segments to search
   * after it (each segment costs one multi-index lookup per query). Measured at 10M: 7 segments
   * with a 64 MB buffer, 2 with 256 MB.
   */
  private void enterBulk() {
    synchronized (bulkLock) {
      if (activeBulkLoads++ == 0) {
        double quarterHeapMb = Runtime.getRuntime().maxMemory() / 4.0 / (1 << 20);
        double mb =
            Math.max(options.ramBufferMb(), Math.min(BULK_RAM_BUFFER_MAX_MB, quarterHeapMb));
        writer.getConfig().setRAMBufferSizeMB(mb);
      }
    }
  }

  private void exitBulk() {
    synchronized (bulkLock) {
      if (--activeBulkLoads == 0) {
        writer.getConfig().setRAMBufferSizeMB(options.ramBufferMb());
      }
    }
  }

  private static Entry toEntry(long id, String bank, EntryDraft d, Instant now) {
    return new Entry(
        EntryIds.format(id),
        bank,
        d.pdq(),
        d.pdq() != null ? d.quality() : 0,
        d.phash(),
        d.md5(),
        d.sha256(),
        new Provenance(d.reference(), d.source(), d.note(), d.addedBy(), now, d.metadata()),
        d.pdqVariants());
  }

  @Override
  public Optional<Entry> get(String bank, String entryId) {
    ensureOpen();
    OptionalLong id = EntryIds.parse(entryId);
    if (id.isEmpty() || !banks.containsKey(bank)) {
      return Optional.empty();
    }
    IndexSearcher s = acquire();
    try {
      return find(s, bank, id.getAsLong());
    } catch (IOException | RuntimeException e) {
      throw translate(e, "reading entry", null);
    } finally {
      release(s);
    }
  }

  private Optional<Entry> find(IndexSearcher s, String bank, long id) throws IOException {
    TopDocs top = s.search(idQuery(id), 1);
    if (top.scoreDocs.length == 0) {
      return Optional.empty();
    }
    Entry e = loadEntry(s, top.scoreDocs[0].doc);
    return e.bank().equals(bank) ? Optional.of(e) : Optional.empty();
  }

  @Override
  public Entry remove(String bank, String entryId) {
    ensureOpen();
    requireBank(bank);
    OptionalLong parsed = EntryIds.parse(entryId);
    if (parsed.isEmpty()) {
      throw new EntryNotFoundException("no entry '" + entryId + "' in bank '" + bank + "'");
    }
    long id = parsed.getAsLong();
    // Claim the id first, then look it up in a searcher acquired after the claim: a concurrent
    // remover either still holds the claim (we fail) or has been acknowledged, and then the
    // searcher was refreshed without the entry (we fail). Exactly one remover succeeds.
    if (removing.putIfAbsent(id, Boolean.TRUE) != null) {
      throw new EntryNotFoundException("no entry '" + entryId + "' in bank '" + bank + "'");
    }
    try {
      Entry found;
      IndexSearcher s = acquire();
      try {
        found = find(s, bank, id).orElse(null);
      } catch (IOException | RuntimeException e) {
        throw translate(e, "reading entry", null);
      } finally {
        release(s);
      }
      if (found == null) {
        throw new EntryNotFoundException("no entry '" + entryId + "' in bank '" + bank + "'");
      }
      Bank b = lockBankForWrite(bank);
      try {
        writer.deleteDocuments(idQuery(id));
      } catch (IOException | RuntimeException e) {
        throw translate(e, "removing entry", null);
      } finally {
        b.lock().readLock().unlock();
      }
      awaitDurable();
      return found;
    } finally {
      removing.remove(id);
    }
  }

  @Override
  public EntryPage list(String bank, @Nullable String cursor, int limit) {
    ensureOpen();
    if (limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be in [1, " + MAX_LIST_LIMIT + "], got " + limit);
    }
    long after = cursor == null ? 0 : EntryIds.parseCursor(cursor);
    Bank b = requireBank(bank);
    if (after == Long.MAX_VALUE) {
      return new EntryPage(List.of(), null);
    }
    Query q =
        new BooleanQuery.Builder()
            .add(bankQuery(b), BooleanClause.Occur.FILTER)
            .add(
                NumericDocValuesField.newSlowRangeQuery(EntryFields.ID, after + 1, Long.MAX_VALUE),
                BooleanClause.Occur.FILTER)
            .build();
    Sort sort = ID_ORDER;
    IndexSearcher s = acquire();
    try {
      TopDocs top = s.search(q, limit + 1, sort);
      List<Entry> out = new ArrayList<>(Math.min(limit, top.scoreDocs.length));
      // One StoredFields per leaf: it keeps the last decompressed block, and a page's entries
      // are mostly neighbours.
      List<LeafReaderContext> leaves = s.getIndexReader().leaves();
      StoredFields[] perLeaf = new StoredFields[leaves.size()];
      for (int i = 0; i < top.scoreDocs.length && i < limit; i++) {
        int doc = top.scoreDocs[i].doc;
        int li = readerIndex(leaves, doc);
        if (perLeaf[li] == null) {
          perLeaf[li] = leaves.get(li).reader().storedFields();
        }
        out.add(loadEntry(perLeaf[li], doc - leaves.get(li).docBase));
      }
      String next = null;
      if (top.scoreDocs.length > limit) {
        next = EntryIds.cursorAfter(EntryIds.parse(out.get(out.size() - 1).id()).orElseThrow());
      }
      return new EntryPage(out, next);
    } catch (IOException | RuntimeException e) {
      throw translate(e, "listing bank '" + bank + "'", null);
    } finally {
      release(s);
    }
  }

  private static Entry loadEntry(IndexSearcher s, int globalDoc) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext ctx = leaves.get(readerIndex(leaves, globalDoc));
    return loadEntry(ctx.reader().storedFields(), globalDoc - ctx.docBase);
  }

  private static int readerIndex(List<LeafReaderContext> leaves, int globalDoc) {
    int lo = 0;
    int hi = leaves.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (leaves.get(mid).docBase <= globalDoc) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static Entry loadEntry(StoredFields fields, int doc) throws IOException {
    Document d = fields.document(doc, Set.of(EntryRecordFormatV1.FIELD));
    BytesRef raw = d.getBinaryValue(EntryRecordFormatV1.FIELD);
    if (raw == null) {
      throw new CorruptBankException("document " + doc + " has no entry record");
    }
    return EntryRecordFormatV2.decode(raw.bytes, raw.offset, raw.length);
  }

  // ---------------------------------------------------------------- search

  @Override
  public List<Match> search(MatchQuery query) {
    ensureOpen();
    Map<String, Bank> snapshot = banks;
    Map<Integer, BankConfig> searched = new HashMap<>();
    if (query.banks().isEmpty()) {
      for (Bank b : snapshot.values()) {
        if (b.config().enabled()) {
          searched.put(b.number(), b.config());
        }
      }
    } else {
      for (String name : query.banks()) {
        Bank b = snapshot.get(name);
        if (b == null) {
          throw new BankNotFoundException("no bank named '" + name + "'");
        }
        if (b.config().enabled()) {
          searched.put(b.number(), b.config());
        }
      }
    }
    if (searched.isEmpty()) {
      return List.of();
    }
    List<PdqProbe> probes = query.pdq();
    if (query.pdqRadiusOverride().isPresent()) {
      int r = query.pdqRadiusOverride().getAsInt();
      if (r < 0 || r > Hash256.BITS) {
        throw new IllegalArgumentException("pdqRadiusOverride must be in [0, 256], got " + r);
      }
    }
    int override = query.pdqRadiusOverride().orElse(-1);
    Hash64 phash = query.phash();
    String md5 = query.md5();
    String sha256 = query.sha256();

    TableCache.HashSearcher s = acquire();
    try {
      List<Match> out = new ArrayList<>();
      for (LeafReaderContext ctx : s.getIndexReader().leaves()) {
        searchLeaf(
            s.tables(ctx.ord), ctx.reader(), searched, probes, override, phash, md5, sha256, out);
      }
      out.sort(
          Comparator.comparingInt(Match::distance)
              .thenComparing(Match::signal)
              .thenComparing(m -> m.entry().id()));
      return out;
    } catch (IOException | RuntimeException e) {
      throw translate(e, "searching", null);
    } finally {
      release(s);
    }
  }

  private static void searchLeaf(
      SegmentTables t,
      LeafReader leaf,
      Map<Integer, BankConfig> searched,
      List<PdqProbe> probes,
      int override,
      @Nullable Hash64 phash,
      @Nullable String md5,
      @Nullable String sha256,
      List<Match> out)
      throws IOException {
    int nOrds = t.bankNumbers.length;
    int[] pdqRadius = new int[nOrds];
    int[] phashRadius = new int[nOrds];
    boolean any = false;
    int maxPdq = -1;
    int maxPhash = -1;
    for (int o = 0; o < nOrds; o++) {
      BankConfig c = searched.get(t.bankNumbers[o]);
      if (c == null) {
        pdqRadius[o] = -1;
        phashRadius[o] = -1;
      } else {
        any = true;
        pdqRadius[o] = override >= 0 ? override : c.pdqRadius();
        phashRadius[o] = c.phashRadius();
        maxPdq = Math.max(maxPdq, pdqRadius[o]);
        maxPhash = Math.max(maxPhash, phashRadius[o]);
      }
    }
    if (!any) {
      return;
    }
    Bits live = leaf.getLiveDocs();
    Map<Integer, Entry> loaded = new HashMap<>();
    StoredFields stored = null;

    // PDQ: one multi-probe search per segment; each document comes back once with its smallest
    // distance over the probes and the first probe reaching it.
    PdqSearchTable table = t.pdq;
    if (table != null && !probes.isEmpty() && maxPdq >= 0) {
      long[] words = new long[4 * probes.size()];
      for (int p = 0; p < probes.size(); p++) {
        Hash256 h = probes.get(p).hash();
        words[4 * p] = h.w0();
        words[4 * p + 1] = h.w1();
        words[4 * p + 2] = h.w2();
        words[4 * p + 3] = h.w3();
      }
      if (t.hasPdqVariants()) {
        stored =
            searchPdqWithVariants(
                t, table, leaf, live, words, probes, maxPdq, pdqRadius, loaded, out);
      } else {
        int[] rows = t.pdqDocs;
        List<int[]> hits = new ArrayList<>();
        table.search(
            words,
            probes.size(),
            maxPdq,
            rows == null ? live : null,
            (row, dist, probe) -> {
              int doc = rows == null ? row : rows[row];
              if (rows != null && live != null && !live.get(doc)) {
                return;
              }
              int ord = t.bankOrd(doc);
              if (ord >= 0 && dist <= pdqRadius[ord]) {
                hits.add(new int[] {doc, dist, probe});
              }
            },
            null);
        for (int[] h : hits) {
          if (stored == null) {
            stored = leaf.storedFields();
          }
          PdqProbe p = probes.get(h[2]);
          out.add(
              new Match(
                  Signal.PDQ,
                  h[1],
                  p.variant(),
                  p.trimmed(),
                  null,
                  loadCached(loaded, stored, h[0])));
        }
      }
    }

    // pHash
    Hash64SearchTable phTable = t.phash;
    if (phash != null && maxPhash >= 0 && phTable != null) {
      int[] rows = t.phashDocs;
      List<int[]> hits = new ArrayList<>();
      phTable.search(
          phash.bits(),
          maxPhash,
          rows == null ? live : null,
          (row, dist) -> {
            int doc = rows == null ? row : rows[row];
            if (rows != null && live != null && !live.get(doc)) {
              return;
            }
            int ord = t.bankOrd(doc);
            if (ord >= 0 && dist <= phashRadius[ord]) {
              hits.add(new int[] {doc, dist});
            }
          },
          null);
      for (int[] h : hits) {
        if (stored == null) {
          stored = leaf.storedFields();
        }
        out.add(new Match(Signal.PHASH, h[1], null, loadCached(loaded, stored, h[0])));
      }
    }

    // Exact hashes.
    if (md5 != null) {
      stored =
          exact(t, leaf, live, pdqRadius, EntryFields.MD5, md5, Signal.MD5, loaded, stored, out);
    }
    if (sha256 != null) {
      exact(
          t, leaf, live, pdqRadius, EntryFields.SHA256, sha256, Signal.SHA256, loaded, stored, out);
    }
  }

  /**
   * The PDQ search of a segment some of whose entries have variants: a document may be reached
   * through several rows (its primary hash and its variants), so hits are reduced per document to
   * the smallest (distance, probe index, hash position) with the primary at position 0 and
   * variant k at k + 1, which is the order {@link HashIndex#search} promises for ties.
   */
  private static @Nullable StoredFields searchPdqWithVariants(
      SegmentTables t,
      PdqSearchTable table,
      LeafReader leaf,
      @Nullable Bits live,
      long[] words,
      List<PdqProbe> probes,
      int maxPdq,
      int[] pdqRadius,
      Map<Integer, Entry> loaded,
      List<Match> out)
      throws IOException {
    int[] rows = Objects.requireNonNull(t.pdqDocs, "rows map to docs when there are variants");
    // doc -> (distance << 40) | (probe << 8) | (variant position + 1): smaller is better
    Map<Integer, Long> best = new HashMap<>();
    table.search(
        words,
        probes.size(),
        maxPdq,
        null,
        (row, dist, probe) -> {
          int doc = rows[row];
          if (live != null && !live.get(doc)) {
            return;
          }
          int ord = t.bankOrd(doc);
          if (ord < 0 || dist > pdqRadius[ord]) {
            return;
          }
          long key = ((long) dist << 40) | ((long) probe << 8) | (t.pdqVariantOrd(row) + 1);
          best.merge(doc, key, Math::min);
        },
        null);
    StoredFields stored = null;
    for (Map.Entry<Integer, Long> h : best.entrySet()) {
      if (stored == null) {
        stored = leaf.storedFields();
      }
      long key = h.getValue();
      int dist = (int) (key >>> 40);
      PdqProbe p = probes.get((int) ((key >>> 8) & 0xFFFF_FFFFL));
      int position = (int) (key & 0xFF) - 1;
      Entry e = loadCached(loaded, stored, h.getKey());
      String label = null;
      if (position >= 0) {
        if (position >= e.pdqVariants().size()) {
          throw new CorruptBankException(
              "entry "
                  + e.id()
                  + " has "
                  + e.pdqVariants().size()
                  + " pdq variants in its record but more in its doc values");
        }
        label = e.pdqVariants().get(position).label();
      }
      out.add(new Match(Signal.PDQ, dist, p.variant(), p.trimmed(), label, e));
    }
    return stored;
  }

  private static @Nullable StoredFields exact(
      SegmentTables t,
      LeafReader leaf,
      @Nullable Bits live,
      int[] searchedOrds,
      String field,
      String value,
      Signal signal,
      Map<Integer, Entry> loaded,
      @Nullable StoredFields stored,
      List<Match> out)
      throws IOException {
    PostingsEnum pe = leaf.postings(new Term(field, value), PostingsEnum.NONE);
    if (pe == null) {
      return stored;
    }
    for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
      if (live != null && !live.get(doc)) {
        continue;
      }
      int ord = t.bankOrd(doc);
      if (ord < 0 || searchedOrds[ord] < 0) {
        continue;
      }
      if (stored == null) {
        stored = leaf.storedFields();
      }
      out.add(new Match(signal, 0, null, loadCached(loaded, stored, doc)));
    }
    return stored;
  }

  private static Entry loadCached(Map<Integer, Entry> loaded, StoredFields stored, int doc)
      throws IOException {
    Entry e = loaded.get(doc);
    if (e == null) {
      e = loadEntry(stored, doc);
      loaded.put(doc, e);
    }
    return e;
  }

  // ---------------------------------------------------------------- stats

  /** Heap bytes held by the per-segment search structures of all open segments. */
  public long searchHeapBytes() {
    return tableCache.ramBytesUsed();
  }

  /** How many segments' search tables this index has built since it opened (tests, stats). */
  long tableBuilds() {
    return tableCache.builds();
  }

  /** Number of segments of the current searcher. */
  public int segmentCount() {
    TableCache.HashSearcher s = acquire();
    try {
      return s.getIndexReader().leaves().size();
    } finally {
      release(s);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  private void ensureOpen() {
    if (closed.get()) {
      throw new IndexUnavailableException("index is closed");
    }
  }

  private TableCache.HashSearcher acquire() {
    ensureOpen();
    try {
      return (TableCache.HashSearcher) searchers.acquire();
    } catch (IOException | RuntimeException e) {
      throw translate(e, "acquiring a searcher", null);
    }
  }

  private void release(IndexSearcher s) {
    try {
      searchers.release(s);
    } catch (IOException e) {
      throw translate(e, "releasing a searcher", null);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Throwable first = null;
    try {
      committer.close();
    } catch (RuntimeException e) {
      first = e;
    }
    for (AutoCloseable c : new AutoCloseable[] {searchers, writer, dir}) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw translate(first, "closing", null);
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable c, Throwable primary) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      primary.addSuppressed(e);
    }
  }

  /**
   * Maps Lucene and I/O failures onto the {@link IndexException} tree. For corruption, the
   * checksums of every file of the latest commit are verified and the verdict attached as a
   * suppressed exception.
   */
  static RuntimeException translate(Throwable e, String what, @Nullable Directory dir) {
    if (e instanceof IndexException ie) {
      return ie;
    }
    if (e instanceof IllegalArgumentException iae) {
      return iae;
    }
    if (e instanceof CorruptIndexException) {
      CorruptBankException c = new CorruptBankException(what + ": index data is corrupt", e);
      if (dir != null) {
        c.addSuppressed(checksumVerdict(dir));
      }
      return c;
    }
    if (e instanceof IndexFormatTooOldException || e instanceof IndexFormatTooNewException) {
      return new FormatVersionException(what + ": unreadable index format version", e);
    }
    if (e instanceof LockObtainFailedException) {
      return new IndexUnavailableException(what + ": the index is already open elsewhere", e);
    }
    if (e instanceof AlreadyClosedException) {
      return new IndexUnavailableException(what + ": index is closed", e);
    }
    if (e instanceof NoSuchFileException || e instanceof java.io.FileNotFoundException) {
      CorruptBankException c = new CorruptBankException(what + ": an index file is missing", e);
      if (dir != null) {
        c.addSuppressed(checksumVerdict(dir));
      }
      return c;
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      return new IndexUnavailableException(what + ": I/O error", e);
    }
    if (e instanceof RuntimeException re) {
      return re;
    }
    return new IndexUnavailableException(what + ": " + e, e);
  }

  /** Verifies the checksum footer of every file of the latest commit. */
  private static Exception checksumVerdict(Directory dir) {
    List<String> bad = new ArrayList<>();
    int ok = 0;
    try {
      SegmentInfos infos = SegmentInfos.readLatestCommit(dir);
      for (String file : infos.files(true)) {
        try (IndexInput in = dir.openInput(file, IOContext.READONCE)) {
          CodecUtil.checksumEntireFile(in);
          ok++;
        } catch (IOException | RuntimeException ex) {
          bad.add(file + " (" + ex.getClass().getSimpleName() + ")");
        }
      }
    } catch (IOException | RuntimeException ex) {
      return new Exception("checksum verification: cannot read the latest commit point: " + ex);
    }
    return new Exception(
        "checksum verification: "
            + ok
            + " files ok, "
            + bad.size()
            + " failed"
            + (bad.isEmpty() ? "" : ": " + String.join(", ", bad)));
  }
}

package org.hashmatch.index.store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.IndexUnavailableException;

/**
 * Streams drafts into the {@link IndexWriter} from a few indexing threads: the caller's thread
 * reads the iterator and hands out batches of {@value #BATCH} drafts through a small bounded queue,
 * workers turn them into documents and add them. At most {@code (2 * workers + workers + 1) *
 * BATCH} drafts exist at any time, whatever the number of entries, and Lucene flushes its buffer
 * to segments by {@code ramBufferMb}. Lucene's writer is built for concurrent adds (one
 * in-memory segment per thread), so indexing uses the cores the machine has; the document order
 * inside segments does not matter to us (list order comes from the id doc values).
 *
 * <p>Not thread-safe: one instance per bulk load.
 */
final class BulkLoader {

  static final int BATCH = 512;
  private static final List<EntryDraft> POISON = List.of();

  private final IndexWriter writer;
  private final DocumentMaker maker;
  private final int workers;

  /** Turns a draft into a document (assigning its id). */
  @FunctionalInterface
  interface DocumentMaker {
    Document make(EntryDraft draft, Instant addedAt);
  }

  BulkLoader(IndexWriter writer, DocumentMaker maker, int workers) {
    this.writer = writer;
    this.maker = maker;
    this.workers = Math.max(1, workers);
  }

  /**
   * Adds every draft of the iterator.
   *
   * @return the number of documents added
   * @throws IOException or a runtime exception from Lucene or the iterator; a prefix may have been
   *     added
   */
  long run(Iterator<EntryDraft> drafts) throws IOException {
    BlockingQueue<List<EntryDraft>> queue = new ArrayBlockingQueue<>(2 * workers);
    AtomicLong added = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Instant addedAt = Instant.ofEpochMilli(System.currentTimeMillis());
    List<Thread> threads = new ArrayList<>(workers);
    for (int i = 0; i < workers; i++) {
      threads.add(
          Thread.ofPlatform()
              .name("hashmatch-bulk-" + i)
              .daemon(true)
              .start(() -> work(queue, added, failure, addedAt)));
    }
    Throwable producerFailure = null;
    try {
      List<EntryDraft> batch = new ArrayList<>(BATCH);
      while (failure.get() == null && drafts.hasNext()) {
        batch.add(drafts.next());
        if (batch.size() == BATCH) {
          queue.put(batch);
          batch = new ArrayList<>(BATCH);
        }
      }
      if (!batch.isEmpty() && failure.get() == null) {
        queue.put(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      producerFailure = new IndexUnavailableException("bulk load interrupted", e);
    } catch (RuntimeException | Error e) {
      producerFailure = e;
    } finally {
      stop(queue, threads);
    }
    Throwable f = producerFailure != null ? producerFailure : failure.get();
    if (f != null) {
      if (producerFailure != null && failure.get() != null) {
        f.addSuppressed(failure.get());
      }
      switch (f) {
        case IOException io -> throw io;
        case RuntimeException re -> throw re;
        case Error err -> throw err;
        default -> throw new IllegalStateException(f);
      }
    }
    return added.get();
  }

  private void work(
      BlockingQueue<List<EntryDraft>> queue,
      AtomicLong added,
      AtomicReference<Throwable> failure,
      Instant addedAt) {
    while (true) {
      List<EntryDraft> batch;
      try {
        batch = queue.take();
      } catch (InterruptedException e) {
        failure.compareAndSet(null, new IndexUnavailableException("bulk load interrupted", e));
        return;
      }
      if (batch == POISON) {
        return;
      }
      if (failure.get() != null) {
        continue; // keep draining so the producer never blocks on a full queue
      }
      try {
        for (EntryDraft d : batch) {
          writer.addDocument(maker.make(d, addedAt));
          added.incrementAndGet();
        }
      } catch (IOException | RuntimeException | Error e) {
        failure.compareAndSet(null, e);
      }
    }
  }

  /** Sends one poison pill per worker and waits for all of them, even if interrupted. */
  private void stop(BlockingQueue<List<EntryDraft>> queue, List<Thread> threads) {
    boolean interrupted = Thread.interrupted();
    int sent = 0;
    while (sent < threads.size()) {
      try {
        queue.put(POISON);
        sent++;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}

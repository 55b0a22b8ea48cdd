package org.hashmatch.index.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hashmatch.index.IndexUnavailableException;

/**
 * Group commit: writers apply their change to the {@code IndexWriter} and then {@link #request} a
 * durable point; one committer thread takes every request that has accumulated, runs the commit
 * action once (fsync'd Lucene commit, then a searcher refresh) and completes all of them.
 *
 * <pre>
 *   writer threads                         committer thread
 *   ------------------------------------   -----------------------------------------------
 *   writer.addDocument(...)                wait until requests exist
 *   f = request()          -- queue -->    batch = all queued requests
 *   f.join()  (blocks)                     action.run(): commit (fsync) + refresh searcher
 *             &lt;-- complete(batch) --       complete every future of the batch
 * </pre>
 *
 * <p>Correctness: a request is queued only after its change was applied, so when the committer
 * takes a batch, every change of the batch precedes the commit that follows. While one commit runs,
 * new requests queue up and share the next one: N concurrent writers cost about one commit (a few
 * fsyncs) per round, not N.
 *
 * <p>Thread-safe. {@link #close} runs a final round for requests already queued, then rejects new
 * ones with {@link IndexUnavailableException}.
 */
final class GroupCommitter implements AutoCloseable {

  /** The durable step: must include every change applied before it is called. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private final Action action;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queued = lock.newCondition();
  private List<CompletableFuture<Void>> pending = new ArrayList<>();
  private boolean closing;
  private final Thread thread;

  GroupCommitter(String name, Action action) {
    this.action = action;
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::loop);
    thread.start();
  }

  /**
   * Asks for a durable point covering every change this thread applied before the call.
   *
   * @return completes normally once durable and searchable, exceptionally if the commit failed
   */
  CompletableFuture<Void> request() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    lock.lock();
    try {
      if (closing) {
        f.completeExceptionally(new IndexUnavailableException("index is closed"));
        return f;
      }
      pending.add(f);
      queued.signal();
    } finally {
      lock.unlock();
    }
    return f;
  }

  private void loop() {
    while (true) {
      List<CompletableFuture<Void>> batch;
      lock.lock();
      try {
        while (pending.isEmpty() && !closing) {
          queued.awaitUninterruptibly();
        }
        if (pending.isEmpty()) {
          return;
        }
        batch = pending;
        pending = new ArrayList<>();
      } finally {
        lock.unlock();
      }
      Throwable failure = null;
      try {
        action.run();
      } catch (Exception | Error e) {
        failure = e;
      }
      for (CompletableFuture<Void> f : batch) {
        if (failure == null) {
          f.complete(null);
        } else {
          f.completeExceptionally(failure);
        }
      }
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      queued.signal();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}

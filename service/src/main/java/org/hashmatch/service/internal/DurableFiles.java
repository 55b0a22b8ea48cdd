package org.hashmatch.service.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Durable file operations. Writes are atomic (temp file, fsync, rename, fsync directory); locks
 * exclude both other threads of this JVM and other processes (the {@code keys} command may run
 * while the service is up).
 */
public final class DurableFiles {

  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private DurableFiles() {}

  /**
   * Replaces {@code target} with {@code content} atomically: readers see the old or the new file,
   * never a mix, and the new content survives power loss once this returns.
   *
   * @throws UncheckedIOException if writing fails; the old file is then untouched
   */
  public static void atomicWrite(Path target, byte[] content) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("file system cannot rename atomically in " + dir, e);
      }
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Makes a rename or a file creation in {@code dir} durable (a no-op where unsupported). */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is then as durable as it gets.
      if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }

  /**
   * Runs {@code action} holding an exclusive lock on {@code lockFile} (created if missing) against
   * other threads and other processes.
   *
   * @throws UncheckedIOException if the lock cannot be taken
   */
  public static <T> T withLock(Path lockFile, Supplier<T> action) {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    jvmLock.lock();
    try (FileChannel ch =
            FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      return action.get();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + key + ": " + e.getMessage(), e);
    } finally {
      jvmLock.unlock();
    }
  }
}

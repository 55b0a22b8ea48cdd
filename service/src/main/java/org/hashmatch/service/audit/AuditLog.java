package org.hashmatch.service.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hashmatch.service.internal.DurableFiles;

/**
 * The append-only, hash-chained audit log of one data directory (layout in {@link
 * AuditLogFormatV1}).
 *
 * <p>{@link #open} verifies the whole chain and refuses a log that fails (tamper-evidence).
 * {@link #append} is durable on return: the record is fsynced before the caller acknowledges the
 * change it records. Thread-safe; appends from other processes (the {@code keys} command) are
 * serialized by a file lock and verified as they are read.
 */
public final class AuditLog implements Closeable {

  private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());
  /** Longest record line accepted when reading (a batch of 10,000 entry ids fits easily). */
  private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final Path file;
  private final Path lockFile;
  private final Clock clock;
  private final FileChannel channel;
  private long knownSize;
  private long lastSeq;
  private String lastHash;
  private long[] offsets = new long[64]; // offsets[seq - 1] = start of record seq
  private boolean closed;

  private AuditLog(Path dataDir, Clock clock) throws IOException {
    this.file = dataDir.resolve(AuditLogFormatV1.FILE_NAME);
    this.lockFile = dataDir.resolve(AuditLogFormatV1.LOCK_FILE_NAME);
    this.clock = clock;
    this.lastHash = AuditLogFormatV1.headerHash();
    DurableFiles.withLock(lockFile, () -> {
      createIfMissing();
      return null;
    });
    this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      DurableFiles.withLock(lockFile, () -> {
        verifyHeader();
        syncTail();
        return null;
      });
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) the audit log of a data directory and verifies its chain.
   *
   * @throws AuditLogException if the log fails verification
   * @throws UncheckedIOException if it cannot be read or created
   */
  public static AuditLog open(Path dataDir) {
    return open(dataDir, Clock.systemUTC());
  }

  /** As {@link #open(Path)} with a clock for the records' times. */
  public static AuditLog open(Path dataDir, Clock clock) {
    try {
      Files.createDirectories(dataDir);
      return new AuditLog(dataDir, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open audit log in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Appends a record and fsyncs it.
   *
   * @return the record as stored
   * @throws AuditLogException if the log was changed behind our back or cannot be written
   */
  public synchronized AuditRecord append(AuditEvent event) {
    ensureOpen();
    return DurableFiles.withLock(lockFile, () -> {
      syncTail();
      long seq = lastSeq + 1;
      JsonObject r = new JsonObject().put("seq", seq).put("at", clock.instant().toString());
      r.put("actor", new JsonObject()
          .put("keyId", event.actor().keyId())
          .put("name", event.actor().name())
          .put("role", event.actor().role()));
      r.put("action", event.action());
      if (event.bank() != null) {
        r.put("bank", event.bank());
      }
      if (!event.entryIds().isEmpty()) {
        r.put("entryIds", new JsonArray(new ArrayList<>(event.entryIds())));
      }
      if (event.keyId() != null) {
        r.put("keyId", event.keyId());
      }
      if (event.reason() != null) {
        r.put("reason", event.reason());
      }
      if (!event.details().isEmpty()) {
        JsonObject d = new JsonObject();
        event.details().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(e -> d.put(e.getKey(), e.getValue()));
        r.put("details", d);
      }
      String json = r.encode();
      String prev = lastHash;
      String line = AuditLogFormatV1.line(prev, json);
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      try {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long pos = knownSize;
        while (buf.hasRemaining()) {
          pos += channel.write(buf, pos);
        }
        channel.force(true);
      } catch (IOException e) {
        throw new AuditLogException("cannot append to " + file + ": " + e.getMessage(), e);
      }
      remember(seq, knownSize);
      knownSize += bytes.length;
      lastSeq = seq;
      lastHash = line.substring(9, 9 + 64);
      return new AuditRecord(seq, lastHash, prev, r);
    });
  }

  /**
   * Records with {@code seq > sinceSeq}, oldest first, at most {@code limit} of them.
   *
   * @throws AuditLogException if the log no longer verifies
   */
  public synchronized List<AuditRecord> read(long sinceSeq, int limit) {
    ensureOpen();
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    DurableFiles.withLock(lockFile, () -> {
      syncTail();
      return null;
    });
    List<AuditRecord> out = new ArrayList<>();
    long first = Math.max(1, sinceSeq + 1);
    for (long seq = first; seq <= lastSeq && out.size() < limit; seq++) {
      long start = offsets[(int) (seq - 1)];
      long end = seq == lastSeq ? knownSize : offsets[(int) seq];
      String line = readLine(start, end);
      String prev = line.substring(9 + 64 + 10, 9 + 64 + 10 + 64);
      out.add(AuditLogFormatV1.parse(line, (int) seq + 1, prev, seq));
    }
    return out;
  }

  /**
   * The sequence number just before the first record at or after {@code since} (so that {@code
   * read(seqBefore(t), n)} starts there). Records are in append order, which is time order up to
   * clock steps; the scan stops at the first record not before {@code since}.
   */
  public synchronized long seqBefore(Instant since) {
    ensureOpen();
    DurableFiles.withLock(lockFile, () -> {
      syncTail();
      return null;
    });
    for (long seq = 1; seq <= lastSeq; seq++) {
      long start = offsets[(int) (seq - 1)];
      long end = seq == lastSeq ? knownSize : offsets[(int) seq];
      String line = readLine(start, end);
      String prev = line.substring(9 + 64 + 10, 9 + 64 + 10 + 64);
      AuditRecord r = AuditLogFormatV1.parse(line, (int) seq + 1, prev, seq);
      if (!Instant.parse(r.record().getString("at")).isBefore(since)) {
        return seq - 1;
      }
    }
    return lastSeq;
  }

  /** Sequence number of the last record, 0 if there is none. */
  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** Chain hash of the last record (the header's hash if there is none). */
  public synchronized String lastHash() {
    return lastHash;
  }

  /**
   * Re-verifies the whole chain from the start.
   *
   * @return the number of records verified
   * @throws AuditLogException at the first record that fails
   */
  public static long verify(Path dataDir) {
    try (AuditLog log = open(dataDir)) {
      return log.lastSeq();
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("audit log is closed");
    }
  }

  private void createIfMissing() {
    if (Files.exists(file)) {
      return;
    }
    DurableFiles.atomicWrite(
        file, (AuditLogFormatV1.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private void verifyHeader() {
    try {
      long size = channel.size();
      int headerLen = AuditLogFormatV1.HEADER.length() + 1;
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, 4096));
      channel.read(buf, 0);
      byte[] b = Arrays.copyOf(buf.array(), buf.position());
      int nl = indexOf(b, (byte) '\n');
      if (nl < 0) {
        throw new AuditLogException("audit log " + file + " has no complete header line");
      }
      AuditLogFormatV1.checkHeader(new String(b, 0, nl, StandardCharsets.UTF_8));
      knownSize = headerLen;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads and verifies records appended since {@link #knownSize}; cuts a torn last line. */
  private void syncTail() {
    try {
      long size = channel.size();
      if (size < knownSize) {
        throw new AuditLogException(
            "audit log " + file + " shrank from " + knownSize + " to " + size + " bytes");
      }
      if (size == knownSize) {
        return;
      }
      channel.position(knownSize);
      var in = new java.io.BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long pos = knownSize;
      long lineStart = pos;
      int c;
      while (pos < size && (c = in.read()) >= 0) {
        pos++;
        if (c != '\n') {
          if (line.size() >= MAX_LINE_BYTES) {
            throw new AuditLogException(
                "audit log line " + (lastSeq + 2) + " is longer than " + MAX_LINE_BYTES + " bytes");
          }
          line.write(c);
          continue;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        AuditRecord r = AuditLogFormatV1.parse(text, (int) (lastSeq + 2), lastHash, lastSeq + 1);
        remember(r.seq(), lineStart);
        lastSeq = r.seq();
        lastHash = r.hash();
        knownSize = pos;
        line.reset();
        lineStart = pos;
      }
      if (line.size() > 0) {
        LOG.log(Level.WARNING,
            "audit log {0}: cutting a torn, never-acknowledged last line of {1} bytes", file,
            line.size());
        channel.truncate(knownSize);
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void remember(long seq, long offset) {
    int i = (int) (seq - 1);
    if (i >= offsets.length) {
      offsets = Arrays.copyOf(offsets, Math.max(offsets.length * 2, i + 1));
    }
    offsets[i] = offset;
  }

  private String readLine(long start, long end) {
    try {
      ByteBuffer buf = ByteBuffer.allocate((int) (end - start));
      long pos = start;
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos);
        if (n < 0) {
          throw new AuditLogException("audit log " + file + " ended inside a record");
        }
        pos += n;
      }
      int len = buf.position();
      if (len > 0 && buf.array()[len - 1] == '\n') {
        len--;
      }
      return new String(buf.array(), 0, len, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }
}

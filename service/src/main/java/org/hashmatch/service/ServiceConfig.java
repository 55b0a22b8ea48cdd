package org.hashmatch.service;

import java.nio.file.Path;

/**
 * Everything the service needs to start.
 *
 * @param dataDir where the index, keys and audit log live
 * @param host interface to listen on
 * @param port TCP port; 0 picks a free one
 * @param bodyLimitBytes largest request body accepted (413 beyond)
 * @param maxPixels largest decoded image accepted (413 beyond)
 * @param hashWorkers threads decoding and hashing images
 * @param maxQueuedImages image requests queued or running before 503
 * @param batchLimit largest number of hash sets in one batch call
 * @param requestTimeoutMillis per-request timeout
 * @param logQueryHashes whether the access log may contain matchers' query hashes
 */
public record ServiceConfig(
    Path dataDir,
    String host,
    int port,
    long bodyLimitBytes,
    long maxPixels,
    int hashWorkers,
    int maxQueuedImages,
    int batchLimit,
    long requestTimeoutMillis,
    boolean logQueryHashes) {

  /** Defaults: port 8080 on all interfaces, 20 MB bodies, 100 MP, one hashing thread per core. */
  public static ServiceConfig defaults(Path dataDir) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServiceConfig(
        dataDir, "0.0.0.0", 8080, 20L * 1024 * 1024, 100_000_000L, cores, 4 * cores + 16, 1000,
        10_000, false);
  }
}

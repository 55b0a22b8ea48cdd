package org.hashmatch.service;

import java.nio.file.Path;

/**
 * Everything the service needs to start.
 *
 * @param dataDir where the index ({@code index/}), keys ({@code keys.hmk}) and audit log ({@code
 *     audit.log}) live
 * @param host interface to listen on
 * @param port TCP port; 0 picks a free one
 * @param bodyLimitBytes largest request body accepted (413 beyond)
 * @param maxPixels largest decoded image accepted (413 beyond)
 * @param hashWorkers threads decoding and hashing images
 * @param maxQueuedImages image requests queued or running before 503
 * @param batchLimit largest number of hash sets in one batch call
 * @param requestTimeoutMillis per-request timeout (503 beyond)
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

  public ServiceConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (bodyLimitBytes < 1024) {
      throw new IllegalArgumentException("bodyLimitBytes must be at least 1024, got " + bodyLimitBytes);
    }
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
    }
    if (hashWorkers < 1) {
      throw new IllegalArgumentException("hashWorkers must be positive, got " + hashWorkers);
    }
    if (maxQueuedImages < 1) {
      throw new IllegalArgumentException("maxQueuedImages must be positive, got " + maxQueuedImages);
    }
    if (batchLimit < 1) {
      throw new IllegalArgumentException("batchLimit must be positive, got " + batchLimit);
    }
    if (requestTimeoutMillis < 1) {
      throw new IllegalArgumentException(
          "requestTimeoutMillis must be positive, got " + requestTimeoutMillis);
    }
  }

  /** Defaults: port 8080 on all interfaces, 20 MB bodies, 100 MP, one hashing thread per core. */
  public static ServiceConfig defaults(Path dataDir) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServiceConfig(
        dataDir, "0.0.0.0", 8080, 20L * 1024 * 1024, 100_000_000L, cores, 4 * cores + 16, 1000,
        10_000, false);
  }

  /** This config listening on {@code port}. */
  public ServiceConfig withPort(int port) {
    return new ServiceConfig(dataDir, host, port, bodyLimitBytes, maxPixels, hashWorkers,
        maxQueuedImages, batchLimit, requestTimeoutMillis, logQueryHashes);
  }
}

package org.hashmatch.bench.load;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the service listens and the API key to present.
 *
 * @param host host name or address
 * @param port TCP port
 * @param ssl whether to use TLS ({@code https})
 * @param basePath path prefix without a trailing slash ({@code ""} for none)
 * @param key the bearer API key, sent as {@code Authorization: Bearer <key>}
 */
public record Target(String host, int port, boolean ssl, String basePath, String key) {

  /** Validates the fields. */
  public Target {
    if (host.isBlank()) {
      throw new UsageException("target host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new UsageException("target port must be in [1, 65535], got " + port);
    }
    if (basePath.endsWith("/")) {
      throw new UsageException("base path must not end with '/', got '" + basePath + "'");
    }
  }

  /**
   * Parses {@code http://host:port[/prefix]} or {@code https://...}.
   *
   * @throws UsageException if the URL is not an absolute http(s) URL with a host
   */
  public static Target parse(String url, String key) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new UsageException("--target is not a URL: '" + url + "' (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new UsageException("--target must start with http:// or https://, got '" + url + "'");
    }
    if (uri.getHost() == null) {
      throw new UsageException("--target has no host: '" + url + "'");
    }
    boolean ssl = scheme.equals("https");
    int port = uri.getPort() >= 0 ? uri.getPort() : (ssl ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Target(uri.getHost(), port, ssl, path, key);
  }

  /** The request URI for an API path such as {@code /v1/match}. */
  public String uri(String path) {
    return basePath + path;
  }

  /** The URL without the key, for printing. */
  public String display() {
    return (ssl ? "https://" : "http://") + host + ":" + port + basePath;
  }
}

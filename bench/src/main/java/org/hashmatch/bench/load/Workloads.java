package org.hashmatch.bench.load;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hashmatch.hashing.Hash256;
import org.jspecify.annotations.Nullable;

/** The workloads behind each {@link Scenario}, and the requests they share. */
final class Workloads {
  /** Largest total size of images loaded for {@code match-image}. */
  static final long MAX_IMAGE_BYTES = 512L * 1024 * 1024;
  /** Most images loaded for {@code match-image}. */
  static final int MAX_IMAGES = 5_000;

  private Workloads() {}

  /**
   * Builds the workload for a scenario, doing any setup against the service first (listing planted
   * hashes, creating the bank). Blocks; call from the main thread.
   *
   * @throws LoadSetupException if the setup fails (unreachable service, empty bank, no images)
   */
  static Workload create(LoadOptions o, HttpTarget http) {
    return switch (o.scenario()) {
      case HEALTH -> index -> RequestSpec.get("health", "/healthz");
      case MATCH_HASH -> matchHash(o, http);
      case MATCH_IMAGE -> new MatchImage(loadImages(o.images()), o.bank(), o.seed());
      case MIXED -> new Mixed(matchHash(o, http), o.bank(), o.addFraction(), o.seed());
      case FRESHNESS -> {
        BankApi.ensureBank(http, o.bank());
        yield new FreshnessWorkload(http, o.bank(), o.seed(), o.freshnessTimeoutMillis());
      }
    };
  }

  private static MatchHash matchHash(LoadOptions o, HttpTarget http) {
    List<Hash256> planted = BankApi.listPdq(http, o.bank(), 1_000);
    if (planted.isEmpty()) {
      throw new LoadSetupException(
          "bank '" + o.bank() + "' has no PDQ entries to plant; fill it first with "
              + "bin/hashmatch bench seed --bank " + o.bank() + " --size N");
    }
    return new MatchHash(planted, o.bank(), o.seed(), o.plantedFraction(), o.maxFlipBits());
  }

  static String bankPath(String bank) {
    return "/v1/banks/" + URLEncoder.encode(bank, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String matchPath(String bank) {
    return "/v1/match?banks=" + URLEncoder.encode(bank, StandardCharsets.UTF_8);
  }

  static RequestSpec matchHashSpec(String bank, Hash256 pdq, @Nullable Object attachment) {
    byte[] body = new JsonObject().put("pdq", pdq.toHex()).toBuffer().getBytes();
    return new RequestSpec(
        "match", HttpMethod.POST, matchPath(bank), "application/json", body, 200, attachment);
  }

  static RequestSpec addSpec(String bank, Hash256 pdq, String reference) {
    byte[] body =
        new JsonObject()
            .put("pdq", pdq.toHex())
            .put("quality", 100)
            .put("reference", reference)
            .toBuffer()
            .getBytes();
    return new RequestSpec(
        "add", HttpMethod.POST, bankPath(bank) + "/entries", "application/json", body, 201, pdq);
  }

  /**
   * A match workload that counts the {@code decision} of its successful answers, so a summary
   * shows whether planted queries matched at all. Thread-safe.
   */
  abstract static class DecisionCounting implements Workload {
    private volatile Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void beginRun() {
      counts = new ConcurrentHashMap<>();
    }

    @Override
    public void onExchange(RequestSpec spec, Exchange e, boolean measured) {
      if (!measured || !spec.kind().equals("match") || e.status() != 200) {
        return;
      }
      String decision;
      try {
        decision = e.body().toJsonObject().getString("decision", "(missing)");
      } catch (DecodeException | ClassCastException ex) {
        decision = "(not json)";
      }
      counts.computeIfAbsent(decision, k -> new LongAdder()).increment();
    }

    @Override
    public void report(JsonObject summary) {
      JsonObject j = new JsonObject();
      new TreeMap<>(counts).forEach((k, v) -> j.put(k, v.sum()));
      summary.put("decisions", j);
    }
  }

  /** Planted hashes (with a few bits flipped) mixed with random ones. */
  static final class MatchHash extends DecisionCounting {
    private final List<Hash256> planted;
    private final String bank;
    private final SplittableRandom random;
    private final double plantedFraction;
    private final int maxFlipBits;

    MatchHash(List<Hash256> planted, String bank, long seed, double plantedFraction, int maxFlipBits) {
      if (planted.isEmpty() && plantedFraction > 0) {
        throw new IllegalArgumentException("planted fraction " + plantedFraction + " needs planted hashes");
      }
      this.planted = List.copyOf(planted);
      this.bank = bank;
      this.random = new SplittableRandom(seed);
      this.plantedFraction = plantedFraction;
      this.maxFlipBits = maxFlipBits;
    }

    @Override
    public RequestSpec next(long index) {
      Hash256 q;
      if (random.nextDouble() < plantedFraction) {
        Hash256 p = planted.get(random.nextInt(planted.size()));
        q = SyntheticHashes.flipBits(p, random.nextInt(maxFlipBits + 1), random);
      } else {
        q = SyntheticHashes.random(random);
      }
      return matchHashSpec(bank, q, null);
    }
  }

  /** Raw image bodies, uniformly at random. */
  static final class MatchImage extends DecisionCounting {
    private final List<ImageBody> images;
    private final String path;
    private final SplittableRandom random;

    MatchImage(List<ImageBody> images, String bank, long seed) {
      if (images.isEmpty()) {
        throw new IllegalArgumentException("no images");
      }
      this.images = List.copyOf(images);
      this.path = matchPath(bank);
      this.random = new SplittableRandom(seed);
    }

    @Override
    public RequestSpec next(long index) {
      ImageBody img = images.get(random.nextInt(images.size()));
      return new RequestSpec("match", HttpMethod.POST, path, img.contentType(), img.bytes(), 200, null);
    }

    @Override
    public void report(JsonObject summary) {
      super.report(summary);
      summary.put("images", images.size());
    }
  }

  /** {@code match-hash} with a share of entry adds. */
  static final class Mixed implements Workload {
    private final MatchHash matches;
    private final String bank;
    private final double addFraction;
    private final SplittableRandom random;
    private final long seed;

    Mixed(MatchHash matches, String bank, double addFraction, long seed) {
      this.matches = matches;
      this.bank = bank;
      this.addFraction = addFraction;
      this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
      this.seed = seed;
    }

    @Override
    public RequestSpec next(long index) {
      if (random.nextDouble() < addFraction) {
        return addSpec(bank, SyntheticHashes.random(random), "bench-mixed-" + seed + "-" + index);
      }
      return matches.next(index);
    }

    @Override
    public void onExchange(RequestSpec spec, Exchange exchange, boolean measured) {
      matches.onExchange(spec, exchange, measured);
    }

    @Override
    public void beginRun() {
      matches.beginRun();
    }

    @Override
    public void report(JsonObject summary) {
      matches.report(summary);
    }
  }

  /**
   * An image loaded in memory.
   *
   * @param bytes the file content, owned by this record and never modified
   */
  record ImageBody(String name, String contentType, byte[] bytes) {}

  /**
   * Loads the JPEG and PNG files under {@code dir} (sorted by path, at most {@link #MAX_IMAGES} and
   * {@link #MAX_IMAGE_BYTES} in total).
   *
   * @throws LoadSetupException if the folder cannot be read or holds no such image
   */
  static List<ImageBody> loadImages(@Nullable Path dir) {
    if (dir == null) {
      throw new LoadSetupException("match-image needs --images DIR");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, 4)) {
      files = s.filter(Files::isRegularFile).filter(p -> contentType(p) != null).sorted().toList();
    } catch (IOException e) {
      throw new LoadSetupException("cannot list images in " + dir + ": " + e.getMessage(), e);
    }
    List<ImageBody> images = new ArrayList<>();
    long total = 0;
    for (Path p : files) {
      if (images.size() >= MAX_IMAGES) {
        break;
      }
      try {
        long size = Files.size(p);
        if (total + size > MAX_IMAGE_BYTES) {
          break;
        }
        byte[] bytes = Files.readAllBytes(p);
        total += bytes.length;
        String type = contentType(p);
        images.add(new ImageBody(p.getFileName().toString(), type == null ? "image/jpeg" : type, bytes));
      } catch (IOException e) {
        throw new LoadSetupException("cannot read image " + p + ": " + e.getMessage(), e);
      }
    }
    if (images.isEmpty()) {
      throw new LoadSetupException("no .jpg, .jpeg or .png files under " + dir);
    }
    return images;
  }

  private static @Nullable String contentType(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (n.endsWith(".png")) {
      return "image/png";
    }
    return null;
  }
}

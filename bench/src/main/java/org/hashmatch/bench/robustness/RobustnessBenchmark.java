package org.hashmatch.bench.robustness;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashmatch.hashing.Hash64;
import org.hashmatch.hashing.image.DecodedImage;
import org.hashmatch.hashing.image.ImageFormat;
import org.jspecify.annotations.Nullable;

/**
 * The measurement behind {@code bench robustness}: prepare and deduplicate the corpus, split it,
 * hash every bank and distractor image under every transform, and match each query against the
 * bank with every matcher variant by exact linear scan.
 *
 * <p>Pipeline, per image on a small thread pool: read the file, normalise (RGB, longest side at
 * most {@code maxSide} by area averaging), hash the normalised image (for bank images with the
 * bank-side variants), then apply each transform to the normalised image and hash the result as
 * the service would hash an upload. Matching runs afterwards on the calling thread.
 */
final class RobustnessBenchmark {

  /** The pseudo-transform "the image as it is", queried first. */
  static final String ORIGINAL = "original";

  /**
   * Settings of one run.
   *
   * @param sample at most this many images after deduplication, 0 for all
   * @param seed seeds the split and per-image randomness
   * @param threads worker threads for loading and hashing
   * @param maxSide normalisation: longest side in pixels at most
   */
  record Settings(int sample, long seed, int threads, int maxSide) {
    Settings {
      if (sample < 0) {
        throw new IllegalArgumentException("--sample must be >= 0, got " + sample);
      }
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("--threads must be in [1, 64], got " + threads);
      }
      if (maxSide < 16) {
        throw new IllegalArgumentException("--max-side must be >= 16, got " + maxSide);
      }
    }
  }

  /**
   * Recall of one transform under one variant.
   *
   * @param hits transformed bank images whose own entry matched
   * @param total transformed bank images queried
   * @param wrongQueries of those, queries that also matched at least one other entry
   * @param misses the bank files whose own entry did not match
   */
  record Cell(int hits, int total, int wrongQueries, List<String> misses) {
    Cell {
      misses = List.copyOf(misses);
    }

    double recall() {
      return total == 0 ? 0 : (double) hits / total;
    }
  }

  /**
   * Per-variant false-positive counts of distractor queries.
   *
   * @param untransformedQueries distractors queried as they are
   * @param untransformedWithMatch of those, queries with at least one match
   * @param transformedQueries transformed distractors queried
   * @param transformedWithMatch of those, queries with at least one match
   * @param perTransform queries with at least one match per transform (original included)
   * @param closest the distractor query closest to any bank hash, matched or not (kind {@code
   *     nearest}); null when no distractor query had a probe
   * @param nearestPercentiles the distance from a distractor query to its nearest bank hash at
   *     the 0.1st, 1st and 50th percentile over all distractor queries with probes
   */
  record FalsePositives(
      int untransformedQueries,
      int untransformedWithMatch,
      int transformedQueries,
      int transformedWithMatch,
      Map<String, Integer> perTransform,
      @Nullable FalseMatch closest,
      List<Integer> nearestPercentiles) {

    FalsePositives {
      perTransform = Collections.unmodifiableMap(new LinkedHashMap<>(perTransform));
      nearestPercentiles = List.copyOf(nearestPercentiles);
    }

    int queries() {
      return untransformedQueries + transformedQueries;
    }

    int withMatch() {
      return untransformedWithMatch + transformedWithMatch;
    }

    double rate() {
      return queries() == 0 ? 0 : (double) withMatch() / queries();
    }
  }

  /**
   * One false match, to be looked at by a person.
   *
   * @param variant the matcher variant
   * @param kind {@code distractor} (a distractor query matched a bank entry), {@code bank-other}
   *     (a transformed bank image matched an entry other than its own) or {@code nearest} (not a
   *     match: the closest distractor pair, whatever the radius)
   * @param query the query's file
   * @param transform the transform applied to the query
   * @param bank the matched entry's file
   * @param distance Hamming distance
   * @param probe which query probe hit (dihedral variant, {@code trim/} when trimmed)
   * @param entryVariant which stored hash hit; null for the entry's primary hash
   */
  record FalseMatch(
      MatcherVariant variant,
      String kind,
      String query,
      String transform,
      String bank,
      int distance,
      String probe,
      @Nullable String entryVariant) {}

  /**
   * The low tier of the quality gate under one variant: pairs whose query or bank hash has a
   * quality in [{@link MatcherVariant#LOW_FLOOR}, {@link MatcherVariant#MIN_QUALITY}).
   *
   * @param ownDistances for each bank query (any transform) with a low-tier pair to its own entry,
   *     the smallest such distance, sorted
   * @param nearestOther the closest low-tier pair between any query and an entry not its own
   *     (kind {@code nearest-low}), whatever the radius; null when there is no low-tier pair
   */
  record LowTier(List<Integer> ownDistances, @Nullable FalseMatch nearestOther) {
    LowTier {
      ownDistances = List.copyOf(ownDistances);
    }
  }

  /**
   * Everything a report needs.
   *
   * @param settings the run's settings
   * @param corpusFiles images found (after the set filter)
   * @param setCounts images per manifest set
   * @param unreadable files that could not be decoded, with the reason
   * @param transparent files with non-opaque pixels
   * @param dedup deduplication outcome
   * @param bank bank half, by file name
   * @param distractors distractor half, by file name
   * @param transforms the suite
   * @param variants the measured variants
   * @param robust description of the robust side, null when not measured
   * @param recall per transform (original first), per variant
   * @param falsePositives per variant
   * @param falseMatches every false match, all variants
   * @param meanTransformMillis per transform, mean wall time to edit and hash one image
   * @param trimmedQueries per transform, queries (bank and distractor) whose borders were trimmed
   * @param meanBankVariants mean number of variants stored per bank entry (augmentation column)
   * @param lowQualityBank bank files whose PDQ quality is under the gate, with the quality
   * @param lowTier per gated variant, the distances of its low-tier pairs
   * @param timings seconds per phase
   */
  record Result(
      Settings settings,
      int corpusFiles,
      Map<String, Integer> setCounts,
      Map<String, String> unreadable,
      int transparent,
      Dedup.Result dedup,
      List<String> bank,
      List<String> distractors,
      List<Transform> transforms,
      List<MatcherVariant> variants,
      @Nullable String robust,
      Map<String, Map<MatcherVariant, Cell>> recall,
      Map<MatcherVariant, FalsePositives> falsePositives,
      List<FalseMatch> falseMatches,
      Map<String, Double> meanTransformMillis,
      Map<String, Integer> trimmedQueries,
      double meanBankVariants,
      Map<String, Integer> lowQualityBank,
      Map<MatcherVariant, LowTier> lowTier,
      Map<String, Double> timings) {}

  private final Settings settings;
  private final List<Transform> suite;
  private final Hashing hashing;
  private final PrintStream progress;

  RobustnessBenchmark(
      Settings settings, List<Transform> suite, @Nullable RobustSide robust, PrintStream progress) {
    this.settings = settings;
    this.suite = List.copyOf(suite);
    this.hashing = new Hashing(robust);
    this.progress = progress;
  }

  /** A prepared corpus image: its fingerprint and corpus item. */
  private record Prepared(Corpus.Item item, Dedup.Fingerprint fingerprint, boolean transparent) {}

  /** Hashes of one image under the original (index 0) and each transform. */
  private record Hashed(HashedImage[] byTransform, long[] nanos) {}

  Result run(List<Corpus.Item> items) throws InterruptedException {
    return run(items, List.of());
  }

  /**
   * Runs the measurement; {@code extraDistractors} are deduplicated with the corpus (after it in
   * file order) but never split into the bank: every kept one is a further distractor.
   */
  Result run(List<Corpus.Item> corpusItems, List<Corpus.Item> extraDistractors)
      throws InterruptedException {
    List<Corpus.Item> items = new ArrayList<>(corpusItems);
    items.addAll(extraDistractors);
    java.util.Set<String> extraFiles = new java.util.HashSet<>();
    extraDistractors.forEach(i -> extraFiles.add(i.file()));
    Map<String, Double> timings = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    try {
      // 1. Prepare: read, normalise, fingerprint.
      progress.printf(Locale.ROOT, "robustness: preparing %d images on %d threads%n",
          items.size(), settings.threads());
      List<Future<Object>> prepFutures = new ArrayList<>();
      AtomicInteger done = new AtomicInteger();
      for (Corpus.Item item : items) {
        prepFutures.add(pool.submit(() -> {
          Object r;
          try {
            r = prepare(item);
          } catch (RuntimeException e) {
            r = e.getClass().getSimpleName() + ": " + e.getMessage();
          }
          tick(done, items.size(), "prepared");
          return r;
        }));
      }
      List<Prepared> prepared = new ArrayList<>();
      Map<String, String> unreadable = new LinkedHashMap<>();
      Map<String, Integer> setCounts = new LinkedHashMap<>();
      for (int i = 0; i < items.size(); i++) {
        Object r = get(prepFutures.get(i));
        setCounts.merge(items.get(i).set(), 1, Integer::sum);
        if (r instanceof Prepared p) {
          prepared.add(p);
        } else {
          unreadable.put(items.get(i).file(), String.valueOf(r));
        }
      }
      timings.put("prepareSeconds", seconds(t0));

      // 2. Deduplicate in file order, then shuffle with the seed, sample and split.
      long t1 = System.nanoTime();
      Dedup.Result dedup = Dedup.run(prepared.stream().map(Prepared::fingerprint).toList());
      Map<String, Prepared> byFile = new LinkedHashMap<>();
      prepared.forEach(p -> byFile.put(p.item().file(), p));
      List<String> kept = dedup.kept().stream().map(Dedup.Fingerprint::file)
          .filter(f -> !extraFiles.contains(f)).toList();
      Split split = split(kept, settings.sample(), settings.seed());
      if (!extraFiles.isEmpty()) {
        List<String> distractors = new ArrayList<>(split.distractors());
        dedup.kept().stream().map(Dedup.Fingerprint::file).filter(extraFiles::contains)
            .sorted().forEach(distractors::add);
        split = new Split(split.bank(), List.copyOf(distractors));
      }
      timings.put("dedupSeconds", seconds(t1));
      progress.printf(Locale.ROOT,
          "robustness: %d readable, %d kept after dedup, bank %d, distractors %d%n",
          prepared.size(), kept.size(), split.bank().size(), split.distractors().size());

      // 3. Hash every image under every transform.
      long t2 = System.nanoTime();
      List<String> all = new ArrayList<>(split.bank());
      all.addAll(split.distractors());
      int bankSize = split.bank().size();
      List<Future<Hashed>> hashFutures = new ArrayList<>();
      AtomicInteger hashedCount = new AtomicInteger();
      for (int i = 0; i < all.size(); i++) {
        Corpus.Item item = byFile.get(all.get(i)).item();
        boolean bankSide = i < bankSize;
        hashFutures.add(pool.submit(() -> {
          Hashed h = hashAll(item, bankSide);
          tick(hashedCount, all.size(), "hashed under " + suite.size() + " transforms");
          return h;
        }));
      }
      List<Hashed> hashed = new ArrayList<>();
      for (Future<Hashed> f : hashFutures) {
        hashed.add(get(f));
      }
      timings.put("hashSeconds", seconds(t2));

      // 4. Match.
      long t3 = System.nanoTime();
      List<MatcherVariant> variants = new ArrayList<>();
      for (MatcherVariant v : MatcherVariant.values()) {
        if (!v.needsRobust() || hashing.robust() != null) {
          variants.add(v);
        }
      }
      List<String> transformNames = new ArrayList<>();
      transformNames.add(ORIGINAL);
      suite.forEach(t -> transformNames.add(t.name()));
      Map<String, Map<MatcherVariant, Cell>> recall = new LinkedHashMap<>();
      transformNames.forEach(n -> recall.put(n, new EnumMap<>(MatcherVariant.class)));
      Map<MatcherVariant, FalsePositives> fps = new EnumMap<>(MatcherVariant.class);
      Map<MatcherVariant, LowTier> lowTier = new EnumMap<>(MatcherVariant.class);
      List<FalseMatch> falseMatches = new ArrayList<>();
      for (MatcherVariant v : variants) {
        match(v, all, bankSize, hashed, transformNames, recall, fps, falseMatches, lowTier);
      }
      timings.put("matchSeconds", seconds(t3));
      timings.put("totalSeconds", seconds(t0));

      Map<String, Double> meanMillis = new LinkedHashMap<>();
      Map<String, Integer> trimmedQueries = new LinkedHashMap<>();
      for (int t = 0; t < transformNames.size(); t++) {
        long sum = 0;
        int trimmed = 0;
        for (Hashed h : hashed) {
          sum += h.nanos()[t];
          trimmed += h.byTransform()[t].trimmed() != null ? 1 : 0;
        }
        meanMillis.put(transformNames.get(t), hashed.isEmpty() ? 0 : sum / 1e6 / hashed.size());
        trimmedQueries.put(transformNames.get(t), trimmed);
      }
      Map<String, Integer> lowQuality = new LinkedHashMap<>();
      for (int b = 0; b < bankSize; b++) {
        int q = hashed.get(b).byTransform()[0].pdq().quality();
        if (q < MatcherVariant.MIN_QUALITY) {
          lowQuality.put(all.get(b), q);
        }
      }
      double meanVariants = hashed.subList(0, bankSize).stream()
          .mapToInt(h -> h.byTransform()[0].bankVariants().size()).average().orElse(0);
      int transparent = (int) prepared.stream().filter(Prepared::transparent).count();
      return new Result(settings, items.size(), setCounts, unreadable, transparent, dedup,
          split.bank(), split.distractors(), suite, variants,
          hashing.robust() != null ? hashing.robust().describe() : null, recall, fps,
          falseMatches, meanMillis, trimmedQueries, meanVariants, lowQuality, lowTier, timings);
    } finally {
      pool.shutdownNow();
    }
  }

  private void match(
      MatcherVariant v,
      List<String> files,
      int bankSize,
      List<Hashed> hashed,
      List<String> transformNames,
      Map<String, Map<MatcherVariant, Cell>> recall,
      Map<MatcherVariant, FalsePositives> fps,
      List<FalseMatch> falseMatches,
      Map<MatcherVariant, LowTier> lowTier) {
    List<List<LinearBank.Labeled>> stored = new ArrayList<>();
    List<Hash64> phashes = new ArrayList<>();
    for (int b = 0; b < bankSize; b++) {
      HashedImage entry = hashed.get(b).byTransform()[0];
      stored.add(v.stored(entry));
      phashes.add(entry.phash());
    }
    LinearBank bank = v.bank(stored);

    Map<String, Integer> perTransform = new LinkedHashMap<>();
    int[] fp = new int[4];
    List<Integer> nearestDistances = new ArrayList<>();
    FalseMatch closest = null;
    List<Integer> lowOwn = new ArrayList<>();
    FalseMatch lowOther = null;
    for (int t = 0; t < transformNames.size(); t++) {
      String tn = transformNames.get(t);
      int hits = 0;
      int wrong = 0;
      int distractorHits = 0;
      List<String> misses = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        HashedImage q = hashed.get(i).byTransform()[t];
        List<LinearBank.Hit> found =
            v == MatcherVariant.PHASH
                ? LinearBank.searchPhash(phashes, q.phash(), v.radius())
                : bank.search(v.probes(q));
        boolean isBank = i < bankSize;
        if (v.gated()) {
          List<LinearBank.@Nullable Hit> low = bank.nearestLowTier(v.probes(q));
          for (int e = 0; e < low.size(); e++) {
            LinearBank.Hit h = low.get(e);
            if (h == null) {
              continue;
            }
            if (isBank && e == i) {
              lowOwn.add(h.distance());
            } else if (lowOther == null || h.distance() < lowOther.distance()) {
              lowOther = new FalseMatch(v, "nearest-low", files.get(i), tn, files.get(e),
                  h.distance(), h.probe(), h.entryVariant());
            }
          }
        }
        if (!isBank) {
          LinearBank.Hit n =
              v == MatcherVariant.PHASH
                  ? LinearBank.nearestPhash(phashes, q.phash())
                  : bank.nearest(v.probes(q));
          if (n != null) {
            nearestDistances.add(n.distance());
            if (closest == null || n.distance() < closest.distance()) {
              closest = new FalseMatch(v, "nearest", files.get(i), tn, files.get(n.entry()),
                  n.distance(), n.probe(), n.entryVariant());
            }
          }
        }
        boolean own = false;
        boolean other = false;
        for (LinearBank.Hit h : found) {
          if (isBank && h.entry() == i) {
            own = true;
          } else {
            other = true;
            falseMatches.add(new FalseMatch(v, isBank ? "bank-other" : "distractor",
                files.get(i), tn, files.get(h.entry()), h.distance(), h.probe(),
                h.entryVariant()));
          }
        }
        if (isBank) {
          hits += own ? 1 : 0;
          if (!own) {
            misses.add(files.get(i));
          }
          wrong += other ? 1 : 0;
        } else {
          int k = t == 0 ? 0 : 2;
          fp[k]++;
          if (other) {
            fp[k + 1]++;
            distractorHits++;
          }
        }
      }
      recall.get(tn).put(v, new Cell(hits, bankSize, wrong, misses));
      perTransform.put(tn, distractorHits);
    }
    nearestDistances.sort(null);
    List<Integer> pct = new ArrayList<>();
    for (double at : new double[] {0.001, 0.01, 0.5}) {
      pct.add(nearestDistances.isEmpty()
          ? -1
          : nearestDistances.get((int) Math.floor(at * (nearestDistances.size() - 1))));
    }
    fps.put(v, new FalsePositives(fp[0], fp[1], fp[2], fp[3], perTransform, closest, pct));
    if (v.gated()) {
      lowOwn.sort(null);
      lowTier.put(v, new LowTier(lowOwn, lowOther));
    }
  }

  private Prepared prepare(Corpus.Item item) {
    Corpus.Loaded l = Corpus.load(item, settings.maxSide());
    BufferedImage img = l.image();
    DecodedImage planes = DecodedImage.fromBufferedImage(img, ImageFormat.PNG);
    HashedImage h = hashing.hash(planes, false);
    return new Prepared(
        item,
        new Dedup.Fingerprint(item.file(), sha256(l.bytes()), pixelDigest(img), h.pdq()),
        l.transparent());
  }

  private Hashed hashAll(Corpus.Item item, boolean bankSide) {
    long start = System.nanoTime();
    BufferedImage img = Corpus.load(item, settings.maxSide()).image();
    HashedImage[] out = new HashedImage[suite.size() + 1];
    long[] nanos = new long[suite.size() + 1];
    out[0] = hashing.hash(img, 0, bankSide);
    nanos[0] = System.nanoTime() - start;
    long seed = imageSeed(settings.seed(), item.file());
    for (int t = 0; t < suite.size(); t++) {
      long s = System.nanoTime();
      Transform tr = suite.get(t);
      out[t + 1] = hashing.hash(tr.edit().apply(img, seed + t), tr.jpegQuality(), false);
      nanos[t + 1] = System.nanoTime() - s;
    }
    return new Hashed(out, nanos);
  }

  /** Seed of an image's random edits: the run's seed mixed with its file name. */
  static long imageSeed(long seed, String file) {
    return new SplittableRandom(seed ^ (file.hashCode() * 0x9E3779B97F4A7C15L)).nextLong();
  }

  /**
   * The split of a deduplicated corpus.
   *
   * @param bank the bank half, sorted by name
   * @param distractors the distractor half, sorted by name
   */
  record Split(List<String> bank, List<String> distractors) {}

  /**
   * Shuffles {@code files} with {@code seed} (Fisher-Yates on {@link SplittableRandom}), keeps the
   * first {@code sample} (all when 0), and gives the first half, rounded up, to the bank.
   */
  static Split split(List<String> files, int sample, long seed) {
    List<String> order = new ArrayList<>(files);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = order.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      String tmp = order.get(i);
      order.set(i, order.get(j));
      order.set(j, tmp);
    }
    int n = sample == 0 ? order.size() : Math.min(sample, order.size());
    int bankSize = (n + 1) / 2;
    List<String> bank = new ArrayList<>(order.subList(0, bankSize));
    List<String> distractors = new ArrayList<>(order.subList(bankSize, n));
    bank.sort(Comparator.naturalOrder());
    distractors.sort(Comparator.naturalOrder());
    return new Split(List.copyOf(bank), List.copyOf(distractors));
  }

  private void tick(AtomicInteger counter, int total, String what) {
    int n = counter.incrementAndGet();
    if (n == total || n % Math.max(1, total / 20) == 0) {
      progress.printf(Locale.ROOT, "robustness: %d/%d %s%n", n, total, what);
    }
  }

  private static <T> T get(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  static String pixelDigest(BufferedImage rgb) {
    int[] px = Images.pixels(rgb);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(8 + 4 * px.length);
      buf.putInt(rgb.getWidth()).putInt(rgb.getHeight());
      buf.asIntBuffer().put(px);
      return HexFormat.of().formatHex(md.digest(buf.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}

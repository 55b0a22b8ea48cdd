package org.hashmatch.bench.robustness;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashmatch.bench.robustness.RobustnessBenchmark.Cell;
import org.hashmatch.bench.robustness.RobustnessBenchmark.FalseMatch;
import org.hashmatch.bench.robustness.RobustnessBenchmark.FalsePositives;
import org.hashmatch.bench.robustness.RobustnessBenchmark.Result;
import org.hashmatch.index.BankConfig;

/** Renders a {@link Result} as the markdown report (stdout) and as JSON (--out). */
final class RobustnessReport {

  /** Issue 6's goals: transforms that need at least 95 % recall with the deployed matcher. */
  static final List<String> GOAL_95 =
      List.of("pad10-white", "pad10-black", "pad20-white", "pad20-black", "letterbox16x9",
          "caption-top", "caption-bottom", "rot90", "rot180", "rot270", "mirror",
          "resize0.5+jpeg70", "crop5+jpeg70", "mirror+letterbox");

  /** Issue 6's goals: transforms that need at least 80 % recall. */
  static final List<String> GOAL_80 = List.of("crop5", "rot2deg");

  /** Issue 6's goal for the per-query false-match rate on distractors. */
  static final double GOAL_FP_RATE = 0.001;

  /** At most this many false matches are listed in the markdown; the JSON has them all. */
  static final int MARKDOWN_FALSE_MATCH_LIMIT = 400;

  private RobustnessReport() {}

  /** The normalisation rule, stated in every output. */
  static String normalisation(int maxSide) {
    return "each file is decoded with ImageIO, converted to 8-bit RGB (alpha ignored as the service"
        + " does, except the 'stamps' set whose cut-outs are composited onto white), then scaled"
        + " by area averaging so that its longest side is at most " + maxSide + " px (smaller"
        + " images are kept as they are). The normalised image is the bank entry and the input"
        + " of every transform.";
  }

  /** The variant the goals are judged on: the last cumulative PDQ variant that was measured. */
  static MatcherVariant deployed(Result r) {
    MatcherVariant best = MatcherVariant.PDQ;
    for (MatcherVariant v : r.variants()) {
      if (v != MatcherVariant.PHASH) {
        best = v;
      }
    }
    return best;
  }

  static String markdown(Result r, String command) {
    StringBuilder md = new StringBuilder();
    var s = r.settings();
    md.append("## Robustness of the matcher variants\n\n");
    md.append("Command: `").append(command).append("`  \n");
    md.append(String.format(Locale.ROOT,
        "Seed %d, sample %s, %d threads. Corpus: %d files (%s), %d unreadable, %d with"
            + " transparency. Dedup: %d kept, %d dropped (%d exact bytes, %d pixel-identical"
            + " after normalisation, %d near-duplicates: a dihedral PDQ variant within %d of a"
            + " kept image). Split: %d bank images, %d distractors.%n%n",
        s.seed(), s.sample() == 0 ? "all" : String.valueOf(s.sample()), s.threads(),
        r.corpusFiles(), sets(r.setCounts()), r.unreadable().size(), r.transparent(),
        r.dedup().kept().size(), r.dedup().dropped().size(), r.dedup().count("exact-bytes"),
        r.dedup().count("pixel-identical"), r.dedup().count("near-duplicate"), Dedup.NEAR_RADIUS,
        r.bank().size(), r.distractors().size()));
    md.append("Normalisation: ").append(normalisation(s.maxSide())).append("\n\n");
    md.append(String.format(Locale.ROOT,
        "Radii: PDQ %d, pHash %d; quality gate %d, tiered: quality %d-%d matches within PDQ"
            + " radius %d. Robust side: %s.%n%n",
        BankConfig.DEFAULT_PDQ_RADIUS, BankConfig.DEFAULT_PHASH_RADIUS,
        BankConfig.DEFAULT_MIN_QUALITY, MatcherVariant.LOW_FLOOR,
        BankConfig.DEFAULT_MIN_QUALITY - 1, MatcherVariant.LOW_RADIUS,
        r.robust() == null ? "not measured" : r.robust()));

    md.append("### Recall at the deployed radius (% of transformed bank images whose own entry"
        + " matched)\n\n");
    md.append("| transform |");
    for (MatcherVariant v : r.variants()) {
      md.append(' ').append(v.label()).append(" |");
    }
    md.append("\n|---|");
    md.append("---:|".repeat(r.variants().size()));
    md.append('\n');
    for (var row : r.recall().entrySet()) {
      md.append("| ").append(row.getKey()).append(" |");
      for (MatcherVariant v : r.variants()) {
        Cell c = row.getValue().get(v);
        md.append(' ').append(pct(c.recall()));
        if (c.wrongQueries() > 0) {
          md.append(" (").append(c.wrongQueries()).append(" wrong)");
        }
        md.append(" |");
      }
      md.append('\n');
    }
    md.append(String.format(Locale.ROOT,
        "%nEach cell: hits / %d bank images. \"(k wrong)\": k of those queries also matched"
            + " another bank entry (listed below as bank-other).%n%n", r.bank().size()));

    md.append("### Matcher variants\n\n");
    for (MatcherVariant v : r.variants()) {
      md.append("- `").append(v.label()).append("`: ").append(v.description()).append('\n');
    }
    if (r.robust() != null) {
      md.append(String.format(Locale.ROOT,
          "%nBank entries store %.2f variants on average (+augment column).%n",
          r.meanBankVariants()));
    }
    int queries = r.bank().size() + r.distractors().size();
    md.append("\n### Transforms\n\n| transform | parameters | mean ms (edit + hash) | queries"
        + " trimmed |\n|---|---|---:|---:|\n");
    transformRow(md, r, RobustnessBenchmark.ORIGINAL,
        "the normalised image itself (load and normalise included in the time)", queries);
    for (Transform t : r.transforms()) {
      transformRow(md, r, t.name(), t.parameters(), queries);
    }

    md.append("\n### False positives (distractors against the bank)\n\n");
    md.append("| variant | untransformed | transformed | all | per-query rate | nearest bank"
        + " hash: min / 0.1st / 1st pct / median bits |\n|---|---:|---:|---:|---:|---:|\n");
    for (MatcherVariant v : r.variants()) {
      FalsePositives f = r.falsePositives().get(v);
      List<Integer> p = f.nearestPercentiles();
      md.append(String.format(Locale.ROOT, "| %s | %d / %d | %d / %d | %d / %d | %s | %s / %d / %d"
              + " / %d |%n",
          v.label(), f.untransformedWithMatch(), f.untransformedQueries(),
          f.transformedWithMatch(), f.transformedQueries(), f.withMatch(), f.queries(),
          pct3(f.rate()), f.closest() == null ? "-" : String.valueOf(f.closest().distance()),
          p.get(0), p.get(1), p.get(2)));
    }
    md.append("\nCells: queries with at least one match / queries. The last column is the"
        + " distance from each distractor query (all its probes) to the nearest hash stored in the"
        + " bank (all variants), matched or not: the margin below the radius.\n\nClosest"
        + " distractor per variant:\n\n");
    for (MatcherVariant v : r.variants()) {
      FalseMatch c = r.falsePositives().get(v).closest();
      if (c != null) {
        md.append(String.format(Locale.ROOT, "- `%s`: %d bits, %s (%s, probe %s) vs %s (%s)%n",
            v.label(), c.distance(), c.query(), c.transform(), c.probe(), c.bank(),
            c.entryVariant() == null ? "primary" : c.entryVariant()));
      }
    }

    md.append(lowTier(r));
    md.append(goals(r));
    md.append(misses(r));

    md.append("\n### False matches\n\n");
    List<FalseMatch> fm = r.falseMatches();
    if (fm.isEmpty()) {
      md.append("None.\n");
    } else {
      md.append("| variant | kind | query | transform | bank entry | distance | probe |"
          + " entry hash |\n|---|---|---|---|---|---:|---|---|\n");
      int n = Math.min(fm.size(), MARKDOWN_FALSE_MATCH_LIMIT);
      for (FalseMatch m : fm.subList(0, n)) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s | %s |%n",
            m.variant().label(), m.kind(), m.query(), m.transform(), m.bank(), m.distance(),
            m.probe(), m.entryVariant() == null ? "primary" : m.entryVariant()));
      }
      if (n < fm.size()) {
        md.append(String.format(Locale.ROOT,
            "%n%d more false matches are listed in the JSON output (falseMatches).%n",
            fm.size() - n));
      }
    }
    md.append(String.format(Locale.ROOT,
        "%nTimings: %s.%n", timings(r.timings())));
    return md.toString();
  }

  /**
   * The low tier of the quality gate under the deployed variant: how far low-quality queries are
   * from their own entry, and from the closest unrelated one.
   */
  private static String lowTier(Result r) {
    MatcherVariant d = deployed(r);
    RobustnessBenchmark.LowTier t = r.lowTier().get(d);
    if (t == null) {
      return "";
    }
    StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
        "%n### Low tier of the quality gate (`%s`)%n%nPairs whose query or bank hash has a PDQ"
            + " quality in [%d, %d) match only within %d bits. ",
        d.label(), MatcherVariant.LOW_FLOOR, MatcherVariant.MIN_QUALITY, MatcherVariant.LOW_RADIUS));
    List<Integer> own = t.ownDistances();
    long within = own.stream().filter(x -> x <= MatcherVariant.LOW_RADIUS).count();
    m.append(String.format(Locale.ROOT, "Bank queries with such a pair to their own entry: %d,"
        + " %d of them within %d bits; distances %s.", own.size(), within,
        MatcherVariant.LOW_RADIUS, own.isEmpty() ? "-" : own.toString()));
    FalseMatch c = t.nearestOther();
    m.append(c == null
        ? " No query has such a pair with an unrelated entry.\n"
        : String.format(Locale.ROOT, " Closest such pair between any query and an unrelated entry:"
            + " %d bits, %s (%s, probe %s) vs %s (%s).%n", c.distance(), c.query(),
            c.transform(), c.probe(), c.bank(),
            c.entryVariant() == null ? "primary" : c.entryVariant()));
    return m.toString();
  }

  /** The bank images the deployed variant missed on the goal transforms, for a person to look at. */
  private static String misses(Result r) {
    MatcherVariant d = deployed(r);
    StringBuilder m = new StringBuilder();
    m.append("\n### Misses of `").append(d.label()).append("` on the goal transforms\n\n");
    if (!r.lowQualityBank().isEmpty()) {
      m.append(String.format(Locale.ROOT, "Bank images under the quality gate (matched by the"
          + " gated variants only within %d bits, never under quality %d): ",
          MatcherVariant.LOW_RADIUS, MatcherVariant.LOW_FLOOR));
      r.lowQualityBank().forEach((f, q) -> m.append(f).append(" (quality ").append(q)
          .append(") "));
      m.append("\n\n");
    }
    boolean any = false;
    for (String name : concat(GOAL_95, GOAL_80)) {
      Map<MatcherVariant, Cell> row = r.recall().get(name);
      if (row == null || row.get(d) == null || row.get(d).misses().isEmpty()) {
        continue;
      }
      List<String> missed = row.get(d).misses();
      any = true;
      m.append("- ").append(name).append(" (").append(missed.size()).append("): ");
      int shown = Math.min(missed.size(), 12);
      m.append(String.join(", ", missed.subList(0, shown)));
      if (shown < missed.size()) {
        m.append(", ... (all in the JSON)");
      }
      m.append('\n');
    }
    if (!any) {
      m.append("None.\n");
    }
    return m.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void transformRow(
      StringBuilder md, Result r, String name, String parameters, int queries) {
    md.append("| ").append(name).append(" | ").append(parameters).append(" | ")
        .append(String.format(Locale.ROOT, "%.1f",
            r.meanTransformMillis().getOrDefault(name, 0.0)))
        .append(" | ")
        .append(r.robust() == null ? "-" : r.trimmedQueries().getOrDefault(name, 0) + " / "
            + queries)
        .append(" |\n");
  }

  private static String goals(Result r) {
    MatcherVariant d = deployed(r);
    StringBuilder g = new StringBuilder();
    g.append("\n### Goals of issue 6, judged on `").append(d.label()).append("`\n\n");
    g.append("| goal | worst transform | recall | met |\n|---|---|---:|---|\n");
    goalRow(g, r, d, ">= 95 % on pad, letterbox, caption, rot90/180/270, mirror, chains",
        GOAL_95, 0.95);
    goalRow(g, r, d, ">= 80 % on crop 5 % and rotate 2 degrees", GOAL_80, 0.80);
    StringBuilder lower = new StringBuilder();
    for (var row : r.recall().entrySet()) {
      Cell plain = row.getValue().get(MatcherVariant.PDQ);
      Cell dep = row.getValue().get(d);
      if (plain != null && dep != null && dep.hits() < plain.hits()) {
        lower.append(lower.isEmpty() ? "" : ", ").append(row.getKey()).append(" (")
            .append(dep.hits()).append(" < ").append(plain.hits()).append(')');
      }
    }
    g.append("| no lower than plain PDQ on any transform | ")
        .append(lower.isEmpty() ? "-" : lower).append(" | | ")
        .append(lower.isEmpty() ? "yes" : "no").append(" |\n");
    FalsePositives f = r.falsePositives().get(d);
    g.append(String.format(Locale.ROOT, "| per-query false-match rate <= 0.1 %% | | %s | %s |%n",
        pct3(f.rate()), f.rate() <= GOAL_FP_RATE ? "yes" : "no"));
    return g.toString();
  }

  private static void goalRow(
      StringBuilder g, Result r, MatcherVariant d, String goal, List<String> names, double min) {
    String worst = null;
    double worstRecall = 2;
    for (String n : names) {
      Map<MatcherVariant, Cell> row = r.recall().get(n);
      if (row == null || row.get(d) == null) {
        continue;
      }
      double rec = row.get(d).recall();
      if (rec < worstRecall) {
        worstRecall = rec;
        worst = n;
      }
    }
    if (worst == null) {
      g.append("| ").append(goal).append(" | (not in the suite) | | |\n");
      return;
    }
    g.append("| ").append(goal).append(" | ").append(worst).append(" | ").append(pct(worstRecall))
        .append(" | ").append(worstRecall >= min ? "yes" : "no").append(" |\n");
  }

  static JsonObject json(Result r, String command) {
    var s = r.settings();
    JsonObject o = new JsonObject();
    o.put("command", command);
    o.put("seed", s.seed());
    o.put("sample", s.sample());
    o.put("threads", s.threads());
    o.put("normalisation", new JsonObject().put("maxSide", s.maxSide())
        .put("rule", normalisation(s.maxSide())));
    JsonObject corpus = new JsonObject().put("files", r.corpusFiles())
        .put("sets", new JsonObject(new LinkedHashMap<>(r.setCounts())))
        .put("transparent", r.transparent())
        .put("unreadable", new JsonObject(new LinkedHashMap<>(r.unreadable())));
    o.put("corpus", corpus);
    JsonArray dropped = new JsonArray();
    for (Dedup.Dropped d : r.dedup().dropped()) {
      dropped.add(new JsonObject().put("file", d.file()).put("reason", d.reason())
          .put("duplicateOf", d.duplicateOf()).put("distance", d.distance())
          .put("variant", d.variant()));
    }
    o.put("dedup", new JsonObject()
        .put("input", r.dedup().kept().size() + r.dedup().dropped().size())
        .put("kept", r.dedup().kept().size())
        .put("droppedExactBytes", r.dedup().count("exact-bytes"))
        .put("droppedPixelIdentical", r.dedup().count("pixel-identical"))
        .put("droppedNearDuplicate", r.dedup().count("near-duplicate"))
        .put("nearDuplicateRadius", Dedup.NEAR_RADIUS)
        .put("dropped", dropped));
    o.put("split", new JsonObject().put("bank", new JsonArray(r.bank()))
        .put("distractors", new JsonArray(r.distractors())));
    o.put("radius", new JsonObject().put("pdq", BankConfig.DEFAULT_PDQ_RADIUS)
        .put("phash", BankConfig.DEFAULT_PHASH_RADIUS)
        .put("minQuality", BankConfig.DEFAULT_MIN_QUALITY)
        .put("lowQualityFloor", MatcherVariant.LOW_FLOOR)
        .put("lowQualityRadius", MatcherVariant.LOW_RADIUS));
    o.put("robust", r.robust());
    o.put("meanBankVariants", r.meanBankVariants());
    o.put("lowQualityBank", new JsonObject(new LinkedHashMap<>(r.lowQualityBank())));
    JsonArray variants = new JsonArray();
    for (MatcherVariant v : r.variants()) {
      variants.add(new JsonObject().put("name", v.label()).put("description", v.description())
          .put("radius", v.radius()));
    }
    o.put("variants", variants);
    o.put("deployedVariant", deployed(r).label());
    JsonArray transforms = new JsonArray();
    for (var row : r.recall().entrySet()) {
      String name = row.getKey();
      String params = r.transforms().stream().filter(t -> t.name().equals(name))
          .map(Transform::parameters).findFirst().orElse("the normalised image itself");
      JsonObject results = new JsonObject();
      for (MatcherVariant v : r.variants()) {
        Cell c = row.getValue().get(v);
        JsonObject cell = new JsonObject().put("hits", c.hits()).put("total", c.total())
            .put("recall", c.recall()).put("wrongQueries", c.wrongQueries());
        if (v == deployed(r)) {
          cell.put("misses", new JsonArray(c.misses()));
        }
        results.put(v.label(), cell);
      }
      transforms.add(new JsonObject().put("name", name).put("parameters", params)
          .put("meanMillis", r.meanTransformMillis().get(name))
          .put("trimmedQueries", r.trimmedQueries().get(name)).put("results", results));
    }
    o.put("transforms", transforms);
    JsonObject fp = new JsonObject();
    for (MatcherVariant v : r.variants()) {
      FalsePositives f = r.falsePositives().get(v);
      fp.put(v.label(), new JsonObject()
          .put("untransformedQueries", f.untransformedQueries())
          .put("untransformedWithMatch", f.untransformedWithMatch())
          .put("transformedQueries", f.transformedQueries())
          .put("transformedWithMatch", f.transformedWithMatch())
          .put("queries", f.queries()).put("withMatch", f.withMatch()).put("rate", f.rate())
          .put("perTransform", new JsonObject(new LinkedHashMap<>(f.perTransform())))
          .put("nearestDistancePercentiles", new JsonObject()
              .put("p0.1", f.nearestPercentiles().get(0))
              .put("p1", f.nearestPercentiles().get(1))
              .put("p50", f.nearestPercentiles().get(2)))
          .put("closest", f.closest() == null ? null : falseMatch(f.closest())));
    }
    o.put("falsePositives", fp);
    JsonObject low = new JsonObject();
    r.lowTier().forEach((v, t) -> low.put(v.label(), new JsonObject()
        .put("ownDistances", new JsonArray(t.ownDistances()))
        .put("nearestOther", t.nearestOther() == null ? null : falseMatch(t.nearestOther()))));
    o.put("lowTier", low);
    JsonArray fm = new JsonArray();
    for (FalseMatch m : r.falseMatches()) {
      fm.add(falseMatch(m));
    }
    o.put("falseMatches", fm);
    o.put("timings", new JsonObject(new LinkedHashMap<>(r.timings())));
    return o;
  }

  private static JsonObject falseMatch(FalseMatch m) {
    return new JsonObject().put("variant", m.variant().label()).put("kind", m.kind())
        .put("query", m.query()).put("transform", m.transform()).put("bank", m.bank())
        .put("distance", m.distance()).put("probe", m.probe())
        .put("entryVariant", m.entryVariant());
  }

  private static String sets(Map<String, Integer> counts) {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
    return b.isEmpty() ? "none" : b.toString();
  }

  private static String timings(Map<String, Double> t) {
    StringBuilder b = new StringBuilder();
    t.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ')
        .append(String.format(Locale.ROOT, "%.1f", v)));
    return b.toString();
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f", 100 * v);
  }

  static String pct3(double v) {
    return String.format(Locale.ROOT, "%.3f %%", 100 * v);
  }
}

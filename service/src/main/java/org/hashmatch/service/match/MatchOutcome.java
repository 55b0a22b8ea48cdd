package org.hashmatch.service.match;

import java.util.List;
import org.hashmatch.index.Action;
import org.hashmatch.index.Match;

/**
 * The result of one match query.
 *
 * @param decision the overall decision
 * @param matches every match, allow-bank matches included (an allow decision does not hide what
 *     else matched), ordered by distance, then bank, then entry id
 * @param actions the action of each match's bank, parallel to {@code matches}
 * @param belowQualityBanks banks where no PDQ probe could be searched at all: neither the query's
 *     PDQ hash nor (when its borders were trimmed) the trimmed image's reached the bank's minimum
 *     quality or, below it, {@link MatchEngine#LOW_QUALITY_FLOOR}; PDQ was not searched there
 *     (the exact hashes were); sorted. A bank searched only within the low tier's radius is not
 *     listed
 */
public record MatchOutcome(
    Decision decision, List<Match> matches, List<Action> actions, List<String> belowQualityBanks) {

  public MatchOutcome {
    matches = List.copyOf(matches);
    actions = List.copyOf(actions);
    belowQualityBanks = List.copyOf(belowQualityBanks);
  }

  /** True if some bank skipped the PDQ hash for its low quality. */
  public boolean belowQuality() {
    return !belowQualityBanks.isEmpty();
  }
}

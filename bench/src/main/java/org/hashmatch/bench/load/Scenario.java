package org.hashmatch.bench.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What the load generator sends. */
public enum Scenario {
  /** {@code GET /healthz}: the HTTP ceiling of this stack on this machine. */
  HEALTH("health"),
  /** {@code POST /v1/match} with JSON PDQ hashes: random ones and planted ones with a few bits flipped. */
  MATCH_HASH("match-hash"),
  /** {@code POST /v1/match} with raw JPEG/PNG bytes from a folder. */
  MATCH_IMAGE("match-image"),
  /** {@code match-hash} plus a trickle of entry adds. */
  MIXED("mixed"),
  /** Add an entry, then match it until found: add-acknowledged to matchable. */
  FRESHNESS("freshness");

  private final String cliName;

  Scenario(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in the summary. */
  public String cliName() {
    return cliName;
  }

  /**
   * Looks a scenario up by its command-line name.
   *
   * @throws UsageException if there is none
   */
  public static Scenario fromCli(String name) {
    for (Scenario s : values()) {
      if (s.cliName.equals(name)) {
        return s;
      }
    }
    throw new UsageException(
        "unknown scenario '" + name + "'; expected one of "
            + Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", ")));
  }
}

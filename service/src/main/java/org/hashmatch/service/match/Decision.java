package org.hashmatch.service.match;

import java.util.Locale;

/**
 * The answer to one match query, by precedence: {@code ALLOW} if any allow bank matched
 * (allowlists override everything), else {@code BLOCK} if any block bank matched, else {@code
 * REVIEW} if any review bank matched, else {@code NONE}.
 */
public enum Decision {
  BLOCK,
  REVIEW,
  ALLOW,
  NONE;

  /** Lowercase name used in JSON and metric labels. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

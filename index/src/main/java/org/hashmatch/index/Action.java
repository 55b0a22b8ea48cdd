package org.hashmatch.index;

import java.util.Locale;

/** What a match in a bank asks the caller to do. {@code ALLOW} banks are allowlists. */
public enum Action {
  BLOCK,
  REVIEW,
  ALLOW;

  /** Lowercase name used in JSON. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the lowercase JSON name.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Action fromJsonName(String name) {
    for (Action a : values()) {
      if (a.jsonName().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "action must be one of block, review, allow; got '" + name + "'");
  }
}

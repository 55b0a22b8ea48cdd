package org.hashmatch.index;

import java.util.Locale;

/** The kind of hash a match was found on. */
public enum Signal {
  PDQ,
  PHASH,
  MD5,
  SHA256;

  /** Lowercase name used in JSON. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.hashmatch.service.auth;

import java.util.Locale;

/**
 * What a key may do. Roles are ordered: each includes everything the ones before it may do.
 * {@code MATCHER} hashes and matches; {@code CURATOR} also reads banks and manages entries; {@code
 * ADMIN} also manages banks and keys and reads the audit log.
 */
public enum Role {
  MATCHER,
  CURATOR,
  ADMIN;

  /** True if a key of this role may do what {@code required} may. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** Lowercase name used in JSON, the key file and on the command line. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a lowercase role name.
   *
   * @throws IllegalArgumentException for anything but matcher, curator, admin
   */
  public static Role fromJsonName(String name) {
    for (Role r : values()) {
      if (r.jsonName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "role must be one of matcher, curator, admin; got '" + name + "'");
  }
}

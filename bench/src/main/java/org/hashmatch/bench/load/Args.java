package org.hashmatch.bench.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tiny {@code --name value} / {@code --flag} command-line parser. Not thread-safe; used once on
 * the main thread.
 */
final class Args {
  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code argv}.
   *
   * @param valued option names (without dashes) that take a value
   * @param flags option names that take no value
   * @throws UsageException on an unknown option, a missing value, a repeated option or a positional
   *     argument
   */
  static Args parse(List<String> argv, Set<String> valued, Set<String> flags) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!a.startsWith("--") || a.length() == 2) {
        throw new UsageException("unexpected argument '" + a + "': expected --option");
      }
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (valued.contains(name)) {
        if (i + 1 >= argv.size()) {
          throw new UsageException("option --" + name + " needs a value");
        }
        value = argv.get(++i);
      } else {
        value = "true";
      }
      if (!valued.contains(name) && !flags.contains(name)) {
        throw new UsageException(
            "unknown option --" + name + "; known: " + knownList(valued, flags));
      }
      if (flags.contains(name) && !value.equals("true") && !value.equals("false")) {
        throw new UsageException("option --" + name + " takes no value, got '" + value + "'");
      }
      if (values.put(name, value) != null) {
        throw new UsageException("option --" + name + " given twice");
      }
    }
    return new Args(values);
  }

  private static String knownList(Set<String> valued, Set<String> flags) {
    return String.join(", ", new java.util.TreeSet<>(valued)) + ", "
        + String.join(", ", new java.util.TreeSet<>(flags));
  }

  @Nullable String get(String name) {
    return values.get(name);
  }

  String require(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException("option --" + name + " is required");
    }
    return v;
  }

  String string(String name, String defaultValue) {
    String v = values.get(name);
    return v == null ? defaultValue : v;
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  long longValue(String name, long defaultValue, long min, long max) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    long x;
    try {
      x = Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + " needs an integer, got '" + v + "'");
    }
    if (x < min || x > max) {
      throw new UsageException(
          "option --" + name + " must be in [" + min + ", " + max + "], got " + x);
    }
    return x;
  }

  int intValue(String name, int defaultValue, int min, int max) {
    return (int) longValue(name, defaultValue, min, max);
  }

  double doubleValue(String name, double defaultValue, double minExclusive, double max) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    double x;
    try {
      x = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + " needs a number, got '" + v + "'");
    }
    if (!(x > minExclusive) || x > max || Double.isNaN(x)) {
      throw new UsageException(
          "option --" + name + " must be in (" + minExclusive + ", " + max + "], got " + v);
    }
    return x;
  }
}

package org.hashmatch.index.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hashmatch.index.Action;
import org.hashmatch.index.BankConfig;
import org.hashmatch.index.CorruptBankException;
import org.hashmatch.index.FormatVersionException;

/**
 * The bank catalog and index metadata, stored as Lucene commit user data so that they commit
 * atomically with the documents: deleting a bank removes its catalog key and deletes its entries in
 * the same commit, and a crash leaves either both or neither.
 *
 * <pre>
 *   key                      value
 *   hashmatch.format         "HashmatchIndex"                  (format name, checked on open)
 *   hashmatch.version        "1"                               (readers accept [1, 1])
 *   hashmatch.idHighWater    decimal long: largest entry id issued before this commit
 *   hashmatch.nextBankNumber decimal int: the number the next created bank gets
 *   bank.&lt;name&gt;              "&lt;number&gt;,&lt;enabled 0|1&gt;,&lt;pdqRadius&gt;,&lt;phashRadius&gt;,&lt;minQuality&gt;,&lt;action&gt;"
 *                            e.g. "7,1,31,8,50,block"
 * </pre>
 *
 * <p>Entries reference their bank by its number (an int field, cheaper to index than a string
 * term). Numbers are never reused, so entries of a deleted bank can never be attributed to a later
 * bank of the same name.
 *
 * <p>Lucene checksums the commit point ({@code segments_N}) that holds this map, so corruption of
 * the bytes is caught by Lucene; this class rejects well-formed but wrong content with {@link
 * CorruptBankException} and other versions with {@link FormatVersionException}.
 */
final class BankCatalogFormatV1 {

  static final String FORMAT_KEY = "hashmatch.format";
  static final String FORMAT_NAME = "HashmatchIndex";
  static final String VERSION_KEY = "hashmatch.version";
  static final int VERSION_MIN = 1;
  static final int VERSION_CURRENT = 1;
  static final String ID_HIGH_WATER_KEY = "hashmatch.idHighWater";
  static final String NEXT_BANK_NUMBER_KEY = "hashmatch.nextBankNumber";
  static final String BANK_PREFIX = "bank.";

  /** A bank's settings and its number. */
  record NumberedBank(int number, BankConfig config) {}

  /** What a commit holds. */
  record Catalog(Map<String, NumberedBank> banks, long idHighWater, int nextBankNumber) {
    Catalog {
      banks = Map.copyOf(banks);
    }
  }

  private BankCatalogFormatV1() {}

  /** The commit user data for these banks and id high-water mark. */
  static Map<String, String> encode(
      Iterable<NumberedBank> banks, long idHighWater, int nextBankNumber) {
    Map<String, String> m = new HashMap<>();
    m.put(FORMAT_KEY, FORMAT_NAME);
    m.put(VERSION_KEY, Integer.toString(VERSION_CURRENT));
    m.put(ID_HIGH_WATER_KEY, Long.toString(idHighWater));
    m.put(NEXT_BANK_NUMBER_KEY, Integer.toString(nextBankNumber));
    for (NumberedBank nb : banks) {
      BankConfig b = nb.config();
      m.put(
          BANK_PREFIX + b.name(),
          nb.number()
              + ","
              + (b.enabled() ? "1" : "0")
              + ","
              + b.pdqRadius()
              + ","
              + b.phashRadius()
              + ","
              + b.minQuality()
              + ","
              + b.action().jsonName());
    }
    return m;
  }

  /**
   * Reads commit user data written by {@link #encode}.
   *
   * @throws FormatVersionException if the data is of another format or version
   * @throws CorruptBankException if a value is malformed
   */
  static Catalog decode(Map<String, String> data) {
    String format = data.get(FORMAT_KEY);
    if (!FORMAT_NAME.equals(format)) {
      throw new FormatVersionException(
          "index metadata format is '" + format + "'; expected '" + FORMAT_NAME + "'");
    }
    int version;
    try {
      version = Integer.parseInt(data.getOrDefault(VERSION_KEY, ""));
    } catch (NumberFormatException e) {
      throw new CorruptBankException(
          "index metadata version is not a number: '" + data.get(VERSION_KEY) + "'", e);
    }
    if (version < VERSION_MIN || version > VERSION_CURRENT) {
      throw new FormatVersionException(
          "index metadata version "
              + version
              + " is not readable; this build reads ["
              + VERSION_MIN
              + ", "
              + VERSION_CURRENT
              + "]");
    }
    long highWater;
    int nextBank;
    try {
      highWater = Long.parseLong(data.getOrDefault(ID_HIGH_WATER_KEY, "0"));
      nextBank = Integer.parseInt(data.getOrDefault(NEXT_BANK_NUMBER_KEY, "0"));
    } catch (NumberFormatException e) {
      throw new CorruptBankException("index id or bank counter is not a number", e);
    }
    Map<String, NumberedBank> banks = new TreeMap<>();
    for (Map.Entry<String, String> e : data.entrySet()) {
      if (!e.getKey().startsWith(BANK_PREFIX)) {
        continue;
      }
      String name = e.getKey().substring(BANK_PREFIX.length());
      List<String> parts = List.of(e.getValue().split(",", -1));
      try {
        if (parts.size() != 6 || !(parts.get(1).equals("0") || parts.get(1).equals("1"))) {
          throw new IllegalArgumentException(
              "expected 6 comma-separated fields, got '" + e.getValue() + "'");
        }
        int number = Integer.parseInt(parts.get(0));
        if (number < 0 || number >= nextBank) {
          throw new IllegalArgumentException(
              "bank number " + number + " not in [0, " + nextBank + ")");
        }
        banks.put(
            name,
            new NumberedBank(
                number,
                new BankConfig(
                    name,
                    parts.get(1).equals("1"),
                    Integer.parseInt(parts.get(2)),
                    Integer.parseInt(parts.get(3)),
                    Integer.parseInt(parts.get(4)),
                    Action.fromJsonName(parts.get(5)))));
      } catch (IllegalArgumentException ex) {
        throw new CorruptBankException("bank catalog entry for '" + name + "' is malformed", ex);
      }
    }
    return new Catalog(banks, highWater, nextBank);
  }
}

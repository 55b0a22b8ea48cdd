package org.hashmatch.service.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Version 1 of the audit log, {@code audit.log} in the data directory: UTF-8 JSON lines, each
 * ending in {@code \n}, appended only.
 *
 * <pre>
 * line 1    {"magic":"HMAUDIT","format":"AuditLogFormatV1","version":1}
 * line n+1  {"hash":"H(n)","prev":"H(n-1)","record":R(n)}
 *
 *   R(n)   the record's JSON object: seq (= n), at (ISO-8601 UTC), actor {keyId, name, role},
 *          action, bank, entryIds, keyId, reason, details (absent fields are omitted)
 *   H(0)   SHA-256 of the header line's bytes (without the newline), 64 lowercase hex digits
 *   H(n)   SHA-256 over the ASCII bytes of H(n-1), one '\n', then the exact UTF-8 bytes of R(n)
 * </pre>
 *
 * <p>The prefix of a record line is fixed ({@code {"hash":"} + 64 hex + {@code ","prev":"} + 64
 * hex + {@code ","record":}), so readers hash the record's exact bytes instead of a re-encoding.
 * Any edited, removed, reordered or inserted record breaks the chain at that line. Removing records
 * from the end cannot be detected by a chain alone; the last hash is returned with every read so
 * auditors can anchor it elsewhere.
 *
 * <p>Instead of the CRC32C footer of our other files (impossible on a file that only grows), every
 * record carries the chain hash, a strictly stronger check. A final line without its newline is a
 * torn append that was never acknowledged (appends are fsynced before the change is acknowledged);
 * it is cut off on open.
 */
public final class AuditLogFormatV1 {

  /** File name inside the data directory. */
  public static final String FILE_NAME = "audit.log";
  /** Lock file serializing appenders (the service and the {@code keys} command). */
  public static final String LOCK_FILE_NAME = "audit.lock";

  static final String MAGIC = "HMAUDIT";
  static final String FORMAT_NAME = "AuditLogFormatV1";
  static final int VERSION = 1;
  static final String HEADER =
      "{\"magic\":\"" + MAGIC + "\",\"format\":\"" + FORMAT_NAME + "\",\"version\":" + VERSION + "}";

  private static final String P1 = "{\"hash\":\"";
  private static final String P2 = "\",\"prev\":\"";
  private static final String P3 = "\",\"record\":";
  private static final int HASH_AT = P1.length();
  private static final int PREV_AT = HASH_AT + 64 + P2.length();
  private static final int RECORD_AT = PREV_AT + 64 + P3.length();

  private AuditLogFormatV1() {}

  /** H(0): the hash the first record chains to. */
  static String headerHash() {
    return HexFormat.of().formatHex(sha256(HEADER.getBytes(StandardCharsets.UTF_8)));
  }

  /** Checks the header line. */
  static void checkHeader(String line) {
    JsonObject h;
    try {
      h = new JsonObject(line);
    } catch (DecodeException e) {
      throw new AuditLogException("audit log header is not JSON, expected " + HEADER, e);
    }
    if (!MAGIC.equals(h.getValue("magic")) || !FORMAT_NAME.equals(h.getValue("format"))) {
      throw new AuditLogException("audit log header is '" + line + "', expected " + HEADER);
    }
    Object v = h.getValue("version");
    if (!(v instanceof Integer version) || version != VERSION) {
      throw new AuditLogException(
          "audit log version is " + v + ", this build reads " + VERSION + ".." + VERSION);
    }
    if (!HEADER.equals(line)) {
      throw new AuditLogException("audit log header was altered: '" + line + "'");
    }
  }

  /** The chain hash of a record's exact JSON text after {@code prev}. */
  static String chain(String prev, String recordJson) {
    byte[] p = prev.getBytes(StandardCharsets.US_ASCII);
    byte[] r = recordJson.getBytes(StandardCharsets.UTF_8);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(p);
      md.update((byte) '\n');
      md.update(r);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** The full line (without newline) for a record chained to {@code prev}. */
  static String line(String prev, String recordJson) {
    return P1 + chain(prev, recordJson) + P2 + prev + P3 + recordJson + "}";
  }

  /**
   * Parses and verifies one record line.
   *
   * @param lineNo 1-based line number for messages
   * @param expectedPrev the previous record's hash
   * @param expectedSeq the sequence number this record must carry
   * @throws AuditLogException if the line is malformed or breaks the chain
   */
  static AuditRecord parse(String line, int lineNo, String expectedPrev, long expectedSeq) {
    if (line.length() < RECORD_AT + 3
        || !line.startsWith(P1)
        || !line.startsWith(P2, HASH_AT + 64)
        || !line.startsWith(P3, PREV_AT + 64)
        || !line.endsWith("}")) {
      throw new AuditLogException("audit log line " + lineNo + " is malformed");
    }
    String hash = line.substring(HASH_AT, HASH_AT + 64);
    String prev = line.substring(PREV_AT, PREV_AT + 64);
    String recordJson = line.substring(RECORD_AT, line.length() - 1);
    if (!prev.equals(expectedPrev)) {
      throw new AuditLogException(
          "audit log chain broken at line " + lineNo + ": prev is " + prev + ", expected "
              + expectedPrev + " (a record was removed, inserted or reordered)");
    }
    String computed = chain(prev, recordJson);
    if (!computed.equals(hash)) {
      throw new AuditLogException(
          "audit log chain broken at line " + lineNo + ": stored hash " + hash + ", computed "
              + computed + " (the record was edited)");
    }
    JsonObject record;
    try {
      record = new JsonObject(recordJson);
    } catch (DecodeException e) {
      throw new AuditLogException("audit log line " + lineNo + " has a malformed record", e);
    }
    Object seq = record.getValue("seq");
    if (!(seq instanceof Number n) || n.longValue() != expectedSeq) {
      throw new AuditLogException(
          "audit log line " + lineNo + " has seq " + seq + ", expected " + expectedSeq);
    }
    return new AuditRecord(expectedSeq, hash, prev, record);
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}

package org.hashmatch.service.audit;

import io.vertx.core.json.JsonObject;

/**
 * One record as stored.
 *
 * @param seq sequence number, 1 for the first record, without gaps
 * @param hash SHA-256 (hex) chaining this record to the previous one, see {@link AuditLogFormatV1}
 * @param prev the previous record's hash (the header's hash for the first record)
 * @param record the record's fields ({@code seq}, {@code at}, {@code actor}, {@code action}, ...);
 *     a fresh copy owned by the caller
 */
public record AuditRecord(long seq, String hash, String prev, JsonObject record) {

  /** The record as the API returns it: its fields plus {@code hash} and {@code prev}. */
  public JsonObject toJson() {
    return record.copy().put("prev", prev).put("hash", hash);
  }
}

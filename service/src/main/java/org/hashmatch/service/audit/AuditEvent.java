package org.hashmatch.service.audit;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A change to record.
 *
 * @param actor who
 * @param action what, e.g. {@code bank.create}, {@code entry.add}, {@code key.revoke}
 * @param bank the bank concerned, if any
 * @param entryIds the entries concerned (may be empty), copied
 * @param keyId the key concerned by a key action, if any
 * @param reason why, as given by the caller ({@code reason} body field or {@code X-Reason} header)
 * @param details other facts about the change (bank settings, counts), string/number/boolean values
 */
public record AuditEvent(
    Actor actor,
    String action,
    @Nullable String bank,
    List<String> entryIds,
    @Nullable String keyId,
    @Nullable String reason,
    Map<String, Object> details) {

  public AuditEvent {
    entryIds = List.copyOf(entryIds);
    details = Map.copyOf(details);
  }
}

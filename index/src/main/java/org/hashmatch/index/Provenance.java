package org.hashmatch.index;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where an entry came from.
 *
 * @param reference takedown or case reference
 * @param source the list or team the hash came from (e.g. "ncmec", "stopncii", "takedown")
 * @param note free text
 * @param addedBy who added it (key name or id)
 * @param addedAt when it was acknowledged
 * @param metadata free string metadata, copied
 */
public record Provenance(
    @Nullable String reference,
    @Nullable String source,
    @Nullable String note,
    String addedBy,
    Instant addedAt,
    Map<String, String> metadata) {

  public Provenance {
    metadata = Map.copyOf(metadata);
  }
}

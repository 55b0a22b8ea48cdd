package org.hashmatch.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a bank's entries in a stable order.
 *
 * @param nextCursor opaque cursor for the next page, null on the last page
 */
public record EntryPage(List<Entry> entries, @Nullable String nextCursor) {
  public EntryPage {
    entries = List.copyOf(entries);
  }
}

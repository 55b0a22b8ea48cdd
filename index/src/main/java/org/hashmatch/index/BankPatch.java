package org.hashmatch.index;

import org.jspecify.annotations.Nullable;

/** A partial update of a bank's settings; null fields stay as they are. */
public record BankPatch(
    @Nullable Boolean enabled,
    @Nullable Integer pdqRadius,
    @Nullable Integer phashRadius,
    @Nullable Integer minQuality,
    @Nullable Action action) {

  /** The settings after applying this patch to {@code c}; validated by {@link BankConfig}. */
  public BankConfig applyTo(BankConfig c) {
    return new BankConfig(
        c.name(),
        enabled != null ? enabled : c.enabled(),
        pdqRadius != null ? pdqRadius : c.pdqRadius(),
        phashRadius != null ? phashRadius : c.phashRadius(),
        minQuality != null ? minQuality : c.minQuality(),
        action != null ? action : c.action());
  }
}

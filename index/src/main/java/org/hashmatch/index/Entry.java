package org.hashmatch.index;

import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.Hash64;
import org.jspecify.annotations.Nullable;

/** A stored entry. */
public record Entry(
    String id,
    String bank,
    @Nullable Hash256 pdq,
    int quality,
    @Nullable Hash64 phash,
    @Nullable String md5,
    @Nullable String sha256,
    Provenance provenance) {}

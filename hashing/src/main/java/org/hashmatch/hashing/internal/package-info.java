/**
 * PDQ implementation details: the reference-structure oracle, the fused streaming pipeline, its
 * per-thread scratch space, quality metric, median and dihedral derivation. Not API: nothing
 * outside the hashing module may import this package.
 */
@NullMarked
package org.hashmatch.hashing.internal;

import org.jspecify.annotations.NullMarked;

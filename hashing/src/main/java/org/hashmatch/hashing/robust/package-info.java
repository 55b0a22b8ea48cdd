/**
 * Matching that survives real-world edits: border and letterbox trimming before hashing, and
 * bank-side augmentation (extra PDQ hashes of an entry's image under small crops and rotations).
 * The query side and the bank side use the same code, so both canonicalise an image the same way.
 */
@NullMarked
package org.hashmatch.hashing.robust;

import org.jspecify.annotations.NullMarked;

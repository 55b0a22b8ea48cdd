/**
 * Perceptual and exact image hashes: PDQ (256-bit), pHash (64-bit), MD5 and SHA-256. This package
 * is the hashing module's API; it knows nothing of banks, indexes or HTTP.
 */
@NullMarked
package org.hashmatch.hashing;

import org.jspecify.annotations.NullMarked;

/**
 * The exact near-duplicate hash index: banks, entries and Hamming-radius search. This package is
 * the index module's API; it knows nothing of HTTP or image decoding.
 */
@NullMarked
package org.hashmatch.index;

import org.jspecify.annotations.NullMarked;

/**
 * In-memory exact Hamming-radius search structures built per immutable Lucene segment. Every
 * candidate is verified by popcount; nothing here approximates.
 */
@NullMarked
package org.hashmatch.index.search;

import org.jspecify.annotations.NullMarked;

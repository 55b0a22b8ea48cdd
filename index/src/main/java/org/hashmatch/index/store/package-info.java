/**
 * The Lucene-backed store behind {@link org.hashmatch.index.HashIndex}: entries as documents, bank
 * settings in the commit user data, durability by group commit and per-segment search structures
 * derived when a segment opens. Everything here except {@link
 * org.hashmatch.index.store.LuceneHashIndex} is package-private.
 */
@NullMarked
package org.hashmatch.index.store;

import org.jspecify.annotations.NullMarked;

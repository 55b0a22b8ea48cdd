/**
 * The {@code bench robustness} command: applies a suite of real-world edits to a bank half of an
 * image corpus and measures recall and false matches of each matcher variant at the deployed radius.
 * Everything runs in memory on exact linear scans, so the numbers depend on the hashes alone.
 */
@NullMarked
package org.hashmatch.bench.robustness;

import org.jspecify.annotations.NullMarked;

/**
 * The {@code bench index} command: builds a bank through the real index, measures exact radius
 * search latency, throughput, recall and memory against a linear scan in the same run, and prints
 * one JSON line.
 */
@NullMarked
package org.hashmatch.bench.index;

import org.jspecify.annotations.NullMarked;

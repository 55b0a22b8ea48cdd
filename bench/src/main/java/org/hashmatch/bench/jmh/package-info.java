/**
 * JMH benchmarks, one class per question, run by {@code bin/hashmatch bench jmh}. Inputs come
 * from fixed, printed seeds and every benchmark checks its output against an oracle in setup.
 */
@NullMarked
package org.hashmatch.bench.jmh;

import org.jspecify.annotations.NullMarked;

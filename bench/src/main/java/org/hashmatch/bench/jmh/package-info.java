/**
 * JMH benchmarks of the hashing core and the index, one class per question. Inputs are generated
 * in setup from fixed, printed seeds; run them with {@code bin/hashmatch bench jmh}.
 */
@NullMarked
package org.hashmatch.bench.jmh;

import org.jspecify.annotations.NullMarked;

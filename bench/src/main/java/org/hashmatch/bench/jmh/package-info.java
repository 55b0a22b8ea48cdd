/**
 * JMH benchmarks, one class per question; inputs come from fixed, printed seeds. Run them with
 * {@code bin/hashmatch bench jmh <regex>}.
 */
@NullMarked
package org.hashmatch.bench.jmh;

import org.jspecify.annotations.NullMarked;

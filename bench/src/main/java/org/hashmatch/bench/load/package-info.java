/**
 * The HTTP load generator ({@code bench load}) and the bank seeding command ({@code bench seed}).
 * Load is offered open loop at a constant arrival rate and latency is measured from each request's
 * intended send time, so a stalled server cannot hide its stall (coordinated omission).
 */
@NullMarked
package org.hashmatch.bench.load;

import org.jspecify.annotations.NullMarked;

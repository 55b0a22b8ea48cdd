/**
 * Micrometer meters of the service, exported in the Prometheus text format on {@code /metrics}.
 * Labels carry route templates, statuses, bank names and decisions, never image data or hashes.
 */
@NullMarked
package org.hashmatch.service.metrics;

import org.jspecify.annotations.NullMarked;

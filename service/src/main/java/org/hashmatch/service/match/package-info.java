/**
 * Match semantics on top of the index: which banks a query searches, the per-bank minimum PDQ
 * quality, and the block / review / allow / none decision.
 */
@NullMarked
package org.hashmatch.service.match;

import org.jspecify.annotations.NullMarked;

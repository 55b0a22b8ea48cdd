/**
 * The HTTP layer: router, handlers, authentication and admission handlers, and the {@code
 * ProblemMapper} that turns every failure into an RFC 9457 problem. The only package that knows HTTP.
 */
@NullMarked
package org.hashmatch.service.http;

import org.jspecify.annotations.NullMarked;

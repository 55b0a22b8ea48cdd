package org.hashmatch.service.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.hashmatch.service.auth.ApiKey;
import org.hashmatch.service.auth.KeyStore;
import org.hashmatch.service.auth.Role;

/**
 * First handler on every protected route: {@code Authorization: Bearer <secret>} must name an
 * active key (else 401) whose role includes the route's (else 403). Runs before the body is read,
 * so unauthenticated uploads are never buffered. The lookup is an in-memory hash-map read.
 */
final class AuthHandler {

  static final String KEY = "hashmatch.key";

  private AuthHandler() {}

  static Handler<RoutingContext> require(KeyStore keys, Role role) {
    return ctx -> {
      String h = ctx.request().getHeader("Authorization");
      if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
        ctx.fail(new ApiProblem(ProblemType.UNAUTHORIZED,
            "send an API key as 'Authorization: Bearer <key>'"));
        return;
      }
      ApiKey key = keys.authenticate(h.substring(7).strip()).orElse(null);
      if (key == null) {
        ctx.fail(new ApiProblem(ProblemType.UNAUTHORIZED, "the API key is unknown or revoked"));
        return;
      }
      ctx.put(KEY, key);
      if (!key.role().includes(role)) {
        ctx.fail(new ApiProblem(ProblemType.FORBIDDEN,
            "this route needs role " + role.jsonName() + ", the key has role " + key.role().jsonName()));
        return;
      }
      ctx.next();
    };
  }
}

package org.hashmatch.service.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashmatch.service.metrics.ServiceMetrics;

/**
 * Bounds image work. An image request takes a permit before its body is read and gives it back when
 * both its response has ended and any hashing task it started has finished, so a request that timed
 * out still counts while a worker runs it. Beyond {@code maxImages} permits the request is refused
 * at once with 503 and {@code Retry-After}: nothing queues without bound, and refused bodies are
 * never buffered.
 */
final class ImageAdmission {

  static final String PERMIT_KEY = "hashmatch.permit";

  private final AtomicInteger inFlight;
  private final int maxImages;
  private final ServiceMetrics metrics;

  ImageAdmission(int maxImages, ServiceMetrics metrics) {
    this.maxImages = maxImages;
    this.metrics = metrics;
    this.inFlight = metrics.imagesInFlight();
  }

  /** A permit, released once every holder released it. */
  final class Permit {
    private final AtomicInteger refs = new AtomicInteger(1);

    /** Another holder (a hashing task) keeps the permit until it calls {@link #release()}. */
    void retain() {
      refs.incrementAndGet();
    }

    void release() {
      int left = refs.decrementAndGet();
      if (left == 0) {
        inFlight.decrementAndGet();
      } else if (left < 0) {
        throw new IllegalStateException("permit released more often than taken");
      }
    }
  }

  /**
   * Handler for routes that take images: admits image bodies (by Content-Type) or refuses them;
   * other bodies pass through.
   */
  Handler<RoutingContext> handler() {
    return ctx -> {
      if (!Requests.isImage(Requests.mediaType(ctx))) {
        ctx.next();
        return;
      }
      if (inFlight.incrementAndGet() > maxImages) {
        inFlight.decrementAndGet();
        metrics.rejected("overloaded");
        ctx.fail(new ApiProblem(ProblemType.OVERLOADED,
            "more than " + maxImages + " image requests in flight; retry later"));
        return;
      }
      Permit p = new Permit();
      ctx.put(PERMIT_KEY, p);
      ctx.addEndHandler(ar -> p.release());
      ctx.next();
    };
  }

  /** Image requests admitted and not yet finished. */
  int inFlight() {
    return inFlight.get();
  }
}

package org.hashmatch.bench.robustness;

import org.jspecify.annotations.Nullable;

/** The {@link RobustSide} that the service deploys. */
final class RobustSides {

  private RobustSides() {}

  /**
   * The deployed robust side, or null while {@code org.hashmatch.hashing.robust.RobustPdq} is not
   * in the build (TODO issue 6: wire to RobustPdq.defaults() once it lands).
   */
  static @Nullable RobustSide deployed() {
    return null;
  }
}

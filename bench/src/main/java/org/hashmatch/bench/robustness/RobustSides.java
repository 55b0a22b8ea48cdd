package org.hashmatch.bench.robustness;

import java.util.List;
import java.util.stream.Collectors;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.robust.Augmentation;
import org.hashmatch.hashing.robust.PdqVariant;
import org.hashmatch.hashing.robust.Region;
import org.hashmatch.hashing.robust.RobustPdq;
import org.hashmatch.hashing.robust.RobustQuery;
import org.jspecify.annotations.Nullable;

/** The {@link RobustSide} that the service deploys: {@link RobustPdq#defaults()}. */
final class RobustSides {

  private RobustSides() {}

  /** {@link RobustPdq#defaults()} behind the harness's interface. */
  static RobustSide deployed() {
    return of(RobustPdq.defaults(), "RobustPdq.defaults()");
  }

  /** Any configuration of {@link RobustPdq}, named for the output. */
  static RobustSide of(RobustPdq robust, String name) {
    String augmentations =
        robust.augmentations().stream().map(Augmentation::label).collect(Collectors.joining(", "));
    String description =
        name + ": BorderTrimmer on both sides; bank variants 'trim' + [" + augmentations
            + "]; variants below quality " + robust.minQuality() + " left out";
    return new RobustSide() {
      @Override
      public String describe() {
        return description;
      }

      @Override
      public RobustSide.QuerySide query(float[] luma, int width, int height) {
        RobustQuery q = robust.query(luma, width, height);
        Region r = q.trimRegion();
        PdqResult t = q.trimmed();
        RobustSide.Trimmed trimmed =
            t == null || r == null
                ? null
                : new RobustSide.Trimmed(
                    t, r.x() + "," + r.y() + "," + r.width() + "," + r.height());
        return new RobustSide.QuerySide(trimmed, q.flatContent());
      }

      @Override
      public List<PdqVariant> bankVariants(float[] luma, int width, int height) {
        return robust.bankVariants(luma, width, height);
      }
    };
  }
}

package org.hashmatch.bench.robustness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.index.BankConfig;

/**
 * Removes duplicates from a corpus so that a distractor is never a copy of a bank image: in file
 * order, an image is dropped when its file bytes equal a kept image's (exact), when its normalised
 * pixels do (pixel-identical), or when any of its 8 dihedral PDQ variants is within the deployed
 * radius (31) of a kept image's PDQ (near-duplicate).
 */
final class Dedup {

  /** PDQ radius of a near-duplicate. */
  static final int NEAR_RADIUS = BankConfig.DEFAULT_PDQ_RADIUS;

  private Dedup() {}

  /**
   * What deduplication needs of an image.
   *
   * @param file name in the corpus
   * @param sha256 of the file bytes
   * @param pixelDigest of the normalised pixels and their dimensions
   * @param pdq PDQ of the normalised image with the 8 dihedral variants
   */
  record Fingerprint(String file, String sha256, String pixelDigest, PdqResult pdq) {}

  /**
   * One dropped image.
   *
   * @param file the dropped file
   * @param reason {@code exact-bytes}, {@code pixel-identical} or {@code near-duplicate}
   * @param duplicateOf the kept file it duplicates
   * @param distance PDQ distance for near-duplicates, else 0
   * @param variant the dihedral variant of the dropped image that was close, else "original"
   */
  record Dropped(String file, String reason, String duplicateOf, int distance, String variant) {}

  /** Kept images in input order, and the dropped ones. */
  record Result(List<Fingerprint> kept, List<Dropped> dropped) {
    long count(String reason) {
      return dropped.stream().filter(d -> d.reason().equals(reason)).count();
    }
  }

  static Result run(List<Fingerprint> images) {
    List<Fingerprint> kept = new ArrayList<>();
    List<Dropped> dropped = new ArrayList<>();
    Map<String, String> bySha = new HashMap<>();
    Map<String, String> byPixels = new HashMap<>();
    for (Fingerprint f : images) {
      String same = bySha.get(f.sha256());
      if (same != null) {
        dropped.add(new Dropped(f.file(), "exact-bytes", same, 0, "original"));
        continue;
      }
      same = byPixels.get(f.pixelDigest());
      if (same != null) {
        dropped.add(new Dropped(f.file(), "pixel-identical", same, 0, "original"));
        continue;
      }
      Dropped near = nearest(f, kept);
      if (near != null) {
        dropped.add(near);
        continue;
      }
      kept.add(f);
      bySha.put(f.sha256(), f.file());
      byPixels.put(f.pixelDigest(), f.file());
    }
    return new Result(List.copyOf(kept), List.copyOf(dropped));
  }

  private static Dropped nearest(Fingerprint f, List<Fingerprint> kept) {
    Dropped best = null;
    for (Fingerprint k : kept) {
      for (Dihedral d : Dihedral.values()) {
        Hash256 h = f.pdq().dihedral().getOrDefault(d, d == Dihedral.ORIGINAL ? f.pdq().hash() : null);
        if (h == null) {
          continue;
        }
        int dist = h.distance(k.pdq().hash());
        if (dist <= NEAR_RADIUS && (best == null || dist < best.distance())) {
          best = new Dropped(f.file(), "near-duplicate", k.file(), dist, d.jsonName());
        }
      }
    }
    return best;
  }
}

package org.hashmatch.bench.robustness;

import java.util.List;
import org.hashmatch.hashing.PdqResult;
import org.hashmatch.hashing.robust.PdqVariant;
import org.jspecify.annotations.Nullable;

/**
 * The two robust-matching operations the harness measures, as the contract of {@code
 * org.hashmatch.hashing.robust} (notes/ROBUST-API.md) defines them: border trimming on the query
 * side and extra labelled hashes on the bank side. Behind an interface so that the harness and its
 * tests do not depend on how they are implemented. Implementations must be thread-safe.
 */
interface RobustSide {

  /** Name and configuration, for the output. */
  String describe();

  /**
   * The query side of an image: its border-trimmed hash, and whether its content is flat.
   *
   * @param luma row-major PDQ luminance, read only
   */
  QuerySide query(float[] luma, int width, int height);

  /**
   * Bank side: the extra hashes stored with an entry for this image, not including its primary
   * hash; labels unique.
   *
   * @param luma row-major PDQ luminance, read only
   */
  List<PdqVariant> bankVariants(float[] luma, int width, int height);

  /**
   * A trimmed hash.
   *
   * @param pdq the trimmed image's PDQ, {@link PdqResult#dihedral()} filled
   * @param region the content rectangle, {@code x,y,width,height}, for the output
   */
  record Trimmed(PdqResult pdq, String region) {}

  /**
   * The query side of one image.
   *
   * @param trimmed the hash of the image with its near-uniform borders removed (8 dihedral
   *     variants), or null when no border was found or the content is flat
   * @param flatContent true when the image is flat inside its borders (a plain box in a frame):
   *     matching treats it as quality 0, as the service does
   */
  record QuerySide(@Nullable Trimmed trimmed, boolean flatContent) {}
}

package org.hashmatch.hashing;

import java.util.Map;

/**
 * Every hash of one image.
 *
 * @param pdq PDQ hash of the image as stored (EXIF orientation is not applied)
 * @param quality PDQ quality, 0..100
 * @param phash 64-bit pHash
 * @param md5 lowercase hex MD5 of the input bytes
 * @param sha256 lowercase hex SHA-256 of the input bytes
 * @param width decoded width in pixels
 * @param height decoded height in pixels
 * @param pdqDihedral the PDQ hash of each of the 8 variants when asked for (including {@link
 *     Dihedral#ORIGINAL}, equal to {@code pdq}), otherwise empty
 */
public record HashResult(
    Hash256 pdq,
    int quality,
    Hash64 phash,
    String md5,
    String sha256,
    int width,
    int height,
    Map<Dihedral, Hash256> pdqDihedral) {

  public HashResult {
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be in [0, 100], got " + quality);
    }
    pdqDihedral = Map.copyOf(pdqDihedral);
  }
}

package org.hashmatch.hashing;

/**
 * The eight symmetries of a rectangle. PDQ derives the hash of each transformed image from the one
 * DCT of the original, so matching every variant costs no second decode.
 *
 * <p>Names follow the JSON field names we promise users; {@link #jsonName()} gives them. Rotations
 * are counter-clockwise, as in the PDQ reference: {@code ROT90} is the image turned a quarter to the
 * left. {@code FLIP_X} swaps top and bottom, {@code FLIP_Y} mirrors left and right, {@code TRANSPOSE}
 * mirrors about the main diagonal and {@code TRANSVERSE} about the anti-diagonal.
 */
public enum Dihedral {
  ORIGINAL("original"),
  ROT90("rot90"),
  ROT180("rot180"),
  ROT270("rot270"),
  FLIP_X("flipX"),
  FLIP_Y("flipY"),
  TRANSPOSE("transpose"),
  TRANSVERSE("transverse");

  private final String jsonName;

  Dihedral(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in JSON and on the command line. */
  public String jsonName() {
    return jsonName;
  }

  /**
   * The variant with the given JSON name.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Dihedral fromJsonName(String name) {
    for (Dihedral d : values()) {
      if (d.jsonName.equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown dihedral variant '" + name + "'");
  }
}

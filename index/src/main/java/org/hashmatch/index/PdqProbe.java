package org.hashmatch.index;

import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.Hash256;

/** One PDQ hash to search for, labelled with the dihedral variant of the query it came from. */
public record PdqProbe(Dihedral variant, Hash256 hash) {}

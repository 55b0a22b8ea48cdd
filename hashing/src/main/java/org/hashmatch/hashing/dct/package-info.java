/**
 * The vectorizable float32 primitives of PDQ (sliding-window column sums and the 16x64 DCT), in a
 * scalar and a Vector API flavour that compute bit-identical results. {@link
 * org.hashmatch.hashing.dct.DctKernelProvider} picks one once per JVM and logs why.
 */
@NullMarked
package org.hashmatch.hashing.dct;

import org.jspecify.annotations.NullMarked;

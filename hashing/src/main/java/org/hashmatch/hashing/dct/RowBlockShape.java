package org.hashmatch.hashing.dct;

/**
 * How the Vector API kernel's row-block box filter lays a block of sixteen rows into vectors (one
 * row per lane either way). Both shapes give bit-identical results; they differ in speed by CPU,
 * see {@link DctKernelProvider}.
 */
enum RowBlockShape {
  /** Two 256-bit chains of eight rows each, transposed in 8x8 tiles. */
  TWO_BY_8,
  /** One 512-bit chain of sixteen rows, transposed in 16x16 tiles ({@link WideRowBlocks}). */
  ONE_BY_16
}

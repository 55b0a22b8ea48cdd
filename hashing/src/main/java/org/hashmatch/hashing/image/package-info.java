/**
 * Safe decoding of encoded images into the planes the hashes need: content-sniffed format,
 * header-checked budgets before any pixel allocation, and typed errors for bad input. Colour rules
 * (grey, alpha, palette, 16-bit, CMYK, EXIF orientation) are fixed here, once, in {@link
 * org.hashmatch.hashing.image.ImageDecoder}.
 */
@NullMarked
package org.hashmatch.hashing.image;

import org.jspecify.annotations.NullMarked;

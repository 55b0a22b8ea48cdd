/**
 * Image decoding done by hand where the ImageIO plugins differ from the decoders that produced the
 * reference hashes: a VP8 (lossy WebP) key-frame decoder and libwebp's default chroma upsampling
 * and YUV to RGB conversion. Not API: only {@link org.hashmatch.hashing.image} uses it.
 */
@NullMarked
package org.hashmatch.hashing.image.internal;

import org.jspecify.annotations.NullMarked;

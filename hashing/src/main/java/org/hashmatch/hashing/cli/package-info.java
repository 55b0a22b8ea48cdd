/**
 * The {@code hash} command line tool: hashes image files and prints one JSON object per file. It
 * uses only the hashing module's public API and writes its JSON by hand.
 */
@NullMarked
package org.hashmatch.hashing.cli;

import org.jspecify.annotations.NullMarked;

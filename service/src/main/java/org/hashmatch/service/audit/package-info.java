/**
 * The append-only, hash-chained audit log of every change to banks, entries and keys. Each record
 * carries the SHA-256 of the previous one, so editing or deleting a record breaks the chain on open.
 */
@NullMarked
package org.hashmatch.service.audit;

import org.jspecify.annotations.NullMarked;

/**
 * API keys and roles: random bearer secrets stored only as SHA-256 hashes in an atomically written,
 * checksummed key file. Roles are ordered {@code matcher < curator < admin}.
 */
@NullMarked
package org.hashmatch.service.auth;

import org.jspecify.annotations.NullMarked;

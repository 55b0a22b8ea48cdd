/**
 * File-system helpers shared by the key file and the audit log: atomic replacement, directory
 * fsync and cross-process locking. Not an API; never used outside the service module.
 */
@NullMarked
package org.hashmatch.service.internal;

import org.jspecify.annotations.NullMarked;

/**
 * The Hashmatch HTTP service: configuration, lifecycle and the command-line entry point. The only
 * module that knows HTTP, auth, metrics and config files.
 */
@NullMarked
package org.hashmatch.service;

import org.jspecify.annotations.NullMarked;

package org.hashmatch.service.audit;

/**
 * Who made a change.
 *
 * @param keyId the API key's id, or {@code cli} for the command line
 * @param name the key's name, or the operating-system user for the command line
 * @param role the key's role
 */
public record Actor(String keyId, String name, String role) {}

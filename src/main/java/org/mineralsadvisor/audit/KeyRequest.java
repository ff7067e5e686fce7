package org.mineralsadvisor.audit;

/**
 * A signing key to append to the chain. Refused ({@link KeyConflictException}) unless
 * {@code previousKeyId} is the key of the latest key record (null when there is none), so two
 * instances introducing a first key, or rotating at once, cannot both win. The signatures are
 * checked by whoever makes the request; the store keeps what it is given.
 */
public record KeyRequest(String id, String introducedAt, String keyId, String publicKey, String previousKeyId,
                         String endorsement, String proof) {
}

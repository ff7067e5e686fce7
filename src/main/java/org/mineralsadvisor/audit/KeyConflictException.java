package org.mineralsadvisor.audit;

/** The log's current signing key is not the one a key request expected to succeed. Nothing was written. */
public class KeyConflictException extends RuntimeException {
    private final String currentKeyId;

    public KeyConflictException(String expected, String current) {
        super("signing-key conflict: expected " + describe(expected) + " to be the log's current key, but "
                + describe(current) + " is");
        this.currentKeyId = current;
    }

    /** The same conflict, thrown again in the caller's thread (the writer thread found it). */
    public KeyConflictException(KeyConflictException found) {
        super(found.getMessage(), found);
        this.currentKeyId = found.currentKeyId;
    }

    private static String describe(String keyId) {
        return keyId == null ? "no key (none introduced yet)" : "key " + keyId;
    }

    /** The log's current key id, null when it has none. */
    public String currentKeyId() {
        return currentKeyId;
    }
}

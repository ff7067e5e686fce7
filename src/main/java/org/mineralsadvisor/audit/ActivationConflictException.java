package org.mineralsadvisor.audit;

/**
 * The active version is no longer the request's previous version: another approver or another
 * instance activated first. Nothing was written; the caller may look again and retry.
 */
public class ActivationConflictException extends RuntimeException {
    private final String activeVersion;

    public ActivationConflictException(String requestedPrevious, String activeVersion) {
        super("activation conflict: it expected " + describe(requestedPrevious) + " to be active, but "
                + describe(activeVersion) + " is");
        this.activeVersion = activeVersion;
    }

    /** The same conflict, thrown again in the caller's thread (the writer thread found it). */
    public ActivationConflictException(ActivationConflictException found) {
        super(found.getMessage(), found);
        this.activeVersion = found.activeVersion;
    }

    private static String describe(String version) {
        return version == null ? "no version (no activation yet)" : version;
    }

    /** The version active now, null when nothing was ever activated. */
    public String activeVersion() {
        return activeVersion;
    }
}

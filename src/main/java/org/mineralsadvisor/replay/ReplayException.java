package org.mineralsadvisor.replay;

/** A stored advice cannot be replayed (its rule set or fact base is missing or no longer loads). */
public class ReplayException extends RuntimeException {
    public ReplayException(String message) {
        super(message);
    }
}

package org.mineralsadvisor.transparency;

/** The service will not sign the log as it is (its chain is broken, or it no longer extends a checkpoint). */
public class CheckpointRefusedException extends RuntimeException {
    public CheckpointRefusedException(String message) {
        super(message);
    }
}

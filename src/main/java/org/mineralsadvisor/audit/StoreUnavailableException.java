package org.mineralsadvisor.audit;

/** The audit store could not record an advice: the advice must not be given. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

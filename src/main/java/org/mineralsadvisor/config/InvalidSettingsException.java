package org.mineralsadvisor.config;

/** A setting could not be used; the message says which and where it came from. */
public class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(String message) {
        super(message);
    }
}

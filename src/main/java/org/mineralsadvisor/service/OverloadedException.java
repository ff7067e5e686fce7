package org.mineralsadvisor.service;

/** Every evaluation worker stayed busy for the whole queue wait: try again later. */
public class OverloadedException extends RuntimeException {
    public OverloadedException(String message) {
        super(message);
    }
}

package org.mineralsadvisor.evaluation;

/** An evaluation ran past its time limit and was stopped. Nothing is advised. */
public class EvaluationTimeoutException extends RuntimeException {
    public EvaluationTimeoutException(String message) {
        super(message);
    }
}

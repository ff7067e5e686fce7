package org.mineralsadvisor.evaluation;

/** An evaluation hit its rule-firing limit: the rule set probably loops. Nothing is advised. */
public class EvaluationLimitException extends RuntimeException {
    public EvaluationLimitException(String message) {
        super(message);
    }
}

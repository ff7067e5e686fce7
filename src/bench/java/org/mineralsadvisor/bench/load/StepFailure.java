package org.mineralsadvisor.bench.load;

/**
 * A benchmark step that failed, with the sentence the run reports (what failed and which log
 * to read). The driver records it and goes on with the next step, or stops when nothing after
 * it can run.
 */
final class StepFailure extends Exception {
    StepFailure(String message) {
        super(message);
    }
}

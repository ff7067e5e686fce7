package org.mineralsadvisor.scenario;

import java.util.List;
import java.util.Set;

/**
 * The outcome of one scenario: passed, or the mismatches found; and which rules fired while it ran
 * (what the coverage table counts).
 *
 * @param firedRules the rules that fired, as {@link Coverage#key} keys; empty when the case did not run
 */
public record ScenarioResult(Scenario scenario, List<Mismatch> mismatches, Set<String> firedRules) {

    /** One thing the case expected and did not get. {@code expected} and {@code actual} are null when the case itself is written wrong. */
    public record Mismatch(String message, String expected, String actual) {
        static Mismatch of(String message) {
            return new Mismatch(message, null, null);
        }
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    /** Each mismatch in words, expected and actual included. */
    public List<String> failures() {
        return mismatches.stream().map(Mismatch::message).toList();
    }
}

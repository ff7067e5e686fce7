package org.mineralsadvisor.scenario;

import java.util.List;

/** The outcome of one scenario: passed, or the list of failures found. */
public record ScenarioResult(Scenario scenario, List<String> failures) {

    public boolean passed() {
        return failures.isEmpty();
    }
}

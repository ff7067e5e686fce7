package org.mineralsadvisor.authoring;

import java.util.List;

/** The candidate's scenario tests: counts and each failing case with what was wrong. */
public record TestSummary(int passed, int failed, List<FailedScenario> failures) {
    public static final TestSummary NOT_RUN = new TestSummary(0, 0, List.of());

    public record FailedScenario(String scenario, List<String> failures) {
    }
}

package org.mineralsadvisor.authoring;

import java.util.List;

/** The candidate's scenario tests: counts and each failing case with what was wrong. */
public record TestSummary(int passed, int failed, List<FailedScenario> failures) {
    public static final TestSummary NOT_RUN = new TestSummary(0, 0, List.of());

    /** @param scenario {@code file:line: note}; file and line locate it, as the rules directory names it */
    public record FailedScenario(String scenario, List<String> failures,
                                 @com.fasterxml.jackson.annotation.JsonIgnore String file,
                                 @com.fasterxml.jackson.annotation.JsonIgnore int line,
                                 @com.fasterxml.jackson.annotation.JsonIgnore String note) {
        public FailedScenario(String scenario, List<String> failures) {
            this(scenario, failures, scenario, 0, scenario);
        }
    }

    /** The counts and the failing cases of a scenario run, each case as {@code file:line: note}. */
    public static TestSummary of(org.mineralsadvisor.scenario.ScenarioReport report) {
        List<FailedScenario> failures = report.scenarios().stream().filter(o -> !o.passed())
                .map(o -> new FailedScenario(o.file() + ":" + o.line() + ": " + o.name(),
                        o.failures().stream().map(org.mineralsadvisor.scenario.ScenarioResult.Mismatch::message).toList(),
                        "rules/" + o.file(), o.line(), o.name()))
                .toList();
        return new TestSummary(report.passed(), report.failed(), failures);
    }
}

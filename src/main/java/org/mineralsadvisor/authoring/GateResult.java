package org.mineralsadvisor.authoring;

import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;

import java.util.List;
import java.util.SortedMap;

/**
 * What the gate found for one candidate.
 *
 * @param files    every file of the candidate, tests included
 * @param ruleSet  the compiled rules, or null when they did not compile or broke a check
 * @param problems every problem, located, errors and warnings
 * @param report   the scenario run with its coverage, or null when the rules did not compile
 */
public record GateResult(String version, SortedMap<String, String> files, RuleSet ruleSet, List<RuleProblem> problems,
                         TestSummary tests, org.mineralsadvisor.scenario.ScenarioReport report) {

    public boolean passed() {
        return ruleSet != null && problems.stream().noneMatch(RuleProblem::isError) && tests.failed() == 0;
    }

    public String status() {
        return passed() ? "ready" : "rejected";
    }

    /** The located errors, then each failing scenario at its file and line: what a 422 lists. */
    public List<RuleProblem> errors() {
        List<RuleProblem> errors = new java.util.ArrayList<>(problems.stream().filter(RuleProblem::isError).toList());
        for (TestSummary.FailedScenario failed : tests.failures()) {
            errors.add(RuleProblem.error(failed.file(), failed.line(), 1, "scenario_failed: " + failed.note() + ": "
                    + String.join("; ", failed.failures())));
        }
        return errors;
    }

    /** {@link #errors()} as text, one line each. */
    public List<String> errorLines() {
        return errors().stream().map(RuleProblem::toString).toList();
    }
}

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

    /** The located errors, then the failing scenarios, one line each: what a 422 lists. */
    public List<String> errorLines() {
        List<String> lines = new java.util.ArrayList<>();
        problems.stream().filter(RuleProblem::isError).forEach(p -> lines.add(p.toString()));
        tests.failures().forEach(f -> lines.add(f.scenario() + ": " + String.join("; ", f.failures())));
        return lines;
    }
}

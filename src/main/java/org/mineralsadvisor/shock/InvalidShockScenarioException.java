package org.mineralsadvisor.shock;

import java.util.List;

/** A shock scenario that cannot be read or applied; carries every problem found, in order. */
public class InvalidShockScenarioException extends RuntimeException {
    private final String scenario;
    private final List<ShockProblem> problems;

    public InvalidShockScenarioException(String scenario, List<ShockProblem> problems) {
        this(scenario, inFileOrder(problems), true);
    }

    private InvalidShockScenarioException(String scenario, List<ShockProblem> problems, boolean sorted) {
        super(problems.size() + " problem(s) in shock scenario " + scenario + ":\n"
                + String.join("\n", problems.stream().map(ShockProblem::toString).toList()));
        this.scenario = scenario;
        this.problems = problems;
    }

    /** As a reader goes through the file: by line and column; a problem of the whole scenario (line 0) first. */
    private static List<ShockProblem> inFileOrder(List<ShockProblem> problems) {
        return problems.stream().sorted(java.util.Comparator.comparingInt(ShockProblem::line)
                .thenComparingInt(ShockProblem::column)).toList();
    }

    /** The scenario's file (or where it came from, e.g. the request body). */
    public String scenario() {
        return scenario;
    }

    public List<ShockProblem> problems() {
        return problems;
    }
}

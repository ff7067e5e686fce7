package org.mineralsadvisor.shock;

import java.util.List;

/** A shock scenario that cannot be read or applied; carries every problem found, in order. */
public class InvalidShockScenarioException extends RuntimeException {
    private final String scenario;
    private final List<ShockProblem> problems;

    public InvalidShockScenarioException(String scenario, List<ShockProblem> problems) {
        super(problems.size() + " problem(s) in shock scenario " + scenario + ":\n"
                + String.join("\n", problems.stream().map(ShockProblem::toString).toList()));
        this.scenario = scenario;
        this.problems = List.copyOf(problems);
    }

    /** The scenario's file (or where it came from, e.g. the request body). */
    public String scenario() {
        return scenario;
    }

    public List<ShockProblem> problems() {
        return problems;
    }
}

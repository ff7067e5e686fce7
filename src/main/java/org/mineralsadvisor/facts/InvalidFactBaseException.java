package org.mineralsadvisor.facts;

import java.util.List;

/** The fact base could not be loaded; carries every problem found, in file and line order. */
public class InvalidFactBaseException extends RuntimeException {
    private final List<FactProblem> problems;

    public InvalidFactBaseException(List<FactProblem> problems) {
        super(problems.size() + " problem(s) in the fact base:\n" + String.join("\n",
                problems.stream().map(FactProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<FactProblem> problems() {
        return problems;
    }
}

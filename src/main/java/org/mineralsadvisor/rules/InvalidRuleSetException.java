package org.mineralsadvisor.rules;

import java.util.List;

/** The rule set did not compile or failed validation; carries every problem found. */
public class InvalidRuleSetException extends RuntimeException {
    private final List<RuleProblem> problems;

    public InvalidRuleSetException(List<RuleProblem> problems) {
        super(problems.stream().filter(RuleProblem::isError).count() + " error(s) in the rule set:\n"
                + String.join("\n", problems.stream().map(RuleProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}

package org.mineralsadvisor.timeline;

import java.util.List;
import java.util.stream.Collectors;

/** A timeline range that cannot be run, with every problem found in it. */
public final class InvalidRangeException extends RuntimeException {
    private final List<RangeProblem> problems;

    public InvalidRangeException(List<RangeProblem> problems) {
        super(problems.stream().map(RangeProblem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<RangeProblem> problems() {
        return problems;
    }
}

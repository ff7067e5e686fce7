package org.mineralsadvisor.profile;

import java.util.List;

/** The profile was rejected; carries every problem found, each with its JSON Pointer. */
public class InvalidProfileException extends RuntimeException {
    private final List<ProfileProblem> problems;

    public InvalidProfileException(List<ProfileProblem> problems) {
        super(problems.size() + " problem(s) in the profile");
        this.problems = List.copyOf(problems);
    }

    public List<ProfileProblem> problems() {
        return problems;
    }
}

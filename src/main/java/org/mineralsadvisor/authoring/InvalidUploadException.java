package org.mineralsadvisor.authoring;

import java.util.List;

/** The upload's body is not a rule set: every problem, each at its JSON Pointer. */
public class InvalidUploadException extends RuntimeException {
    private final List<UploadProblem> problems;
    private final boolean malformed;

    InvalidUploadException(List<UploadProblem> problems, boolean malformed) {
        super(problems.size() + " problem(s) in the upload");
        this.problems = List.copyOf(problems);
        this.malformed = malformed;
    }

    public List<UploadProblem> problems() {
        return problems;
    }

    /** True when the body is not JSON at all (a 400, where the others are 422). */
    public boolean malformed() {
        return malformed;
    }
}

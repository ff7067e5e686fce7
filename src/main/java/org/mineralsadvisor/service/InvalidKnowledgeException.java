package org.mineralsadvisor.service;

import java.util.List;

/** The rules or the fact base did not load; {@link #problems()} has every located problem of both. */
public final class InvalidKnowledgeException extends RuntimeException {
    private final List<String> problems;

    public InvalidKnowledgeException(List<String> problems) {
        super(problems.size() + " problem(s) in the rules and fact base:\n" + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each as {@code file:line:column: message}, rule problems first. */
    public List<String> problems() {
        return problems;
    }
}

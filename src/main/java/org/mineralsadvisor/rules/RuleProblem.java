package org.mineralsadvisor.rules;

/** A problem in a rule set, located by file, line and column (1-based; 0 where unknown). */
public record RuleProblem(String file, int line, int column, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public static RuleProblem error(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, Severity.ERROR, message);
    }

    public static RuleProblem warning(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (isError() ? "" : "warning: ") + message;
    }
}

package org.mineralsadvisor.rules;

/** A problem in a rule set, located by file, line and column (1-based; 0 where unknown). */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"file", "line", "column", "severity", "code", "message"})
public record RuleProblem(String file, int line, int column, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public static RuleProblem error(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, Severity.ERROR, message);
    }

    public static RuleProblem warning(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, Severity.WARNING, message);
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("^([a-z][a-z0-9_]*): ");

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The problem's stable code: the {@code code:} its message starts with, or, for what Drools
     * itself reports (parser and Java compiler messages), {@code drl_error} / {@code drl_warning}.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("code")
    public String code() {
        java.util.regex.Matcher m = CODE.matcher(message);
        return m.find() ? m.group(1) : isError() ? "drl_error" : "drl_warning";
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (isError() ? "" : "warning: ") + message;
    }
}

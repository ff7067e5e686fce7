package org.mineralsadvisor.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds the parameter placeholders of one DRL file before Drools compiles it: in a condition or
 * consequence {@code ${threshold}} becomes the number itself, so a parameter costs an evaluation
 * exactly what a literal costs (Drools indexes and shares it like one); in a rule name, an
 * {@code @explain} text or a string it becomes the number as people read it. A rule set's version
 * hashes {@code policies.yaml} with the DRL, so a changed parameter is a new version.
 *
 * <p>Lines are kept, so Drools' line numbers hold; a column after a placeholder is mapped back
 * to the text as written with {@link #originalColumn}.
 */
final class DrlParameters {
    static final Pattern RULE_HEADER = Pattern.compile("^\\s*rule\\s+(\"([^\"]*)\"|(\\S+))");
    static final Pattern RULE_END = Pattern.compile("^\\s*end\\s*(//.*)?$");
    static final Pattern POLICY_ID = Pattern.compile("@" + RuleSetCompiler.POLICY_ID + "\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern EXPLAIN = Pattern.compile("@" + RuleSetCompiler.EXPLAIN + "\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A substitution on one line: where the placeholder was and how long it and its replacement are. */
    private record Shift(int start, int rawLength, int newLength) {
    }

    private final String text;
    private final Map<Integer, List<Shift>> shifts;

    private DrlParameters(String text, Map<Integer, List<Shift>> shifts) {
        this.text = text;
        this.shifts = shifts;
    }

    /** The DRL text with every placeholder bound: what Drools compiles. */
    String text() {
        return text;
    }

    /** The 1-based column in the text as written for a column of the bound text on {@code line}. */
    int originalColumn(int line, int column) {
        int delta = 0;
        for (Shift shift : shifts.getOrDefault(line, List.of())) {
            int boundStart = shift.start + delta;
            if (column - 1 >= boundStart + shift.newLength) {
                delta += shift.newLength - shift.rawLength;
            } else if (column - 1 >= boundStart) {
                return shift.start + 1;
            } else {
                break;
            }
        }
        return column <= 0 ? column : column - delta;
    }

    /**
     * Binds {@code source} (shown as {@code file}), adding a located problem for each placeholder
     * that names no parameter and a warning for each number written into a rule name or explanation.
     */
    static DrlParameters bind(String source, String file, ParameterPlaceholders placeholders, List<RuleProblem> problems) {
        String[] lines = source.split("\n", -1);
        String[] policyOfLine = policiesOfRules(lines);
        Map<Integer, List<Shift>> shifts = new HashMap<>();
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            warnNumbers(line, file, i + 1, problems);
            if (line.contains(ParameterPlaceholders.OPEN)) {
                List<Shift> lineShifts = new ArrayList<>();
                line = bindLine(line, policyOfLine[i], placeholders, file, i + 1, problems, lineShifts);
                shifts.put(i + 1, lineShifts);
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return new DrlParameters(out.toString(), shifts);
    }

    /** Per line, the {@code @policyId} of the rule the line belongs to (null outside rules, "" in a rule without one). */
    static String[] policiesOfRules(String[] lines) {
        String[] policies = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            if (!RULE_HEADER.matcher(lines[i]).find()) {
                continue;
            }
            int end = i;
            String policy = null;
            while (end < lines.length && (end == i || !RULE_END.matcher(lines[end]).find())) {
                Matcher m = POLICY_ID.matcher(lines[end]);
                if (policy == null && m.find()) {
                    policy = m.group(1);
                }
                end++;
            }
            for (int j = i; j <= Math.min(end, lines.length - 1); j++) {
                policies[j] = policy == null ? "" : policy; // "": a rule without @policyId
            }
            i = end;
        }
        return policies;
    }

    private static String bindLine(String line, String policyId, ParameterPlaceholders placeholders, String file,
                                   int lineNo, List<RuleProblem> problems, List<Shift> shifts) {
        StringBuilder out = new StringBuilder(line.length());
        boolean inString = false;
        boolean inComment = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!inComment && c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                inComment = true;
            } else if (line.startsWith(ParameterPlaceholders.OPEN, i)) {
                ParameterPlaceholders.Resolution r = placeholders.resolve(line, i, policyId, !inString && !inComment,
                        file, lineNo, problems);
                out.append(r.replacement());
                shifts.add(new Shift(i, r.end() - i, r.replacement().length()));
                i = r.end();
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Numbers written into a rule's name or its {@code @explain} text, as written (placeholders aside). */
    private static void warnNumbers(String line, String file, int lineNo, List<RuleProblem> problems) {
        Matcher header = RULE_HEADER.matcher(line);
        if (header.find() && header.group(2) != null) {
            ParameterPlaceholders.warnNumbers(header.group(2), "rule name \"" + header.group(2) + "\"", file, lineNo,
                    header.start(2), problems);
        }
        Matcher explain = EXPLAIN.matcher(line);
        if (explain.find()) {
            ParameterPlaceholders.warnNumbers(explain.group(1), "@" + RuleSetCompiler.EXPLAIN + " text", file, lineNo,
                    explain.start(1), problems);
        }
    }
}

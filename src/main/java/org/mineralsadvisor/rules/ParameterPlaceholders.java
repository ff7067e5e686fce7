package org.mineralsadvisor.rules;

import org.mineralsadvisor.profile.Suggestions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${name}}, {@code ${name|pct}} and {@code ${POLICY-ID.name}} placeholders to
 * the parameters of {@code policies.yaml}. An unqualified name belongs to the policy of the
 * text it is written in (the rule's {@code @policyId}, the catalogue entry). In rule code the
 * placeholder becomes the number as a literal; in text (a rule name, an explanation, a string,
 * a catalogue title) it becomes the number as explanations write it, {@code |pct} as a percentage.
 */
final class ParameterPlaceholders {
    static final String UNKNOWN = "parameter_unknown";
    static final String MALFORMED = "parameter_malformed";
    static final String FORMAT = "parameter_format";
    static final String NUMBER_IN_TEXT = "number_not_parameter";

    /** Where the placeholder starts: everything after it must match {@link #PLACEHOLDER}. */
    static final String OPEN = "${";
    static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$\\{\\s*(?:([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\\.)?([A-Za-z_]\\w*)\\s*(?:\\|\\s*(\\w+)\\s*)?}");
    /** A number as people write one in prose: 50, 2,500, 0.25, 5%; not the digit of an id such as TIER_1. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d[\\d,]*(?:\\.\\d+)?(?![\\w])");
    /** A placeholder of either kind, blanked before looking for numbers. */
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\$?\\{[^{}]*}");
    private static final Set<String> FORMATS = Set.of("pct");

    /** Parameters by policy id, then by name. */
    private final Map<String, Map<String, PolicyParameter>> parameters;
    /** Every parameter a placeholder named: for the warning about unused ones. */
    private final Set<PolicyParameter> used;

    /** "POLICY.name" of parameters whose value is invalid (already reported where it is written). */
    private final Set<String> invalid;

    ParameterPlaceholders(Map<String, Map<String, PolicyParameter>> parameters, Set<PolicyParameter> used,
                          Set<String> invalid) {
        this.parameters = parameters;
        this.used = used;
        this.invalid = invalid;
    }

    /** One resolved (or failed) placeholder: what replaces it, where it was, and the parameter (null on failure). */
    record Resolution(String replacement, PolicyParameter parameter, int start, int end) {
    }

    /**
     * Resolves the placeholder that starts at {@code start} of {@code line} (1-based {@code lineNo}),
     * reporting a problem located at it when it cannot be resolved.
     *
     * @param policyId the policy an unqualified name belongs to; null outside a rule
     * @param code     whether the placeholder stands in rule code (a literal) or in text
     */
    Resolution resolve(String line, int start, String policyId, boolean code, String file, int lineNo,
                       List<RuleProblem> problems) {
        String fallback = code ? "0" : "?";
        Matcher m = PLACEHOLDER.matcher(line);
        m.region(start, line.length());
        if (!m.lookingAt()) {
            int close = line.indexOf('}', start);
            int end = close < 0 ? line.length() : close + 1;
            problems.add(RuleProblem.error(file, lineNo, start + 1, MALFORMED + ": " + line.substring(start, end)
                    + " is not a parameter placeholder; write ${name}, ${name|pct} or ${POLICY-ID.name}"));
            return new Resolution(fallback, null, start, end);
        }
        String qualifier = m.group(1);
        String name = m.group(2);
        String format = m.group(3);
        String policy = qualifier != null ? qualifier : policyId;
        PolicyParameter parameter = null;
        if (policy != null && invalid.contains(policy + "." + name)) {
            return new Resolution(fallback, null, start, m.end()); // its value is reported in policies.yaml
        } else if (policy != null && policy.isEmpty()) {
            problems.add(RuleProblem.error(file, lineNo, start + 1, UNKNOWN + ": " + m.group()
                    + " is in a rule without @" + RuleSetCompiler.POLICY_ID + ", so it has no policy to belong to"));
        } else if (policy == null) {
            problems.add(RuleProblem.error(file, lineNo, start + 1, UNKNOWN + ": " + m.group()
                    + " is outside a rule, so it must name its policy: ${POLICY-ID." + name + "}"));
        } else if (!parameters.containsKey(policy) && qualifier != null) {
            problems.add(RuleProblem.error(file, lineNo, start + 1, UNKNOWN + ": " + m.group() + " names policy "
                    + policy + ", which is not in " + PolicyCatalogue.FILE_NAME
                    + Suggestions.of(parameters.keySet()).closest(policy).map(c -> "; did you mean " + c + "?").orElse("")));
        } else {
            Map<String, PolicyParameter> ofPolicy = parameters.getOrDefault(policy, Map.of());
            parameter = ofPolicy.get(name);
            if (parameter == null) {
                // Names whose value is invalid still count as written: a misspelling of one is suggested.
                List<String> names = new ArrayList<>(ofPolicy.keySet());
                invalid.stream().filter(n -> n.startsWith(policy + ".")).map(n -> n.substring(policy.length() + 1))
                        .forEach(names::add);
                problems.add(RuleProblem.error(file, lineNo, start + 1, UNKNOWN + ": " + m.group() + ": policy " + policy
                        + " has no parameter '" + name + "' in " + PolicyCatalogue.FILE_NAME
                        + (names.isEmpty() ? " (it has no parameters)"
                        : Suggestions.of(names).closest(name).map(c -> "; did you mean " + c + "?")
                        .orElse(" (its parameters: " + String.join(", ", names) + ")"))));
            }
        }
        if (parameter == null) {
            return new Resolution(fallback, null, start, m.end());
        }
        used.add(parameter);
        if (format != null && !FORMATS.contains(format)) {
            problems.add(RuleProblem.error(file, lineNo, start + 1, FORMAT + ": " + m.group()
                    + " names the unknown format '" + format + "' (formats: pct)"));
            return new Resolution(fallback, parameter, start, m.end());
        }
        if (format != null && code) {
            problems.add(RuleProblem.error(file, lineNo, start + 1, FORMAT + ": " + m.group()
                    + " formats a value in rule code, where it must be a plain number: write ${" + name + "}"));
            return new Resolution(fallback, parameter, start, m.end());
        }
        return new Resolution(code ? parameter.code() : parameter.display(format), parameter, start, m.end());
    }

    /** Renders every placeholder of a one-line text (a catalogue title); {@code column0} is where it starts. */
    String renderText(String text, String policyId, String file, int lineNo, int column0, List<RuleProblem> problems) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        int open;
        while ((open = text.indexOf(OPEN, at)) >= 0) {
            out.append(text, at, open);
            List<RuleProblem> found = new ArrayList<>();
            Resolution r = resolve(text, open, policyId, false, file, lineNo, found);
            for (RuleProblem p : found) {
                problems.add(new RuleProblem(p.file(), p.line(), p.column() + column0, p.severity(), p.message()));
            }
            out.append(r.replacement());
            at = r.end();
        }
        return out.append(text.substring(at)).toString();
    }

    /**
     * Warns about each number written in {@code text} (a rule name, an explanation, a catalogue
     * title) outside a placeholder: a threshold written there goes stale when the parameter changes.
     *
     * @param column0 the 0-based column of {@code text} on its line
     */
    static void warnNumbers(String text, String what, String file, int lineNo, int column0, List<RuleProblem> problems) {
        Matcher blank = ANY_PLACEHOLDER.matcher(text);
        StringBuilder prose = new StringBuilder(text);
        while (blank.find()) {
            for (int i = blank.start(); i < blank.end(); i++) {
                prose.setCharAt(i, ' ');
            }
        }
        Matcher number = NUMBER.matcher(prose);
        while (number.find()) {
            problems.add(RuleProblem.warning(file, lineNo, column0 + number.start() + 1, NUMBER_IN_TEXT + ": " + what
                    + " writes the number " + number.group() + "; write a parameter of its policy instead (${name} or ${name|pct},"
                    + " defined under the policy's 'parameters:' in " + PolicyCatalogue.FILE_NAME + ")"));
        }
    }
}

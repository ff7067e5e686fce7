package org.mineralsadvisor.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.mineralsadvisor.rules.RuleSource.Token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two rule sets, in the words of the people who write them: the rules
 * added, removed and changed (matched by package and name as written, so a name that renders a
 * changed parameter is the same rule), each changed threshold or constant as before → after
 * with its policy and where it is written, and the scenario tests that cover each rule.
 *
 * @param changed    rules whose text, metadata or parameters differ, in candidate file order
 * @param parameters every parameter of {@code policies.yaml} that was added, removed or changed,
 *                   whether or not a rule names it
 */
public record RuleSetDiff(String baseVersion, String candidateVersion, List<RuleChange> changed,
                          List<RuleChange> added, List<RuleChange> removed, List<ValueChange> parameters) {

    /**
     * One rule added, removed or changed.
     *
     * @param name      the rule's name as rendered (as traces show it); the candidate's unless removed
     * @param aspects   what differs: metadata, condition, consequence, parameters, function NAME
     * @param coveredBy the scenario tests that fire the rule; empty when none does, null when not known
     */
    public record RuleChange(String name, String packageName, String policyId, String file, int line,
                             List<String> aspects, List<ValueChange> values, List<String> coveredBy) {
    }

    /**
     * A threshold or constant whose value changed.
     *
     * @param what   the parameter's name, or where a literal is ("condition", "function tier", …)
     * @param before the value before, null when added
     * @param after  the value after, null when removed
     * @param file   where the new value is written (the old one when removed), e.g. {@code rules/policies.yaml}
     */
    public record ValueChange(String policyId, String what, String before, String after, String file, int line) {
        String text() {
            return what + (policyId == null ? "" : " (" + policyId + ")") + ": "
                    + (before == null ? "(none)" : before) + " → " + (after == null ? "(none)" : after)
                    + "   (" + file + ":" + line + ")";
        }
    }

    /**
     * Compares {@code base} with {@code candidate}.
     *
     * @param coveredBy rule name (as rendered) → the scenario tests that fire it; null when coverage is unknown
     */
    private static final int SHOWN_SCENARIOS = 3;

    public static RuleSetDiff of(RuleSet base, RuleSet candidate, Map<String, List<String>> coveredBy) {
        return new Comparison(base, candidate, coveredBy).diff();
    }

    @JsonIgnore
    public boolean isEmpty() {
        return changed.isEmpty() && added.isEmpty() && removed.isEmpty() && parameters.isEmpty();
    }

    /** The plain-language form, one block per rule. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("Rules changed: ").append(changed.size()).append(", added: ").append(added.size())
                .append(", removed: ").append(removed.size()).append('\n');
        changed.forEach(rule -> block(out, "~", rule));
        added.forEach(rule -> block(out, "+", rule));
        removed.forEach(rule -> block(out, "-", rule));
        Set<ValueChange> shown = new LinkedHashSet<>();
        changed.forEach(rule -> shown.addAll(rule.values()));
        List<ValueChange> unshown = parameters.stream().filter(p -> !shown.contains(p)).toList();
        if (!unshown.isEmpty()) {
            out.append("Parameters changed that no rule names:\n");
            unshown.forEach(p -> out.append("    ").append(p.text()).append('\n'));
        }
        return out.toString();
    }

    private static void block(StringBuilder out, String mark, RuleChange rule) {
        out.append(mark).append(" rule \"").append(rule.name()).append("\" (").append(rule.policyId()).append(") ")
                .append(rule.file()).append(':').append(rule.line()).append('\n');
        if (!rule.aspects().isEmpty() && mark.equals("~")) {
            out.append("    changed: ").append(String.join(", ", rule.aspects())).append('\n');
        }
        rule.values().forEach(v -> out.append("    ").append(v.text()).append('\n'));
        if (rule.coveredBy() == null) {
            out.append("    coverage: unknown\n");
        } else if (rule.coveredBy().isEmpty()) {
            out.append("    not covered\n");
        } else {
            // A rule every scenario fires (the ranking) would list them all: the count and the first few say enough.
            List<String> shown = rule.coveredBy().size() <= SHOWN_SCENARIOS ? rule.coveredBy()
                    : rule.coveredBy().subList(0, SHOWN_SCENARIOS);
            out.append("    covered by ").append(rule.coveredBy().size()).append(rule.coveredBy().size() == 1
                    ? " scenario: " : " scenarios: ").append(String.join(", ", shown))
                    .append(shown.size() < rule.coveredBy().size() ? ", and " + (rule.coveredBy().size() - shown.size())
                            + " more" : "").append('\n');
        }
    }

    /** One comparison: the two rule sets read as written, and what the diff collects. */
    private static final class Comparison {
        private final RuleSet base;
        private final RuleSet candidate;
        private final Map<String, List<String>> coveredBy;
        private final RuleSource before;
        private final RuleSource after;

        Comparison(RuleSet base, RuleSet candidate, Map<String, List<String>> coveredBy) {
            this.base = base;
            this.candidate = candidate;
            this.coveredBy = coveredBy;
            this.before = RuleSource.of(base.sources());
            this.after = RuleSource.of(candidate.sources());
        }

        RuleSetDiff diff() {
            List<ValueChange> parameters = parameterChanges();
            Map<String, List<ValueChange>> functionChanges = functionChanges();
            List<RuleChange> changed = new ArrayList<>();
            List<RuleChange> added = new ArrayList<>();
            for (RuleSource.Rule rule : after.rules.values()) {
                RuleSource.Rule old = before.rules.get(rule.key());
                if (old == null) {
                    added.add(change(rule, candidate, List.of(), List.of()));
                    continue;
                }
                List<String> aspects = new ArrayList<>();
                List<ValueChange> values = new ArrayList<>();
                compare("metadata", old.header(), rule.header(), rule, aspects, values);
                compare("condition", old.condition(), rule.condition(), rule, aspects, values);
                compare("consequence", old.consequence(), rule.consequence(), rule, aspects, values);
                List<ValueChange> named = parameters.stream().filter(p -> names(rule, p)).toList();
                if (!named.isEmpty()) {
                    aspects.add("parameters");
                    values.addAll(named);
                }
                functionChanges.forEach((function, changes) -> {
                    if (calls(rule, function)) {
                        aspects.add("function " + function);
                        changes.stream().filter(c -> !values.contains(c)).forEach(values::add);
                    }
                });
                if (!aspects.isEmpty()) {
                    changed.add(change(rule, candidate, aspects, values));
                }
            }
            List<RuleChange> removed = before.rules.values().stream().filter(r -> !after.rules.containsKey(r.key()))
                    .map(r -> change(r, base, List.of(), List.of())).toList();
            return new RuleSetDiff(base.version(), candidate.version(), List.copyOf(changed), List.copyOf(added),
                    removed, parameters);
        }

        private RuleChange change(RuleSource.Rule rule, RuleSet set, List<String> aspects, List<ValueChange> values) {
            String name = renderedName(rule, set);
            List<String> covered = null;
            if (coveredBy != null) {
                covered = coveredBy.getOrDefault(name, coveredBy.getOrDefault(rule.rawName(), List.of()));
                covered = covered == null ? List.of() : List.copyOf(covered);
            }
            return new RuleChange(name, rule.packageName(), rule.policyId(), rule.file(), rule.line(),
                    List.copyOf(aspects), List.copyOf(values), covered);
        }

        /** The rule's name as the compiled rule set renders it (its parameters bound). */
        private static String renderedName(RuleSource.Rule rule, RuleSet set) {
            for (RuleInfo info : set.rules()) {
                if (info.file().equals(rule.file()) && info.line() == rule.line()) {
                    return info.name();
                }
            }
            return rule.rawName();
        }

        /** Parameters added, removed or changed in value, in the candidate's file order (removed ones last). */
        private List<ValueChange> parameterChanges() {
            String file = RuleSetCompiler.DISPLAY_ROOT + "/" + PolicyCatalogue.FILE_NAME;
            Map<String, PolicyParameter> old = new LinkedHashMap<>();
            base.catalogue().parameters().forEach(p -> old.put(p.policyId() + "." + p.name(), p));
            List<ValueChange> changes = new ArrayList<>();
            for (PolicyParameter p : candidate.catalogue().parameters()) {
                PolicyParameter was = old.remove(p.policyId() + "." + p.name());
                if (was == null || was.value().compareTo(p.value()) != 0) {
                    changes.add(new ValueChange(p.policyId(), p.name(), was == null ? null : was.plain(), p.plain(),
                            file, p.line()));
                }
            }
            old.values().forEach(p -> changes.add(new ValueChange(p.policyId(), p.name(), p.plain(), null, file, p.line())));
            return List.copyOf(changes);
        }

        /** Whether the rule (or a function it calls) names the parameter, as the candidate writes it. */
        private boolean names(RuleSource.Rule rule, ValueChange parameter) {
            return after.parametersOf(rule, candidate.catalogue()).stream()
                    .anyMatch(p -> p.policyId().equals(parameter.policyId()) && p.name().equals(parameter.what()));
        }

        private static boolean calls(RuleSource.Rule rule, String function) {
            return RuleSource.calls(rule, function);
        }

        /** Per function present in both versions, the literals that changed in it (an entry with none: other text changed). */
        private Map<String, List<ValueChange>> functionChanges() {
            Map<String, List<ValueChange>> changes = new LinkedHashMap<>();
            for (RuleSource.Function function : after.functions.values()) {
                RuleSource.Function old = before.functions.get(function.name());
                if (old == null || texts(old.tokens()).equals(texts(function.tokens()))) {
                    continue;
                }
                changes.put(function.name(), literalChanges(old.tokens(), function.tokens(), null,
                        "literal in function " + function.name(), function.file()));
            }
            return changes;
        }

        private void compare(String aspect, List<Token> old, List<Token> now, RuleSource.Rule rule,
                             List<String> aspects, List<ValueChange> values) {
            if (texts(old).equals(texts(now))) {
                return;
            }
            aspects.add(aspect);
            values.addAll(literalChanges(old, now, rule.policyId(), "literal in " + aspect, rule.file()));
        }

        /**
         * The values (numbers, parameter placeholders) that one version replaced by another: each
         * stretch of the token diff that swaps values for the same number of values.
         */
        private List<ValueChange> literalChanges(List<Token> old, List<Token> now, String policyId, String what,
                                                 String file) {
            List<ValueChange> changes = new ArrayList<>();
            int[][] lcs = lcs(old, now);
            int i = 0;
            int j = 0;
            while (i < old.size() || j < now.size()) {
                if (i < old.size() && j < now.size() && old.get(i).text().equals(now.get(j).text())) {
                    i++;
                    j++;
                    continue;
                }
                List<Token> removed = new ArrayList<>();
                List<Token> inserted = new ArrayList<>();
                while (i < old.size() || j < now.size()) {
                    if (i < old.size() && j < now.size() && old.get(i).text().equals(now.get(j).text())) {
                        break;
                    }
                    if (j >= now.size() || (i < old.size() && lcs[i + 1][j] >= lcs[i][j + 1])) {
                        removed.add(old.get(i++));
                    } else {
                        inserted.add(now.get(j++));
                    }
                }
                List<Token> oldValues = removed.stream().filter(Token::isValue).toList();
                List<Token> newValues = inserted.stream().filter(Token::isValue).toList();
                if (!oldValues.isEmpty() && oldValues.size() == newValues.size()) {
                    for (int k = 0; k < oldValues.size(); k++) {
                        changes.add(new ValueChange(policyId, what, value(oldValues.get(k), base, policyId),
                                value(newValues.get(k), candidate, policyId), file, newValues.get(k).line()));
                    }
                }
            }
            return changes;
        }

        /** A literal as written; a placeholder with the value it stands for. */
        private static String value(Token token, RuleSet set, String ownPolicy) {
            if (!token.text().startsWith(ParameterPlaceholders.OPEN)) {
                return token.text();
            }
            java.util.regex.Matcher m = ParameterPlaceholders.PLACEHOLDER.matcher(token.text());
            String policyId = m.matches() ? (m.group(1) != null ? m.group(1) : ownPolicy) : null;
            if (policyId != null) {
                PolicyCatalogue.Policy policy = set.catalogue().policies().get(policyId);
                PolicyParameter p = policy == null ? null : policy.parameters().get(m.group(2));
                if (p != null) {
                    return token.text() + " = " + p.plain();
                }
            }
            return token.text();
        }

        private static int[][] lcs(List<Token> a, List<Token> b) {
            int[][] table = new int[a.size() + 1][b.size() + 1];
            for (int i = a.size() - 1; i >= 0; i--) {
                for (int j = b.size() - 1; j >= 0; j--) {
                    table[i][j] = a.get(i).text().equals(b.get(j).text())
                            ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
                }
            }
            return table;
        }

        private static List<String> texts(List<Token> tokens) {
            return tokens.stream().map(Token::text).toList();
        }
    }
}

package org.mineralsadvisor.scenario;

import org.mineralsadvisor.rules.RuleInfo;
import org.mineralsadvisor.rules.RuleSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rules the scenario tests exercise: for every rule of the rule set, how many scenarios
 * fired it. A rule or a catalogued policy that no scenario fires is a decision nothing pins
 * down, so those come first.
 *
 * @param rules           every rule, unfired ones first, then by file and line
 * @param unfiredRules    the rules no scenario fired, as {@code file:line: name}
 * @param unfiredPolicies the catalogued policy ids that no scenario fired (whether or not a rule carries them)
 */
public record Coverage(List<RuleCoverage> rules, List<String> unfiredRules, List<String> unfiredPolicies) {

    /** One rule and how many scenarios fired it. */
    public record RuleCoverage(String rule, String policyId, String file, int line, int firedBy) {
        public String location() {
            return file + ":" + line;
        }
    }

    /** How a firing names its rule: the rule's file as shown to people and its name (names are unique per package, a file holds one). */
    public static String key(String file, String rule) {
        return file + "#" + rule;
    }

    public static Coverage of(RuleSet rules, List<ScenarioResult> results) {
        Map<String, Integer> firedBy = new HashMap<>();
        for (ScenarioResult result : results) {
            result.firedRules().forEach(rule -> firedBy.merge(rule, 1, Integer::sum));
        }
        List<RuleCoverage> all = new ArrayList<>();
        Set<String> firedPolicies = new java.util.HashSet<>();
        for (RuleInfo rule : rules.rules()) {
            int count = firedBy.getOrDefault(key(rule.file(), rule.name()), 0);
            all.add(new RuleCoverage(rule.name(), rule.policyId(), rule.file(), rule.line(), count));
            if (count > 0) {
                firedPolicies.add(rule.policyId());
            }
        }
        all.sort(Comparator.comparing((RuleCoverage r) -> r.firedBy() > 0).thenComparing(RuleCoverage::file)
                .thenComparingInt(RuleCoverage::line).thenComparing(RuleCoverage::rule));
        List<String> unfiredRules = all.stream().filter(r -> r.firedBy() == 0)
                .map(r -> r.location() + ": " + r.rule()).toList();
        Set<String> unfiredPolicies = new LinkedHashSet<>(rules.catalogue().policies().keySet());
        unfiredPolicies.removeAll(firedPolicies);
        // No scenario can fire what no rule carries: the service applies those itself.
        unfiredPolicies.removeIf(rules.catalogue()::computedByService);
        return new Coverage(List.copyOf(all), unfiredRules, List.copyOf(unfiredPolicies));
    }

    /** The table as text: a header line, then one line per rule, unfired first. */
    public List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add("coverage: " + (rules.size() - unfiredRules.size()) + " of " + rules.size() + " rules fired by a scenario"
                + (unfiredPolicies.isEmpty() ? "; every catalogued policy fired"
                : "; policies no scenario fires: " + String.join(", ", unfiredPolicies)));
        int width = rules.stream().mapToInt(r -> r.location().length()).max().orElse(0);
        int policyWidth = rules.stream().mapToInt(r -> r.policyId().length()).max().orElse(0);
        lines.add(String.format("  %5s  %-" + Math.max(policyWidth, 6) + "s  %-" + Math.max(width, 9) + "s  %s",
                "fired", "policy", "file:line", "rule"));
        for (RuleCoverage rule : rules) {
            lines.add(String.format("  %5s  %-" + Math.max(policyWidth, 6) + "s  %-" + Math.max(width, 9) + "s  %s",
                    rule.firedBy() == 0 ? "NONE" : String.valueOf(rule.firedBy()), rule.policyId(), rule.location(),
                    rule.rule()));
        }
        return lines;
    }
}

package org.mineralsadvisor.rules;

import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A compiled, validated rule set: one read-only {@link KieBase} shared by every evaluation,
 * the rules' metadata, and the version (content hash of its files).
 *
 * @param sources    each file's content (path relative to the rules directory → text): what the version hashes
 * @param rulesByKey rule info keyed by {@code package + "/" + rule name}
 * @param stages     the stages the rules run in, in order
 */
public record RuleSet(Path directory, String version, Map<String, String> sources, KieBase kieBase,
                      Map<String, RuleInfo> rulesByKey, Map<Rule, RuleInfo> rulesByRule, PolicyCatalogue catalogue,
                      List<RuleProblem> warnings, Instant loadedAt, RuleStages stages) {

    public RuleInfo rule(String packageName, String ruleName) {
        return rulesByKey.get(packageName + "/" + ruleName);
    }

    /** The info of a rule of this rule set's KieBase (looked up by identity: it runs for every firing). */
    public RuleInfo rule(Rule rule) {
        RuleInfo info = rulesByRule.get(rule);
        return info != null ? info : rule(rule.getPackageName(), rule.getName());
    }

    /** The files, as shown to people ({@code rules/stockpile.drl}). */
    public List<String> files() {
        String root = RuleSetCompiler.displayRoot(directory);
        return sources.keySet().stream().map(name -> root + "/" + name).toList();
    }

    public List<RuleInfo> rules() {
        return List.copyOf(rulesByKey.values());
    }
}

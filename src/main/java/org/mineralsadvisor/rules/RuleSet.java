package org.mineralsadvisor.rules;

import org.kie.api.KieBase;

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
 */
public record RuleSet(Path directory, String version, Map<String, String> sources, KieBase kieBase,
                      Map<String, RuleInfo> rulesByKey, PolicyCatalogue catalogue,
                      List<RuleProblem> warnings, Instant loadedAt) {

    public RuleInfo rule(String packageName, String ruleName) {
        return rulesByKey.get(packageName + "/" + ruleName);
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

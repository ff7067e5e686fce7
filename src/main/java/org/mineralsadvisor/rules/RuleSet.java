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
 * @param rulesByKey rule info keyed by {@code package + "/" + rule name}
 */
public record RuleSet(Path directory, String version, List<String> files, KieBase kieBase,
                      Map<String, RuleInfo> rulesByKey, PolicyCatalogue catalogue,
                      List<RuleProblem> warnings, Instant loadedAt) {

    public RuleInfo rule(String packageName, String ruleName) {
        return rulesByKey.get(packageName + "/" + ruleName);
    }

    public List<RuleInfo> rules() {
        return List.copyOf(rulesByKey.values());
    }
}

package org.mineralsadvisor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies a rule set may cite: {@code policies.yaml} in the rules directory, one entry per
 * handbook policy id with its title and handbook section.
 */
public final class PolicyCatalogue {
    public static final String FILE_NAME = "policies.yaml";

    public record Policy(String id, String title, String section, int line) {
    }

    private final Map<String, Policy> policies;

    private PolicyCatalogue(Map<String, Policy> policies) {
        this.policies = policies;
    }

    public Map<String, Policy> policies() {
        return policies;
    }

    public boolean contains(String id) {
        return policies.containsKey(id);
    }

    /** Reads the catalogue text (null when the file is missing), adding any problem to {@code problems}. */
    static PolicyCatalogue read(String text, String displayName, List<RuleProblem> problems) {
        Map<String, Policy> policies = new LinkedHashMap<>();
        if (text == null) {
            problems.add(RuleProblem.error(displayName, 0, 0, "policy catalogue missing: expected " + FILE_NAME
                    + " listing each policy id with its title and handbook section"));
            return new PolicyCatalogue(policies);
        }
        JsonNode root;
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            root = yaml.readTree(text);
        } catch (IOException e) {
            problems.add(RuleProblem.error(displayName, 0, 0, "not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
            return new PolicyCatalogue(policies);
        }
        JsonNode list = root == null ? null : root.get("policies");
        if (list == null || !list.isArray()) {
            problems.add(RuleProblem.error(displayName, 1, 1, "expected a top-level 'policies:' list"));
            return new PolicyCatalogue(policies);
        }
        List<String> lines = text.lines().toList();
        for (JsonNode entry : list) {
            String id = text(entry, "id");
            int line = lineOf(lines, id);
            if (id == null || id.isBlank()) {
                problems.add(RuleProblem.error(displayName, 0, 0, "a policy entry has no 'id'"));
                continue;
            }
            String title = text(entry, "title");
            String section = text(entry, "section");
            if (title == null || title.isBlank() || section == null || section.isBlank()) {
                problems.add(RuleProblem.error(displayName, line, 1, "policy " + id + " needs a 'title' and a 'section'"));
            }
            if (policies.putIfAbsent(id, new Policy(id, title, section, line)) != null) {
                problems.add(RuleProblem.error(displayName, line, 1, "policy " + id + " is listed twice"));
            }
        }
        return new PolicyCatalogue(policies);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static int lineOf(List<String> lines, String id) {
        if (id == null) {
            return 0;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches("\\s*-?\\s*id:\\s*[\"']?" + java.util.regex.Pattern.quote(id) + "[\"']?\\s*(#.*)?")) {
                return i + 1;
            }
        }
        return 0;
    }
}

package org.mineralsadvisor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policies a rule set may cite: {@code policies.yaml} in the rules directory, one entry per
 * handbook policy id with its title and handbook section.
 */
public final class PolicyCatalogue {
    public static final String FILE_NAME = "policies.yaml";

    /**
     * @param title      the title with its parameters rendered ("Import reliance at or above 50%")
     * @param parameters the policy's thresholds, targets, factors and points by name, in file order
     */
    public record Policy(String id, String title, String section, int line, Map<String, PolicyParameter> parameters) {
    }

    static final String PARAMETERS = "parameters";
    static final String NOT_NUMERIC = "parameter_not_numeric";
    static final String UNUSED = "parameter_unused";
    public static final String INVALID_YAML = "catalogue_invalid_yaml";
    private static final java.util.regex.Pattern PARAMETER_NAME = java.util.regex.Pattern.compile("[A-Za-z_]\\w*");

    private final Map<String, Policy> policies;
    /** Ids whose entry says {@code computed_by: service}: the service applies them, no DRL rule carries them. */
    private final Set<String> computedByService;
    private final ParameterPlaceholders placeholders;
    private final Set<PolicyParameter> used;

    /** "POLICY.name" of each parameter whose value was reported invalid: placeholders naming it say nothing more. */
    private final Set<String> invalid;

    private PolicyCatalogue(Map<String, Policy> policies) {
        this(policies, new LinkedHashSet<>(), Set.of(), Set.of());
    }

    private PolicyCatalogue(Map<String, Policy> policies, Set<PolicyParameter> used, Set<String> invalid,
                            Set<String> computedByService) {
        this.policies = policies;
        this.computedByService = computedByService;
        this.used = used;
        this.invalid = invalid;
        Map<String, Map<String, PolicyParameter>> byPolicy = new LinkedHashMap<>();
        policies.values().forEach(p -> byPolicy.put(p.id(), p.parameters()));
        this.placeholders = new ParameterPlaceholders(byPolicy, used, invalid);
    }

    /** Resolves parameter placeholders against this catalogue, recording which parameters are used. */
    ParameterPlaceholders placeholders() {
        return placeholders;
    }

    /** Every parameter of every policy, in file order. */
    public List<PolicyParameter> parameters() {
        return policies.values().stream().flatMap(p -> p.parameters().values().stream()).toList();
    }

    /** Warns about each parameter that no rule, explanation or title has named (call after binding every file). */
    void warnUnused(String displayName, List<RuleProblem> problems) {
        for (PolicyParameter parameter : parameters()) {
            if (!used.contains(parameter)) {
                problems.add(RuleProblem.warning(displayName, parameter.line(), parameter.column(), UNUSED + ": parameter "
                        + parameter.name() + " of policy " + parameter.policyId() + " is named by no rule, explanation or title"));
            }
        }
    }

    public Map<String, Policy> policies() {
        return policies;
    }

    public boolean contains(String id) {
        return policies.containsKey(id);
    }

    /** Whether the service itself applies policy {@code id} (its entry says {@code computed_by: service}). */
    public boolean computedByService(String id) {
        return computedByService.contains(id);
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
            var at = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse ? parse.getLocation() : null;
            String what = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse
                    ? parse.getOriginalMessage() : e.getMessage();
            problems.add(RuleProblem.error(displayName, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    INVALID_YAML + ": not valid YAML: " + what.lines().findFirst().orElse("").strip()));
            return new PolicyCatalogue(policies);
        }
        JsonNode list = root == null ? null : root.get("policies");
        if (list == null || !list.isArray()) {
            problems.add(RuleProblem.error(displayName, 1, 1, "expected a top-level 'policies:' list"));
            return new PolicyCatalogue(policies);
        }
        List<String> lines = text.lines().toList();
        Map<String, String> rawTitles = new LinkedHashMap<>();
        Set<String> invalid = new LinkedHashSet<>();
        Set<String> computedByService = new LinkedHashSet<>();
        for (JsonNode entry : list) {
            String id = text(entry, "id");
            int line = lineOf(lines, id);
            if (id == null || id.isBlank()) {
                problems.add(RuleProblem.error(displayName, 0, 0, "a policy entry has no 'id'"));
                continue;
            }
            String title = text(entry, "title");
            String section = text(entry, "section");
            String computedBy = text(entry, "computed_by");
            if (computedBy != null && !computedBy.equals("service")) {
                problems.add(RuleProblem.error(displayName, fieldLine(lines, line, "computed_by"), 1, "policy " + id
                        + " computed_by must be 'service' (or absent, for a policy that rules carry), not '" + computedBy + "'"));
            } else if (computedBy != null) {
                computedByService.add(id);
            }
            if (title == null || title.isBlank() || section == null || section.isBlank()) {
                problems.add(RuleProblem.error(displayName, line, 1, "policy " + id + " needs a 'title' and a 'section'"));
            }
            Map<String, PolicyParameter> parameters = parameters(entry, id, lines, line, displayName, problems, invalid);
            if (policies.putIfAbsent(id, new Policy(id, title, section, line, parameters)) != null) {
                problems.add(RuleProblem.error(displayName, line, 1, "policy " + id + " is listed twice"));
            } else {
                rawTitles.put(id, title);
            }
        }
        PolicyCatalogue read = new PolicyCatalogue(policies, new LinkedHashSet<>(), Set.copyOf(invalid),
                Set.copyOf(computedByService));
        // Titles are rendered once every policy's parameters are known: a title may name another's.
        Map<String, Policy> rendered = new LinkedHashMap<>();
        for (Policy policy : policies.values()) {
            String title = rawTitles.get(policy.id());
            if (title != null) {
                int titleLine = fieldLine(lines, policy.line(), "title");
                int column = titleLine > 0 ? Math.max(0, lines.get(titleLine - 1).indexOf(title)) : 0;
                ParameterPlaceholders.warnNumbers(title, "the title of policy " + policy.id(), displayName, titleLine,
                        column, problems);
                title = read.placeholders.renderText(title, policy.id(), displayName, titleLine, column, problems);
            }
            rendered.put(policy.id(), new Policy(policy.id(), title, policy.section(), policy.line(), policy.parameters()));
        }
        return new PolicyCatalogue(rendered, read.used, read.invalid, read.computedByService);
    }

    /** The {@code parameters:} map of one policy entry: names to numbers, each located in the file. */
    private static Map<String, PolicyParameter> parameters(JsonNode entry, String id, List<String> lines, int policyLine,
                                                           String displayName, List<RuleProblem> problems,
                                                           Set<String> invalid) {
        Map<String, PolicyParameter> parameters = new LinkedHashMap<>();
        JsonNode node = entry.get(PARAMETERS);
        if (node == null || node.isNull() || id == null) {
            return parameters;
        }
        int keyLine = fieldLine(lines, policyLine, PARAMETERS);
        if (!node.isObject()) {
            problems.add(RuleProblem.error(displayName, keyLine, 1, NOT_NUMERIC + ": policy " + id
                    + " 'parameters:' must map names to numbers, e.g. { threshold: 0.50 }"));
            return parameters;
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String name = field.getKey();
            int[] at = nameAt(lines, keyLine > 0 ? keyLine : policyLine, name);
            JsonNode value = field.getValue();
            if (!PARAMETER_NAME.matcher(name).matches()) {
                problems.add(RuleProblem.error(displayName, at[0], at[1], NOT_NUMERIC + ": policy " + id + " parameter '"
                        + name + "' is not a name (letters, digits and _, not starting with a digit)"));
            } else if (value == null || value.isNull()) {
                problems.add(RuleProblem.error(displayName, at[0], at[1], NOT_NUMERIC + ": policy " + id + " parameter "
                        + name + " has no value; give it a number"));
            } else if (!value.isNumber()) {
                problems.add(RuleProblem.error(displayName, at[0], at[1], NOT_NUMERIC + ": policy " + id + " parameter "
                        + name + " must be a number, not " + value));
            } else if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                // YAML's .inf, .nan and literals beyond a double (1e999): no rule can compare against them.
                problems.add(RuleProblem.error(displayName, at[0], at[1], NOT_NUMERIC + ": policy " + id + " parameter "
                        + name + " must be a finite number, not " + value.asText()));
            } else {
                parameters.put(name, new PolicyParameter(id, name, value.decimalValue(), at[0], at[1]));
                continue;
            }
            invalid.add(id + "." + name);
        }
        return java.util.Collections.unmodifiableMap(parameters);
    }

    /** The line of {@code field:} in the entry that starts at {@code entryLine} (0 when not found). */
    private static int fieldLine(List<String> lines, int entryLine, String field) {
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("^\\s*-?\\s*" + field + "\\s*:");
        for (int i = Math.max(0, entryLine - 1); i < lines.size(); i++) {
            if (i > entryLine - 1 && lines.get(i).matches("\\s*-\\s*id\\s*:.*")) {
                break;
            }
            if (key.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Line and column of a parameter's name at or after {@code fromLine} (block or flow style). */
    private static int[] nameAt(List<String> lines, int fromLine, String name) {
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("(?<![\\w-])[\"']?"
                + java.util.regex.Pattern.quote(name) + "[\"']?\\s*:");
        for (int i = Math.max(0, fromLine - 1); i < lines.size(); i++) {
            if (i > fromLine - 1 && lines.get(i).matches("\\s*-\\s*id\\s*:.*")) {
                break;
            }
            java.util.regex.Matcher m = key.matcher(lines.get(i));
            if (m.find()) {
                return new int[]{i + 1, m.start() + 1 + (lines.get(i).charAt(m.start()) == '"' || lines.get(i).charAt(m.start()) == '\'' ? 1 : 0)};
            }
        }
        return new int[]{fromLine, 1};
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

package org.mineralsadvisor.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the scenario files under {@code <rules>/tests/}: YAML, either one case per file or a
 * {@code cases:} list. Keys: note, profile, facts, want, want_not, want_exact, fired,
 * not_fired, want_errors.
 */
public final class ScenarioFiles {
    public static final String DIRECTORY = "tests";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> KEYS = Set.of("note", "profile", "facts", "want", "want_not", "want_exact",
            "fired", "not_fired", "want_errors");

    private ScenarioFiles() {
    }

    public static List<Path> find(Path rulesDir) {
        Path dir = rulesDir.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> {
                String name = p.getFileName().toString();
                return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every case of one file; a file that cannot be read yields one case that fails with the reason. */
    public static List<Scenario> read(Path rulesDir, Path file) {
        String name = rulesDir.relativize(file).toString().replace('\\', '/');
        List<Scenario> scenarios = new ArrayList<>();
        try {
            List<Integer> lines = caseLines(file);
            JsonNode root = YAML.readTree(file.toFile());
            JsonNode cases = root != null && root.has("cases") ? root.get("cases") : null;
            List<JsonNode> items = new ArrayList<>();
            if (cases != null && cases.isArray()) {
                cases.forEach(items::add);
            } else if (root != null && root.isObject()) {
                items.add(root);
            }
            for (int i = 0; i < items.size(); i++) {
                int line = i < lines.size() ? lines.get(i) : 1;
                scenarios.add(toScenario(name, line, items.get(i)));
            }
            if (items.isEmpty()) {
                scenarios.add(broken(name, 1, "the file holds no scenario (expected a 'cases:' list or one case)"));
            }
        } catch (IOException e) {
            scenarios.add(broken(name, 1, "not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        } catch (IllegalArgumentException e) {
            scenarios.add(broken(name, 1, e.getMessage()));
        }
        return scenarios;
    }

    private static Scenario broken(String file, int line, String why) {
        return new Scenario(file, line, "unreadable scenario file: " + why, null, Map.of(), List.of(), List.of(),
                false, List.of(), List.of(), List.of());
    }

    private static Scenario toScenario(String file, int line, JsonNode node) {
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String key = fields.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("line " + line + ": unknown key '" + key + "'; known keys: " + KEYS);
            }
        }
        String note = node.hasNonNull("note") ? node.get("note").asText() : "case at line " + line;
        Map<String, String> facts = new LinkedHashMap<>();
        if (node.has("facts")) {
            node.get("facts").fields().forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
        }
        return new Scenario(file, line, note, node.get("profile"), facts, list(node.get("want")),
                list(node.get("want_not")), node.path("want_exact").asBoolean(false), texts(node.get("fired")),
                texts(node.get("not_fired")), list(node.get("want_errors")));
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(items::add);
        }
        return items;
    }

    private static List<String> texts(JsonNode node) {
        List<String> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> items.add(n.asText()));
        }
        return items;
    }

    /** The line each case starts on: items of a top-level 'cases' list, or 1 for a one-case file. */
    private static List<Integer> caseLines(Path file) throws IOException {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
            int depth = 0;
            boolean inCases = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && depth == 1 && parser.currentName().equals("cases")) {
                    inCases = true;
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (inCases && depth == 2 && token == JsonToken.START_OBJECT) {
                        JsonLocation at = parser.currentTokenLocation();
                        lines.add(at.getLineNr());
                    }
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth == 1) {
                        inCases = false;
                    }
                }
            }
        }
        return lines.isEmpty() ? List.of(1) : lines;
    }
}

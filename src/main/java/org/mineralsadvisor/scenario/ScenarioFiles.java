package org.mineralsadvisor.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.profile.ProfileProblem;
import org.mineralsadvisor.profile.Suggestions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the scenario files under {@code <rules>/tests/}: YAML, either one case per file or a
 * {@code cases:} list. Keys: note, profile, facts, want, want_not, want_exact, fired,
 * not_fired, want_errors. A case written wrong (an unknown key, a value of the wrong shape)
 * fails with the problem at its line and column; the other cases of its file still run.
 */
public final class ScenarioFiles {
    public static final String DIRECTORY = "tests";
    private static final Set<String> KEYS = new TreeSet<>(Set.of("note", "profile", "facts", "want", "want_not",
            "want_exact", "fired", "not_fired", "want_errors"));
    private static final Set<String> LISTS = Set.of("want", "want_not", "fired", "not_fired", "want_errors");
    /**
     * The keys an entry of each list of expectations may name: a recommendation's, a profile
     * problem's. Checked because an unknown key never matches, and under {@code want_not} a
     * key that never matches makes the case pass whatever the advice says.
     */
    private static final Map<String, Set<String>> ENTRY_KEYS = Map.of(
            "want", componentNames(Recommendation.class),
            "want_not", componentNames(Recommendation.class),
            "want_errors", componentNames(ProfileProblem.class));

    private ScenarioFiles() {
    }

    /** Every scenario file under {@code <rulesDir>/tests/}. */
    public static List<Path> find(Path rulesDir) {
        Path dir = rulesDir.resolve(DIRECTORY);
        return Files.isDirectory(dir) ? select(List.of(dir)) : List.of();
    }

    /** The scenario files named, and those under the directories named, each once, in the order given. */
    public static List<Path> select(List<Path> filesOrDirectories) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : filesOrDirectories) {
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> Files.isRegularFile(p) && isScenarioFile(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(files);
    }

    private static boolean isScenarioFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Every case of one file; a file that cannot be read yields one case that fails with the reason. */
    public static List<Scenario> read(Path rulesDir, Path file) {
        String name = displayName(rulesDir, file);
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? name + ":1:1" : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
            return List.of(broken(name, at == null ? 1 : at.getLineNr(),
                    where + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            return List.of(broken(name, 1, name + ": cannot read: " + e));
        }
        JsonNode root = yaml.root();
        List<String> pointers = new ArrayList<>();
        if (root != null && root.isObject() && root.has("cases")) {
            JsonNode cases = root.get("cases");
            if (!cases.isArray()) {
                return List.of(broken(name, yaml.at("/cases").line(), name + ":" + yaml.at("/cases")
                        + ": 'cases' must be a list of cases"));
            }
            for (int i = 0; i < cases.size(); i++) {
                pointers.add("/cases/" + i);
            }
        } else if (root != null && root.isObject()) {
            pointers.add("");
        }
        if (pointers.isEmpty()) {
            return List.of(broken(name, 1, name + ":1:1: the file holds no scenario (expected a 'cases:' list or one case)"));
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String pointer : pointers) {
            scenarios.add(toScenario(name, yaml, pointer));
        }
        return scenarios;
    }

    /** Relative to the rules directory when inside it ("tests/stockpile/trigger.yaml"), else as given. */
    private static String displayName(Path rulesDir, Path file) {
        Path base = rulesDir.toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : file.normalize();
        return shown.toString().replace('\\', '/');
    }

    private static Scenario broken(String file, int line, String problem) {
        return new Scenario(file, line, "unreadable scenario file", null, Map.of(), List.of(), List.of(),
                false, List.of(), List.of(), List.of(), List.of(problem), pointer -> file + ":" + line + ":1");
    }

    private static Scenario toScenario(String file, LocatedYaml yaml, String pointer) {
        JsonNode node = yaml.root().at(pointer.isEmpty() ? "" : pointer);
        int line = yaml.at(pointer).line();
        List<String> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add(file + ":" + yaml.at(pointer) + ": a case must be a mapping of keys (" + String.join(", ", KEYS) + ")");
            return new Scenario(file, line, "case at line " + line, null, Map.of(), List.of(), List.of(), false,
                    List.of(), List.of(), List.of(), problems, p -> file + ":" + yaml.at(pointer + p));
        }
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String key = fields.next();
            if (!KEYS.contains(key)) {
                problems.add(file + ":" + yaml.keyAt(pointer + "/" + key) + ": unknown key '" + key + "'"
                        + Suggestions.of(KEYS).closest(key).map(c -> "; did you mean '" + c + "'?")
                        .orElse(" (keys: " + String.join(", ", KEYS) + ")"));
            } else if (LISTS.contains(key) && !node.get(key).isArray()) {
                problems.add(file + ":" + yaml.at(pointer + "/" + key) + ": '" + key + "' must be a list");
            } else if (ENTRY_KEYS.containsKey(key)) {
                checkEntries(file, yaml, pointer + "/" + key, key, problems);
            }
        }
        if (node.has("want_exact") && !node.get("want_exact").isBoolean()) {
            problems.add(file + ":" + yaml.at(pointer + "/want_exact") + ": 'want_exact' must be true or false");
        }
        if (node.has("facts") && !node.get("facts").isObject()) {
            problems.add(file + ":" + yaml.at(pointer + "/facts") + ": 'facts' must map file names to CSV text");
        }
        String note = node.hasNonNull("note") ? node.get("note").asText() : "case at line " + line;
        Map<String, String> facts = new LinkedHashMap<>();
        if (node.path("facts").isObject()) {
            node.get("facts").fields().forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
        }
        return new Scenario(file, line, note, node.get("profile"), facts, list(node.get("want")),
                list(node.get("want_not")), node.path("want_exact").asBoolean(false), texts(node.get("fired")),
                texts(node.get("not_fired")), list(node.get("want_errors")), List.copyOf(problems),
                p -> file + ":" + yaml.at(pointer + p));
    }

    private static void checkEntries(String file, LocatedYaml yaml, String listAt, String list, List<String> problems) {
        Set<String> keys = ENTRY_KEYS.get(list);
        JsonNode entries = yaml.root().at(listAt);
        for (int i = 0; i < entries.size(); i++) {
            String entryAt = listAt + "/" + i;
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                problems.add(file + ":" + yaml.at(entryAt) + ": an entry of '" + list + "' must be a mapping of keys ("
                        + String.join(", ", keys) + ")");
                continue;
            }
            Iterator<String> fields = entry.fieldNames();
            while (fields.hasNext()) {
                String key = fields.next();
                if (!keys.contains(key)) {
                    problems.add(file + ":" + yaml.keyAt(entryAt + "/" + key) + ": unknown key '" + key + "' in "
                            + list + Suggestions.of(keys).closest(key).map(c -> "; did you mean '" + c + "'?")
                            .orElse(" (keys: " + String.join(", ", keys) + ")"));
                }
            }
        }
    }

    private static Set<String> componentNames(Class<? extends Record> type) {
        TreeSet<String> names = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            names.add(component.getName());
        }
        return java.util.Collections.unmodifiableSortedSet(names);
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
}

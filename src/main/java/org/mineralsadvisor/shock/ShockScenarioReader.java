package org.mineralsadvisor.shock;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mineralsadvisor.profile.Suggestions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a shock scenario's YAML, reporting every problem at its line and column. Scalars are
 * kept as written ({@code 0.50} stays {@code 0.50}, {@code 2026-02-04} a date's text): they
 * become CSV cells, where a number reformatted by a YAML reader would be a different cell.
 */
public final class ShockScenarioReader {
    /** A scenario's name: also its file name under the scenarios directory, so nothing that walks paths. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}");
    private static final Pattern VERSION = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Set<String> KEYS = Set.of("name", "title", "description", "sources", "factBase", "changes");
    private static final Set<String> CHANGE_KEYS = Set.of("file", "add", "remove", "change", "set");

    private record Position(int line, int column) {
        static Position of(JsonLocation location) {
            return new Position(location.getLineNr(), location.getColumnNr());
        }
    }

    private final String file;
    private final Map<String, Position> positions = new HashMap<>();
    private final List<ShockProblem> problems = new ArrayList<>();

    private ShockScenarioReader(String file) {
        this.file = file;
    }

    /**
     * The scenario written in {@code text}; {@code file} names it in problems. When
     * {@code expectedName} is not null (a file of the library), the scenario's name must be it.
     *
     * @throws InvalidShockScenarioException with every problem found
     */
    public static ShockScenario read(String file, String text, String expectedName) {
        return new ShockScenarioReader(file).parse(text, expectedName);
    }

    private ShockScenario parse(String text, String expectedName) {
        JsonNode root;
        try {
            root = tree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
            problems.add(new ShockProblem(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(), "",
                    "malformed_yaml", "not valid YAML: " + message.lines().findFirst().orElse("")));
            throw new InvalidShockScenarioException(file, problems);
        } catch (IOException e) {
            throw new InvalidShockScenarioException(file, List.of(new ShockProblem(file, 0, 0, "", "unreadable",
                    "cannot read: " + e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            problem("", "invalid_value", "a shock scenario is a mapping with the keys " + sorted(KEYS));
            throw new InvalidShockScenarioException(file, problems);
        }
        unknownKeys(root, "", KEYS);
        String name = text(root, "/name", true);
        if (name != null && !NAME.matcher(name).matches()) {
            problem("/name", "invalid_value", "name '" + name + "' is not lower-case letters, digits, '-' and '_' "
                    + "(at most 80, starting with a letter or digit)");
        } else if (name != null && expectedName != null && !name.equals(expectedName)) {
            problem("/name", "invalid_value", "name '" + name + "' differs from the file name '" + expectedName
                    + ".yaml'; a scenario is found by its file name");
        }
        String title = text(root, "/title", true);
        String description = text(root, "/description", false);
        List<String> sources = new ArrayList<>();
        JsonNode sourceList = root.get("sources");
        if (sourceList != null && !sourceList.isNull()) {
            if (!sourceList.isArray()) {
                problem("/sources", "invalid_value", "'sources' must be a list of citations or URLs");
            } else {
                for (int i = 0; i < sourceList.size(); i++) {
                    String source = text(root, "/sources/" + i, true);
                    if (source != null) {
                        sources.add(source);
                    }
                }
            }
        }
        String writtenFor = text(root, "/factBase", true);
        if (writtenFor != null && !VERSION.matcher(writtenFor).matches()) {
            problem("/factBase", "invalid_value", "factBase '" + writtenFor
                    + "' is not a fact-base version (sha256: and 64 hex digits)");
        }
        List<ShockChange> changes = new ArrayList<>();
        JsonNode list = root.get("changes");
        if (list == null || list.isNull()) {
            problem("", "missing_value", "'changes' is missing: a shock scenario lists at least one change");
        } else if (!list.isArray() || list.isEmpty()) {
            problem("/changes", "invalid_value", "'changes' must be a non-empty list of changes");
        } else {
            for (int i = 0; i < list.size(); i++) {
                ShockChange change = change(list.get(i), i);
                if (change != null) {
                    changes.add(change);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidShockScenarioException(file, problems);
        }
        return new ShockScenario(name, title, description, List.copyOf(sources), writtenFor, List.copyOf(changes),
                text, file);
    }

    private ShockChange change(JsonNode node, int index) {
        String at = "/changes/" + index;
        if (!node.isObject()) {
            problem(at, "invalid_value", "a change is a mapping: file and one of add, remove or change (with set)");
            return null;
        }
        int before = problems.size();
        unknownKeys(node, at, CHANGE_KEYS);
        String target = text(node, at, "file", true);
        if (target != null && (!target.endsWith(".csv") || target.contains("/") || target.contains("\\"))) {
            problem(at + "/file", "invalid_value", "file '" + target + "' is not a fact-base file name (x.csv)");
        }
        List<ShockChange.Kind> kinds = new ArrayList<>();
        for (ShockChange.Kind kind : ShockChange.Kind.values()) {
            if (node.has(kind.key())) {
                kinds.add(kind);
            }
        }
        if (kinds.size() != 1) {
            problem(at, kinds.isEmpty() ? "missing_value" : "invalid_value", "a change has exactly one of add, remove "
                    + "or change" + (kinds.isEmpty() ? "" : "; this one has " + kinds.stream().map(ShockChange.Kind::key).toList()));
            return null;
        }
        ShockChange.Kind kind = kinds.get(0);
        Map<String, String> match = cells(node, at + "/" + kind.key());
        Map<String, String> values = Map.of();
        if (kind == ShockChange.Kind.CHANGE) {
            if (!node.has("set")) {
                problem(at, "missing_value", "'change' needs 'set': the cells to write in the matching rows");
            } else {
                values = cells(node, at + "/set");
            }
        } else if (node.has("set")) {
            problem(at + "/set", "invalid_value", "'set' goes with 'change', not with '" + kind.key() + "'");
        }
        if (problems.size() > before || target == null || match == null || values == null) {
            return null;
        }
        Position position = position(at);
        if (kind == ShockChange.Kind.ADD) {
            return new ShockChange(index, kind, target, Map.of(), match, at, position.line(), position.column());
        }
        return new ShockChange(index, kind, target, match, values, at, position.line(), position.column());
    }

    /** A mapping of column names to scalar cells, in the order written; null after a problem. */
    private Map<String, String> cells(JsonNode parent, String at) {
        JsonNode node = parent.get(at.substring(at.lastIndexOf('/') + 1));
        if (node == null || !node.isObject() || node.isEmpty()) {
            problem(at, "invalid_value", "'" + at.substring(at.lastIndexOf('/') + 1)
                    + "' must be a non-empty mapping of column names to values");
            return null;
        }
        Map<String, String> cells = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        boolean ok = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                cells.put(field.getKey(), "");
            } else if (value.isTextual()) {
                cells.put(field.getKey(), value.asText());
            } else {
                problem(at + "/" + escape(field.getKey()), "invalid_value", "column " + field.getKey()
                        + " must have one value (text, number, date), not a list or mapping");
                ok = false;
            }
        }
        return ok ? cells : null;
    }

    private String text(JsonNode root, String pointer, boolean required) {
        JsonNode node = root.at(pointer);
        if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (required) {
                problem(node.isMissingNode() ? parent(pointer) : pointer, "missing_value",
                        "'" + pointer.substring(pointer.lastIndexOf('/') + 1) + "' is missing or empty");
            }
            return null;
        }
        if (!node.isTextual()) {
            problem(pointer, "invalid_value", "'" + pointer.substring(pointer.lastIndexOf('/') + 1) + "' must be text");
            return null;
        }
        return node.asText().strip();
    }

    private String text(JsonNode object, String at, String key, boolean required) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                problem(at, "missing_value", "'" + key + "' is missing");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problem(at + "/" + key, "invalid_value", "'" + key + "' must be non-empty text");
            return null;
        }
        return node.asText().strip();
    }

    private void unknownKeys(JsonNode object, String at, Set<String> known) {
        object.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problem(at + "/" + escape(key), "unknown_key", "unknown key '" + key + "'"
                        + Suggestions.of(known).closest(key).map(c -> "; did you mean '" + c + "'?")
                        .orElse(" (keys: " + String.join(", ", sorted(known)) + ")"));
            }
        });
    }

    private void problem(String pointer, String code, String message) {
        Position at = position(pointer);
        problems.add(new ShockProblem(file, at.line(), at.column(), pointer, code, message));
    }

    /** Where the value at {@code pointer} is written, else the nearest enclosing one. */
    private Position position(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            Position position = positions.get(p);
            if (position != null) {
                return position;
            }
            if (p.isEmpty()) {
                return new Position(1, 1);
            }
        }
    }

    private static String parent(String pointer) {
        return pointer.isEmpty() ? "" : pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    /**
     * The document as a tree whose scalars are text as written (null for an empty value), with
     * each value's position by pointer (a key's position for a value written after it). A key
     * given twice is a problem: YAML readers keep one of the two silently.
     */
    private JsonNode tree(String text) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            return value(parser, token, "");
        }
    }

    private JsonNode value(JsonParser parser, JsonToken token, String pointer) throws IOException {
        positions.putIfAbsent(pointer, Position.of(parser.currentTokenLocation()));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = nodes.objectNode();
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String at = pointer + "/" + escape(key);
                Position keyAt = Position.of(parser.currentTokenLocation());
                if (object.has(key)) {
                    problems.add(new ShockProblem(file, keyAt.line(), keyAt.column(), at, "duplicate_key",
                            "key '" + key + "' is given twice; give it once"));
                }
                positions.put(at, keyAt);
                object.set(key, value(parser, parser.nextToken(), at));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = nodes.arrayNode();
            int i = 0;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                array.add(value(parser, token, pointer + "/" + i++));
            }
            return array;
        }
        if (token == JsonToken.VALUE_NULL) {
            return nodes.nullNode();
        }
        return nodes.textNode(parser.getText());
    }
}

package org.mineralsadvisor.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document and where each of its keys and values is written, by JSON pointer, so that a
 * problem found in the tree can be reported at its line and column.
 */
record LocatedYaml(JsonNode root, Map<String, Position> keys, Map<String, Position> values) {
    private static final ObjectMapper YAML = new YAMLMapper();

    /** A 1-based line and column. */
    record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }

        static Position of(JsonLocation location) {
            return new Position(location.getLineNr(), location.getColumnNr());
        }
    }

    static LocatedYaml parse(String text) throws IOException {
        Map<String, Position> keys = new HashMap<>();
        Map<String, Position> values = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Position at = Position.of(parser.currentTokenLocation());
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.FIELD_NAME) {
                    keys.put(context.pathAsPointer().toString(), at);
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // The context is already the new container's: its place is its parent's.
                    values.putIfAbsent(context.getParent() == null ? "" : pointer(context.getParent()), at);
                } else if (token.isScalarValue()) {
                    values.putIfAbsent(pointer(context), at);
                }
            }
        }
        return new LocatedYaml(YAML.readTree(text), Map.copyOf(keys), Map.copyOf(values));
    }

    private static String pointer(JsonStreamContext context) {
        return context.inRoot() ? "" : context.pathAsPointer().toString();
    }

    /** Where the value at {@code pointer} is written, else its key, else the nearest enclosing value. */
    Position at(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Position position = values.containsKey(p) ? values.get(p) : keys.get(p);
            if (position != null) {
                return position;
            }
            if (p.isEmpty()) {
                return new Position(1, 1);
            }
        }
    }

    /** Where the key at {@code pointer} is written. */
    Position keyAt(String pointer) {
        Position position = keys.get(pointer);
        return position != null ? position : at(pointer);
    }
}

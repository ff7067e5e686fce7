package org.mineralsadvisor.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Recommendations, expectations and validation errors as a rule author reads them, not as JSON. */
final class Describe {
    private static final Set<String> HEADLINE = Set.of("type", "subject", "priority");
    /** Generated or derived text that says nothing a failing case needs. */
    private static final Set<String> NOISE = Set.of("id", "summary", "whatWouldChange", "because");

    private Describe() {
    }

    /** {@code STOCKPILE lithium HIGH — targetDays 60, acquireTonnes 16.44, …}: the keys the expectation names first. */
    static String recommendation(JsonNode rec) {
        StringBuilder out = new StringBuilder(headline(rec));
        List<String> rest = new ArrayList<>();
        rec.fields().forEachRemaining(field -> {
            if (!HEADLINE.contains(field.getKey()) && !NOISE.contains(field.getKey())) {
                boolean details = field.getKey().equals("details") && !field.getValue().isEmpty();
                rest.add(details ? value(field.getValue(), false) : field.getKey() + " " + value(field.getValue(), true));
            }
        });
        if (!rest.isEmpty()) {
            out.append(" — ").append(String.join(", ", rest));
        }
        return out.toString();
    }

    /** A partial recommendation as written in {@code want}: only what it names. */
    static String expectation(JsonNode want) {
        return recommendation(want).strip();
    }

    static String brief(JsonNode recommendations) {
        List<String> items = new ArrayList<>();
        for (JsonNode rec : recommendations) {
            items.add(headline(rec));
        }
        return items.isEmpty() ? "no recommendations" : String.join("; ", items);
    }

    /** {@code /minerals/0/mineral: unknown_mineral: …}. */
    static String problem(JsonNode problem) {
        StringBuilder out = new StringBuilder();
        for (String key : List.of("pointer", "code", "message")) {
            if (problem.hasNonNull(key)) {
                out.append(out.length() == 0 ? "" : ": ").append(problem.get(key).asText());
            }
        }
        return out.length() == 0 ? value(problem, true) : out.toString();
    }

    private static String headline(JsonNode rec) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("type", "subject", "priority")) {
            if (rec.hasNonNull(key)) {
                parts.add(rec.get(key).asText());
            }
        }
        return parts.isEmpty() ? "(any recommendation)" : String.join(" ", parts);
    }

    /** Objects as {@code key value, …} (in braces when nested), lists in brackets, text bare. */
    private static String value(JsonNode node, boolean nested) {
        if (node.isObject()) {
            List<String> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.add(field.getKey() + " " + value(field.getValue(), true));
            }
            String body = String.join(", ", fields);
            return nested ? "{" + body + "}" : body;
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(value(item, true)));
            return "[" + String.join(", ", items) + "]";
        }
        return node.isNull() ? "null" : node.asText();
    }
}

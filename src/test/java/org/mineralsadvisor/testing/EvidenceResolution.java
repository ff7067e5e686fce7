package org.mineralsadvisor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an advice's evidence against what it claims to come from, independently of the code
 * that wrote it: every id a step cites is listed, every listed entry is cited, a profile value
 * is the value at its JSON pointer in the submitted profile (absent where it says it was
 * defaulted), and a fact-base row is, column by column, the line of the CSV file its id names.
 * Returns the problems found, empty when the evidence holds.
 */
public final class EvidenceResolution {
    private static final CsvMapper CSV = new CsvMapper();
    private final Path factsDirectory;
    private final JsonNode profile;
    private final Map<String, List<String>> linesByFile = new HashMap<>();

    public EvidenceResolution(Path factsDirectory, JsonNode profile) {
        this.factsDirectory = factsDirectory;
        this.profile = profile;
    }

    public List<String> problems(JsonNode advice) {
        List<String> problems = new ArrayList<>();
        JsonNode evidence = advice.get("evidence");
        if (evidence == null || !evidence.isObject()) {
            return List.of("no top-level evidence object");
        }
        Set<String> cited = new HashSet<>();
        for (JsonNode step : advice.get("trace")) {
            Set<String> inStep = new HashSet<>();
            for (JsonNode id : step.get("evidence")) {
                if (!inStep.add(id.asText())) {
                    problems.add("step " + step.get("step") + " cites " + id + " twice");
                }
                if (!evidence.has(id.asText())) {
                    problems.add("step " + step.get("step") + " cites " + id + ", which the advice does not list");
                }
                cited.add(id.asText());
            }
            for (JsonNode fact : step.get("matched")) {
                if (fact.has("file") || fact.has("pointer")) {
                    problems.add("step " + step.get("step") + " repeats evidence inline: " + fact);
                }
            }
        }
        // Warnings cite evidence the same way (a lapsed suspension's row may be one no rule matched).
        JsonNode warnings = advice.get("warnings");
        if (warnings == null || !warnings.isArray()) {
            problems.add("no warnings list");
        } else {
            for (JsonNode warning : warnings) {
                for (JsonNode id : warning.get("evidence")) {
                    if (!evidence.has(id.asText())) {
                        problems.add("warning " + warning.get("code") + " " + warning.get("subject") + " cites " + id
                                + ", which the advice does not list");
                    }
                    cited.add(id.asText());
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> entries = evidence.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!cited.contains(entry.getKey())) {
                problems.add(entry.getKey() + " is listed but no step or warning cites it");
            }
            if (entry.getKey().startsWith("profile:")) {
                checkProfileValue(entry.getKey(), entry.getValue(), problems);
            } else {
                checkRow(entry.getKey(), entry.getValue(), problems);
            }
        }
        return problems;
    }

    private void checkProfileValue(String id, JsonNode value, List<String> problems) {
        String pointer = id.substring("profile:".length());
        if (!pointer.equals(value.path("pointer").asText())) {
            problems.add(id + ": pointer is " + value.path("pointer"));
            return;
        }
        JsonNode given = profile.at(pointer);
        if (value.path("defaulted").asBoolean(false)) {
            if (!given.isMissingNode()) {
                problems.add(id + " says defaulted but the profile gives " + given);
            }
        } else if (!sameValue(given, value.get("value"))) {
            problems.add(id + " is " + value.get("value") + " but the profile gives " + given);
        }
    }

    private static boolean sameValue(JsonNode given, JsonNode shown) {
        if (given == null || shown == null || given.isMissingNode()) {
            return false;
        }
        if (given.isNumber() && shown.isNumber()) {
            return given.decimalValue().compareTo(shown.decimalValue()) == 0;
        }
        if (given.isObject() && shown.isObject()) {
            if (given.size() != shown.size()) {
                return false;
            }
            Iterator<String> names = given.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!sameValue(given.get(name), shown.get(name))) {
                    return false;
                }
            }
            return true;
        }
        if (given.isArray() && shown.isArray()) {
            if (given.size() != shown.size()) {
                return false;
            }
            for (int i = 0; i < given.size(); i++) {
                if (!sameValue(given.get(i), shown.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return given.equals(shown);
    }

    private void checkRow(String id, JsonNode row, List<String> problems) {
        int colon = id.lastIndexOf(':');
        String file = id.substring(0, colon);
        int line = Integer.parseInt(id.substring(colon + 1));
        if (!file.equals(row.path("file").asText()) || line != row.path("line").asInt()) {
            problems.add(id + ": the row says " + row.path("file") + ":" + row.path("line"));
            return;
        }
        if (!file.startsWith("facts/")) {
            problems.add(id + ": a fact-base file is named under facts/");
            return;
        }
        List<String> lines = linesByFile.computeIfAbsent(file, f -> read(factsDirectory.resolve(f.substring("facts/".length()))));
        if (line < 2 || line > lines.size()) {
            problems.add(id + ": the file has no such data line");
            return;
        }
        List<String> header = parse(lines.get(0));
        List<String> cells = parse(lines.get(line - 1));
        for (int i = 0; i < header.size() && i < cells.size(); i++) {
            String field = camel(header.get(i));
            if (!row.has(field)) {
                continue;
            }
            if (!sameCell(cells.get(i), row.get(field))) {
                problems.add(id + ": column " + header.get(i) + " is '" + cells.get(i) + "' in the file but "
                        + row.get(field) + " in the evidence");
            }
        }
        for (String column : List.of("source", "as_of")) {
            int at = header.indexOf(column);
            if (at < 0 || !row.has(camel(column))) {
                problems.add(id + ": the evidence lacks " + column);
            }
        }
    }

    private static boolean sameCell(String cell, JsonNode shown) {
        String text = cell.trim();
        if (shown.isNull()) {
            return text.isEmpty();
        }
        if (shown.isNumber()) {
            return !text.isEmpty() && Double.parseDouble(text) == shown.asDouble();
        }
        if (shown.isBoolean()) {
            return text.equalsIgnoreCase(String.valueOf(shown.asBoolean()));
        }
        if (shown.isArray()) {
            // applies_to: ALL (or empty) is the empty list, otherwise ';'-separated codes.
            List<String> items = new ArrayList<>();
            shown.forEach(n -> items.add(n.asText()));
            if (items.isEmpty()) {
                return text.isEmpty() || text.equalsIgnoreCase("ALL");
            }
            List<String> split = new ArrayList<>();
            for (String part : text.split(";")) {
                split.add(part.trim());
            }
            return new HashSet<>(split).equals(new HashSet<>(items));
        }
        return text.equalsIgnoreCase(shown.asText());
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> parse(String line) {
        try (MappingIterator<List<String>> rows = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(line)) {
            return rows.hasNext() ? rows.next() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

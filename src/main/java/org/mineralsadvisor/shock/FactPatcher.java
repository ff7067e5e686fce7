package org.mineralsadvisor.shock;

import org.mineralsadvisor.profile.Suggestions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies a shock scenario's changes, in order, to the text of a fact base's CSV files, by
 * column name. Rows no change touches keep their bytes; an added row goes at the end of its
 * file; a changed row keeps the cells it does not set as written. A change may name a column
 * the file's header lacks when the data contract defines it for that file (an optional column
 * such as {@code suspended_until}): the column is added at the end of the header, and rows
 * that do not set it are left short, which the loader reads as empty.
 */
final class FactPatcher {
    /** Every column the data contract defines per file, required and optional. */
    static final Map<String, List<String>> CONTRACT_COLUMNS = Map.of(
            "countries.csv", List.of("iso3", "name", "part_of", "source", "as_of"),
            "minerals.csv", List.of("id", "name", "group", "defence_critical", "semiconductor_input",
                    "price_usd_per_tonne", "source", "as_of"),
            "production.csv", List.of("mineral", "stage", "country", "share", "source", "as_of"),
            "export_controls.csv", List.of("mineral", "imposed_by", "measure", "in_force_from", "in_force_until",
                    "applies_to", "suspended_from", "suspended_until", "source", "as_of"),
            "coalitions.csv", List.of("id", "name", "focus", "founded", "ended", "succeeded_by", "source", "as_of"),
            "coalition_members.csv", List.of("coalition", "country", "joined", "left", "source", "as_of"),
            "corridors.csv", List.of("id", "country", "name", "region", "resource_tonnes_reo", "separation_capacity_tpa",
                    "port_distance_km", "power_available", "magnet_plant_linked", "clearance", "source", "as_of"));

    /**
     * The patched files, and for each patched file the change that wrote each line it added or
     * rewrote (line → change), so that a problem the loader finds there is reported at the change.
     */
    record Patched(Map<String, String> files, Map<String, Map<Integer, ShockChange>> origins) {
    }

    private FactPatcher() {
    }

    /** The patched files; throws {@link InvalidShockScenarioException} naming every change that does not apply. */
    static Patched apply(ShockScenario scenario, Map<String, String> sources) {
        Map<String, CsvText> texts = new TreeMap<>();
        Map<CsvText.Record, ShockChange> written = new HashMap<>();
        List<ShockProblem> problems = new ArrayList<>();
        for (ShockChange change : scenario.changes()) {
            String problem = apply(change, sources, texts, written);
            if (problem != null) {
                problems.add(new ShockProblem(scenario.file(), change.line(), change.column(), change.pointer(),
                        problem.substring(0, problem.indexOf(' ')), problem.substring(problem.indexOf(' ') + 1)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidShockScenarioException(scenario.file(), problems);
        }
        Map<String, String> files = new TreeMap<>(sources);
        Map<String, Map<Integer, ShockChange>> origins = new HashMap<>();
        texts.forEach((file, text) -> {
            files.put(file, text.toString());
            Map<Integer, ShockChange> lines = new HashMap<>();
            for (CsvText.Record r : text.records) {
                ShockChange change = written.get(r);
                if (change != null) {
                    lines.put(text.lineOf(r), change);
                }
            }
            origins.put(file, lines);
        });
        return new Patched(files, origins);
    }

    /** Applies one change; returns "code message" when it does not apply. */
    private static String apply(ShockChange change, Map<String, String> sources, Map<String, CsvText> texts,
                                Map<CsvText.Record, ShockChange> written) {
        if (!sources.containsKey(change.file())) {
            return "unknown_file file '" + change.file() + "' is not in the fact base" + Suggestions.of(sources.keySet())
                    .closest(change.file()).map(c -> "; did you mean '" + c + "'?")
                    .orElse(" (files: " + String.join(", ", sources.keySet()) + ")");
        }
        CsvText text = texts.computeIfAbsent(change.file(), f -> CsvText.parse(sources.get(f)));
        CsvText.Record header = text.header();
        if (header == null) {
            return "missing_header " + change.file() + " has no header row";
        }
        List<String> columns = header.cells.stream().map(CsvText::value).toList();
        for (String column : change.match().keySet()) {
            if (!columns.contains(column)) {
                return unknownColumn(change.file(), column, columns, "match");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String column : change.values().keySet()) {
            if (!columns.contains(column)) {
                if (!CONTRACT_COLUMNS.getOrDefault(change.file(), List.of()).contains(column)) {
                    return unknownColumn(change.file(), column, columns, change.kind() == ShockChange.Kind.ADD ? "add" : "set");
                }
                missing.add(column);
            }
        }
        List<CsvText.Record> matching = new ArrayList<>();
        if (change.kind() != ShockChange.Kind.ADD) {
            for (CsvText.Record row : text.rows()) {
                if (matches(row, columns, change.match())) {
                    matching.add(row);
                }
            }
            if (matching.isEmpty()) {
                return "no_match no row of " + change.file() + " has " + describe(change.match())
                        + (change.index() > 0 ? " (after the changes before this one)" : "");
            }
        }
        if (!missing.isEmpty()) {
            List<String> cells = new ArrayList<>(header.cells);
            missing.forEach(c -> cells.add(CsvText.cell(c)));
            header.cells.clear();
            header.cells.addAll(cells);
            CsvText.rewrite(header);
            columns = header.cells.stream().map(CsvText::value).toList();
        }
        switch (change.kind()) {
            case ADD -> {
                List<String> cells = new ArrayList<>();
                for (String column : columns) {
                    cells.add(CsvText.cell(change.values().getOrDefault(column, "")));
                }
                text.append(cells);
                written.put(text.records.get(text.records.size() - 1), change);
            }
            case REMOVE -> text.records.removeAll(Set.copyOf(matching));
            case CHANGE -> {
                for (CsvText.Record row : matching) {
                    for (Map.Entry<String, String> set : change.values().entrySet()) {
                        int index = columns.indexOf(set.getKey());
                        while (row.cells.size() <= index) {
                            row.cells.add("");
                        }
                        row.cells.set(index, CsvText.cell(set.getValue()));
                    }
                    CsvText.rewrite(row);
                    written.put(row, change);
                }
            }
        }
        return null;
    }

    private static boolean matches(CsvText.Record row, List<String> columns, Map<String, String> match) {
        for (Map.Entry<String, String> m : match.entrySet()) {
            int index = columns.indexOf(m.getKey());
            String cell = index < row.cells.size() ? CsvText.value(row.cells.get(index)) : "";
            if (!cell.equals(m.getValue().trim())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Map<String, String> match) {
        Map<String, String> shown = new LinkedHashMap<>(match);
        return String.join(", ", shown.entrySet().stream().map(e -> e.getKey() + " = '" + e.getValue() + "'").toList());
    }

    private static String unknownColumn(String file, String column, List<String> columns, String where) {
        return "unknown_column column '" + column + "' (in " + where + ") is not in the header of " + file
                + Suggestions.of(columns).closest(column).map(c -> "; did you mean '" + c + "'?")
                .orElse(" (columns: " + String.join(", ", columns) + ")");
    }
}

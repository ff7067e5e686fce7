package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.ContentHash;
import org.mineralsadvisor.provenance.SourceRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads a fact-base directory and checks everything the data contract lists, reporting every
 * problem at once with file, line and column.
 */
public final class FactBaseLoader {
    static final String COUNTRIES = "countries.csv";
    static final String MINERALS = "minerals.csv";
    static final String PRODUCTION = "production.csv";
    static final String EXPORT_CONTROLS = "export_controls.csv";
    static final String COALITIONS = "coalitions.csv";
    static final String COALITION_MEMBERS = "coalition_members.csv";
    static final String CORRIDORS = "corridors.csv";

    /** Shares of one mineral and stage may add up to this much: the contract's rounding slack. */
    static final double SHARE_SUM_LIMIT = 1.001;

    private static final Map<String, List<String>> REQUIRED = Map.of(
            COUNTRIES, List.of("iso3", "name"),
            MINERALS, List.of("id", "name", "group", "defence_critical", "semiconductor_input", "source", "as_of"),
            PRODUCTION, List.of("mineral", "stage", "country", "share", "source", "as_of"),
            EXPORT_CONTROLS, List.of("mineral", "imposed_by", "measure", "in_force_from", "applies_to", "source", "as_of"),
            COALITIONS, List.of("id", "name", "focus", "source", "as_of"),
            COALITION_MEMBERS, List.of("coalition", "country", "joined", "source", "as_of"),
            CORRIDORS, List.of("id", "country", "name", "region", "resource_tonnes_reo", "separation_capacity_tpa",
                    "port_distance_km", "power_available", "magnet_plant_linked", "clearance", "source", "as_of"));

    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern MINERAL_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern AS_OF = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Loads {@code directory} or throws {@link InvalidFactBaseException} with every problem. */
    public FactBase load(Path directory) {
        List<FactProblem> problems = new ArrayList<>();
        FactBase factBase = load(directory, problems);
        if (factBase == null) {
            throw new InvalidFactBaseException(problems);
        }
        return factBase;
    }

    /** Loads {@code directory}, adding every problem to {@code problems}; null when there is any. */
    public FactBase load(Path directory, List<FactProblem> problems) {
        if (!Files.isDirectory(directory)) {
            // Named by its absolute path: a relative one says nothing when run from elsewhere.
            Path absolute = directory.toAbsolutePath().normalize();
            problems.add(new FactProblem(absolute.toString(), 0, 0, null, "not_found", "fact base directory not found: "
                    + absolute + (Files.exists(absolute) ? " is a file" : " does not exist")));
            return null;
        }
        Map<String, byte[]> sources = new java.util.TreeMap<>();
        for (Path file : csvFiles(directory)) {
            try {
                sources.put(file.getFileName().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                problems.add(new FactProblem(file.getFileName().toString(), 0, 0, null, "unreadable", e.toString()));
            }
        }
        return problems.isEmpty() ? load(directory, sources, problems) : null;
    }

    /**
     * Loads a fact base from file contents (name → bytes), e.g. as stored with an advice;
     * {@code directory} is only where it came from. Its version is computed from these bytes.
     */
    public FactBase load(Path directory, Map<String, byte[]> sources, List<FactProblem> problems) {
        Map<String, CsvTable> tables = new HashMap<>();
        for (String file : REQUIRED.keySet().stream().sorted().toList()) {
            byte[] bytes = sources.get(file);
            if (bytes == null) {
                problems.add(new FactProblem(file, 0, 0, null, "missing_file", "required file " + file + " is missing"));
                continue;
            }
            CsvTable table = CsvTable.read(file, bytes, problems);
            if (table != null && checkHeader(table, problems)) {
                tables.put(file, table);
            }
        }
        Rows rows = new Rows(problems);
        // A row with a bad cell still defines its id: one mistake is reported once, not again
        // as an unknown reference in every file that uses the id.
        rows.knownCountries = ids(tables.get(COUNTRIES), "iso3");
        rows.knownMinerals = ids(tables.get(MINERALS), "id");
        rows.knownCoalitions = ids(tables.get(COALITIONS), "id");
        List<Country> countries = rows.countries(tables.get(COUNTRIES));
        rows.blocsDoNotNest(tables.get(COUNTRIES), countries);
        List<Mineral> minerals = rows.minerals(tables.get(MINERALS));
        List<Production> production = rows.production(tables.get(PRODUCTION));
        rows.manufacturingOnlyForProducts(tables.get(PRODUCTION), production);
        List<ExportControl> controls = rows.exportControls(tables.get(EXPORT_CONTROLS));
        List<Coalition> coalitions = rows.coalitions(tables.get(COALITIONS));
        List<CoalitionMember> members = rows.members(tables.get(COALITION_MEMBERS));
        List<CorridorRow> corridors = rows.corridors(tables.get(CORRIDORS));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FactProblem::file).thenComparingInt(FactProblem::line)
                    .thenComparingInt(FactProblem::column));
            return null;
        }
        Map<String, byte[]> sorted = new java.util.TreeMap<>(sources);
        String version = ContentHash.ofContents(sorted.values());
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        sorted.forEach((name, bytes) -> texts.put(name, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        return new FactBase(directory, version, texts, countries, minerals, production, controls, coalitions,
                members, corridors);
    }

    private static Set<String> ids(CsvTable table, String column) {
        Set<String> ids = new HashSet<>();
        if (table != null) {
            table.rows.forEach(row -> {
                String id = table.cell(row, column);
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            });
        }
        return ids;
    }

    private static List<Path> csvFiles(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean checkHeader(CsvTable table, List<FactProblem> problems) {
        boolean complete = true;
        for (String column : REQUIRED.get(table.file)) {
            if (!table.has(column)) {
                problems.add(new FactProblem(table.file, 1, 0, column, "missing_column",
                        "required column '" + column + "' is missing from the header"));
                complete = false;
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < table.header.size(); i++) {
            if (!table.header.get(i).isEmpty() && !seen.add(table.header.get(i))) {
                problems.add(new FactProblem(table.file, 1, i + 1, table.header.get(i), "duplicate_column",
                        "column '" + table.header.get(i) + "' appears twice in the header"));
                complete = false;
            }
        }
        return complete;
    }

    /** Reads typed values out of rows, recording a located problem for each bad cell. */
    private static final class Rows {
        final List<FactProblem> problems;
        Set<String> knownCountries = Set.of();
        Set<String> knownMinerals = Set.of();
        Set<String> knownCoalitions = Set.of();
        private CsvTable table;
        private CsvTable.Row row;

        Rows(List<FactProblem> problems) {
            this.problems = problems;
        }

        private void at(CsvTable table, CsvTable.Row row) {
            this.table = table;
            this.row = row;
        }

        private void problem(String column, String code, String message) {
            problems.add(new FactProblem(table.file, row.line(), table.column(column), column, code, message));
        }

        private String text(String column) {
            String value = table.cell(row, column);
            if (value.isEmpty()) {
                problem(column, "missing_value", "column " + column + " is empty");
            }
            return value;
        }

        private String optional(String column) {
            return table.has(column) ? table.cell(row, column) : "";
        }

        private SourceRef ref(boolean required) {
            String source = required ? text("source") : optional("source");
            String asOf = required ? text("as_of") : optional("as_of");
            if (!asOf.isEmpty() && !validAsOf(asOf)) {
                problem("as_of", "malformed_date", "as_of '" + asOf + "' is not a year, year-month or date (YYYY, YYYY-MM or YYYY-MM-DD)");
            }
            return new SourceRef(table.file, row.line(), source.isEmpty() ? null : source, asOf.isEmpty() ? null : asOf);
        }

        private static boolean validAsOf(String value) {
            if (!AS_OF.matcher(value).matches()) {
                return false;
            }
            try {
                if (value.length() == 10) {
                    LocalDate.parse(value);
                } else if (value.length() == 7) {
                    java.time.YearMonth.parse(value);
                }
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        private LocalDate date(String column, boolean required) {
            String value = required ? text(column) : optional(column);
            if (value.isEmpty()) {
                return null;
            }
            try {
                if (DATE.matcher(value).matches()) {
                    return LocalDate.parse(value);
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            problem(column, "malformed_date", column + " '" + value + "' is not a date (YYYY-MM-DD)");
            return null;
        }

        /** An optional date or year (a year counts as 1 January); null when empty. */
        private LocalDate dateOrYear(String column) {
            String value = optional(column);
            if (value.matches("\\d{4}")) {
                return LocalDate.of(Integer.parseInt(value), 1, 1);
            }
            if (value.isEmpty() || DATE.matcher(value).matches()) {
                return date(column, false);
            }
            problem(column, "malformed_date", column + " '" + value + "' is not a date (YYYY-MM-DD) or a year (YYYY)");
            return null;
        }

        private boolean bool(String column) {
            String value = text(column);
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (!value.isEmpty() && !value.equalsIgnoreCase("false")) {
                problem(column, "malformed_boolean", column + " '" + value + "' is not true or false");
            }
            return false;
        }

        private Double number(String column, boolean required, double min, double max) {
            String value = required ? text(column) : optional(column);
            if (value.isEmpty()) {
                return null;
            }
            double parsed;
            try {
                parsed = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                problem(column, "malformed_number", column + " '" + value + "' is not a number");
                return null;
            }
            if (!Double.isFinite(parsed) || value.matches("(?i).*(nan|infinity|[fd])\\s*$")) {
                problem(column, "malformed_number", column + " '" + value + "' is not a finite decimal number");
                return null;
            }
            if (parsed < min || parsed > max) {
                problem(column, "out_of_range", column + " " + value + " is outside ["
                        + trim(min) + ", " + (max == Double.MAX_VALUE ? "∞" : trim(max)) + "]");
                return null;
            }
            return parsed;
        }

        private static String trim(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }

        private String country(String column, String value) {
            if (!value.isEmpty() && !knownCountries.contains(value)) {
                problem(column, "unknown_country", "country '" + value + "' in column " + column + " is not in " + COUNTRIES);
            }
            return value;
        }

        private String mineral(String column, String value) {
            if (!value.isEmpty() && !knownMinerals.contains(value)) {
                problem(column, "unknown_mineral", "mineral '" + value + "' in column " + column + " is not in " + MINERALS);
            }
            return value;
        }

        private <T> void duplicate(Map<String, Integer> seen, String key, String column, String what) {
            Integer first = seen.putIfAbsent(key, row.line());
            if (first != null) {
                problem(column, "duplicate_key", what + " is already defined on line " + first);
            }
        }

        private <T> List<T> each(CsvTable table, Function<CsvTable.Row, T> reader) {
            List<T> result = new ArrayList<>();
            if (table == null) {
                return result;
            }
            for (CsvTable.Row r : table.rows) {
                at(table, r);
                int before = problems.size();
                T value = reader.apply(r);
                if (problems.size() == before && value != null) {
                    result.add(value);
                }
            }
            return result;
        }

        List<Country> countries(CsvTable table) {
            Map<String, Integer> seen = new HashMap<>();
            return each(table, r -> {
                String iso3 = text("iso3");
                if (!iso3.isEmpty() && !ISO3.matcher(iso3).matches()) {
                    problem("iso3", "malformed_id", "iso3 '" + iso3 + "' is not three upper-case letters (ISO 3166-1 alpha-3)");
                }
                duplicate(seen, iso3, "iso3", "country " + iso3);
                Set<String> partOf = codes("part_of", optional("part_of"));
                if (partOf.contains(iso3)) {
                    problem("part_of", "invalid_value", "country " + iso3 + " names itself in part_of");
                }
                return new Country(iso3, text("name"), Set.copyOf(partOf), ref(false));
            });
        }

        /** Blocs do not nest: a code named in some part_of has no part_of of its own (reported at the bloc's row). */
        void blocsDoNotNest(CsvTable table, List<Country> countries) {
            if (table == null || !table.has("part_of")) {
                return;
            }
            Map<String, String> namedBy = new java.util.TreeMap<>();
            countries.forEach(c -> c.partOf().forEach(bloc -> namedBy.putIfAbsent(bloc, c.iso3())));
            for (Country country : countries) {
                String member = namedBy.get(country.iso3());
                if (member != null && !country.partOf().isEmpty()) {
                    at(table, table.rows.stream().filter(r -> r.line() == country.ref().line()).findFirst().orElseThrow());
                    problem("part_of", "nested_bloc", country.iso3() + " is a bloc (named in part_of of " + member
                            + ") and cannot itself be part_of " + String.join(";", new java.util.TreeSet<>(country.partOf()))
                            + ": blocs do not nest");
                }
            }
        }

        /** A {@code ;}-separated list of known country codes, each checked; empty for an empty cell. */
        private Set<String> codes(String column, String text) {
            Set<String> codes = new LinkedHashSet<>();
            if (text.isEmpty()) {
                return codes;
            }
            boolean emptyReported = false;
            for (String code : text.split(";", -1)) {
                String trimmed = code.trim();
                if (trimmed.isEmpty()) {
                    if (!emptyReported) {
                        problem(column, "invalid_value", column + " '" + text + "' has an empty entry");
                        emptyReported = true;
                    }
                } else {
                    codes.add(country(column, trimmed));
                }
            }
            return codes;
        }

        List<Mineral> minerals(CsvTable table) {
            Map<String, Integer> seen = new HashMap<>();
            return each(table, r -> {
                String id = text("id");
                if (!id.isEmpty() && !MINERAL_ID.matcher(id).matches()) {
                    problem("id", "malformed_id", "mineral id '" + id + "' is not a lower-case word (a-z, 0-9, _)");
                }
                duplicate(seen, id, "id", "mineral " + id);
                return new Mineral(id, text("name"), text("group"), bool("defence_critical"),
                        bool("semiconductor_input"), number("price_usd_per_tonne", false, 0, Double.MAX_VALUE), ref(true));
            });
        }

        List<Production> production(CsvTable table) {
            Map<String, Integer> seen = new HashMap<>();
            Map<String, Double> sums = new HashMap<>();
            return each(table, r -> {
                String mineral = mineral("mineral", text("mineral"));
                String stageText = text("stage");
                Stage stage = switch (stageText) {
                    case "mining" -> Stage.MINING;
                    case "refining" -> Stage.REFINING;
                    case "manufacturing" -> Stage.MANUFACTURING;
                    default -> {
                        if (!stageText.isEmpty()) {
                            problem("stage", "invalid_value", "stage '" + stageText
                                    + "' is not mining, refining or manufacturing");
                        }
                        yield null;
                    }
                };
                String country = country("country", text("country"));
                Double share = number("share", true, 0, 1);
                duplicate(seen, mineral + "|" + stageText + "|" + country, "country",
                        "production of " + mineral + " (" + stageText + ") by " + country);
                if (share != null && stage != null) {
                    String key = mineral + "|" + stageText;
                    double before = sums.getOrDefault(key, 0.0);
                    double after = before + share;
                    sums.put(key, after);
                    if (after > SHARE_SUM_LIMIT && before <= SHARE_SUM_LIMIT) {
                        problem("share", "share_sum", "shares of " + mineral + " (" + stageText + ") add up to "
                                + after + " with this row, above 1.0 (+0.001 slack)");
                    }
                }
                SourceRef ref = ref(true);
                return share == null || stage == null ? null : new Production(mineral, stage, country, share, ref);
            });
        }

        /** A manufacturing row is for a product: an id with no mining or refining rows (reported at each such row). */
        void manufacturingOnlyForProducts(CsvTable table, List<Production> rows) {
            Map<String, Integer> rawStage = new HashMap<>();
            for (Production p : rows) {
                if (p.stage() != Stage.MANUFACTURING) {
                    rawStage.putIfAbsent(p.mineral(), p.ref().line());
                }
            }
            for (Production p : rows) {
                Integer other = rawStage.get(p.mineral());
                if (p.stage() == Stage.MANUFACTURING && other != null) {
                    at(table, table.rows.stream().filter(r -> r.line() == p.ref().line()).findFirst().orElseThrow());
                    problem("stage", "invalid_value", "a manufacturing row is for a product with no mining or refining rows, but "
                            + p.mineral() + " has one on line " + other);
                }
            }
        }

        List<ExportControl> exportControls(CsvTable table) {
            Map<String, Integer> seen = new HashMap<>();
            return each(table, r -> {
                String mineral = mineral("mineral", text("mineral"));
                String imposedBy = country("imposed_by", text("imposed_by"));
                String measure = text("measure");
                LocalDate from = date("in_force_from", true);
                LocalDate until = date("in_force_until", false);
                if (from != null && until != null && until.isBefore(from)) {
                    problem("in_force_until", "out_of_range", "in_force_until " + until + " is before in_force_from " + from);
                }
                String appliesText = text("applies_to");
                Set<String> appliesTo = appliesText.equals("ALL") ? Set.of() : codes("applies_to", appliesText);
                LocalDate suspendedFrom = date("suspended_from", false);
                LocalDate suspendedUntil = date("suspended_until", false);
                boolean fromGiven = !optional("suspended_from").isEmpty();
                boolean untilGiven = !optional("suspended_until").isEmpty();
                if (fromGiven != untilGiven) {
                    String missing = fromGiven ? "suspended_until" : "suspended_from";
                    problem(missing, "missing_value", "suspended_from and suspended_until go together: "
                            + (fromGiven ? "suspended_from" : "suspended_until") + " is given but " + missing + " is empty");
                } else if (suspendedFrom != null && suspendedUntil != null) {
                    if (suspendedUntil.isBefore(suspendedFrom)) {
                        problem("suspended_until", "out_of_range", "suspended_until " + suspendedUntil
                                + " is before suspended_from " + suspendedFrom);
                    }
                    if (from != null && suspendedFrom.isBefore(from)) {
                        problem("suspended_from", "out_of_range", "suspended_from " + suspendedFrom
                                + " is before in_force_from " + from + ": a suspension lies within the control's validity");
                    }
                    if (until != null && suspendedUntil.isAfter(until)) {
                        problem("suspended_until", "out_of_range", "suspended_until " + suspendedUntil
                                + " is after in_force_until " + until + ": a suspension lies within the control's validity");
                    }
                }
                duplicate(seen, String.join("|", mineral, imposedBy, measure, String.valueOf(from), appliesText),
                        "in_force_from", "export control of " + mineral + " by " + imposedBy + " (" + measure + ", from "
                                + from + ", applies to " + appliesText + ")");
                SourceRef ref = ref(true);
                return from == null ? null : new ExportControl(mineral, imposedBy, measure, from, until,
                        Set.copyOf(appliesTo), suspendedFrom, suspendedUntil, ref);
            });
        }

        List<Coalition> coalitions(CsvTable table) {
            Map<String, Integer> seen = new HashMap<>();
            return each(table, r -> {
                String id = text("id");
                duplicate(seen, id, "id", "coalition " + id);
                LocalDate founded = dateOrYear("founded");
                LocalDate ended = date("ended", false);
                if (founded != null && ended != null && !ended.isAfter(founded)) {
                    problem("ended", "out_of_range", "ended " + ended + " is not after founded " + optional("founded"));
                }
                String successor = optional("succeeded_by");
                if (!successor.isEmpty() && !knownCoalitions.contains(successor)) {
                    problem("succeeded_by", "unknown_coalition", "coalition '" + successor + "' in column succeeded_by is not in "
                            + COALITIONS);
                } else if (successor.equals(id)) {
                    problem("succeeded_by", "invalid_value", "coalition " + id + " cannot succeed itself");
                }
                return new Coalition(id, text("name"), text("focus"), founded == null ? null : optional("founded"), ended,
                        successor.isEmpty() ? null : successor, ref(true));
            });
        }

        List<CoalitionMember> members(CsvTable table) {
            Map<String, List<CoalitionMember>> periods = new HashMap<>();
            return each(table, r -> {
                String coalition = text("coalition");
                if (!coalition.isEmpty() && !knownCoalitions.contains(coalition)) {
                    problem("coalition", "unknown_coalition", "coalition '" + coalition + "' is not in " + COALITIONS);
                }
                String country = country("country", text("country"));
                LocalDate joined = date("joined", true);
                LocalDate left = date("left", false);
                if (joined != null && left != null && !left.isAfter(joined)) {
                    problem("left", "out_of_range", "left " + left + " is not after joined " + joined);
                    left = null;
                }
                SourceRef ref = ref(true);
                if (joined == null) {
                    return null;
                }
                CoalitionMember member = new CoalitionMember(coalition, country, joined, left, ref);
                // One country may leave and join again; two rows for the same days are a duplicate.
                List<CoalitionMember> earlier = periods.computeIfAbsent(coalition + "|" + country, k -> new ArrayList<>());
                for (CoalitionMember other : earlier) {
                    if (overlap(other, member)) {
                        problem("country", "duplicate_key", "membership of " + country + " in " + coalition
                                + " overlaps the one already defined on line " + other.ref().line());
                        break;
                    }
                }
                earlier.add(member);
                return member;
            });
        }

        private static boolean overlap(CoalitionMember a, CoalitionMember b) {
            boolean aEndsBeforeB = a.left() != null && !a.left().isAfter(b.joined());
            boolean bEndsBeforeA = b.left() != null && !b.left().isAfter(a.joined());
            return !aEndsBeforeB && !bEndsBeforeA;
        }

        List<CorridorRow> corridors(CsvTable table) {
            Map<String, Integer> seen = new HashMap<>();
            return each(table, r -> {
                String id = text("id");
                duplicate(seen, id, "id", "corridor " + id);
                String country = country("country", text("country"));
                String name = text("name");
                String region = text("region");
                Double resource = number("resource_tonnes_reo", true, 0, Double.MAX_VALUE);
                Double capacity = number("separation_capacity_tpa", true, 0, Double.MAX_VALUE);
                Double port = number("port_distance_km", true, 0, Double.MAX_VALUE);
                boolean power = bool("power_available");
                boolean magnet = bool("magnet_plant_linked");
                String clearanceText = text("clearance");
                Clearance clearance = null;
                if (!clearanceText.isEmpty()) {
                    try {
                        clearance = Clearance.valueOf(clearanceText);
                    } catch (IllegalArgumentException e) {
                        problem("clearance", "invalid_value", "clearance '" + clearanceText + "' is not one of "
                                + Arrays.toString(Clearance.values()));
                    }
                }
                SourceRef ref = ref(true);
                if (resource == null || capacity == null || port == null || clearance == null) {
                    return null;
                }
                return new CorridorRow(id, country, name, region, resource, capacity, port, power, magnet, clearance, ref);
            });
        }
    }
}

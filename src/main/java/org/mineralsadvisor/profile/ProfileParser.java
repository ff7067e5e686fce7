package org.mineralsadvisor.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.mineralsadvisor.facts.FactBase;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a country profile against the data contract and a fact base,
 * collecting every problem (with its JSON Pointer) before rejecting.
 */
public final class ProfileParser {
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_MINERALS = 500;
    public static final int MAX_CORRIDORS = 500;
    public static final int MAX_IMPORTS = 100;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // NaN and Infinity are read so that the validator can name the field at fault.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> ROOT_FIELDS = Set.of("country", "asOf", "memberships", "capabilities",
            "stockpileBudgetUsd", "minerals", "corridors");
    private static final List<String> CAPABILITY_FLAGS = List.of("semiconductorFabrication",
            "semiconductorAssemblyTest", "chipDesign", "investmentScreening", "esgStandards");
    private static final Set<String> CAPABILITY_FIELDS = Set.of("semiconductorFabrication",
            "semiconductorAssemblyTest", "chipDesign", "exportControlRegime", "investmentScreening", "esgStandards");
    private static final List<String> REGIMES = List.of("NONE", "PARTIAL", "ALIGNED");
    private static final Set<String> MINERAL_FIELDS = Set.of("mineral", "annualDemandTonnes",
            "domesticProductionTonnes", "stockTonnes", "defenceUse", "imports");
    private static final Set<String> IMPORT_FIELDS = Set.of("from", "tonnes");
    private static final Set<String> CORRIDOR_FIELDS = Set.of("id", "name", "region", "resourceTonnesReo",
            "separationCapacityTpa", "portDistanceKm", "powerAvailable", "magnetPlantLinked", "clearance");
    private static final List<String> CLEARANCES = List.of("GRANTED", "PENDING", "REFUSED");

    private final FactBase facts;

    public ProfileParser(FactBase facts) {
        this.facts = facts;
    }

    public CountryProfile parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new InvalidProfileException(List.of(ProfileProblem.of("", "too_large",
                    "the profile is " + body.length + " bytes; the limit is " + MAX_BYTES + " bytes (1 MiB)")));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new InvalidProfileException(List.of(ProfileProblem.of("", "malformed_json",
                    "not valid JSON" + where + ": " + e.getOriginalMessage()
                            .replace("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "["))));
        } catch (java.io.IOException e) {
            throw new InvalidProfileException(List.of(ProfileProblem.of("", "malformed_json", e.getMessage())));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidProfileException(List.of(ProfileProblem.of("", "malformed_json", "the body is empty")));
        }
        return parse(root);
    }

    public CountryProfile parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    public CountryProfile parse(JsonNode root) {
        Check check = new Check();
        CountryProfile profile = check.profile(root);
        if (!check.problems.isEmpty()) {
            throw new InvalidProfileException(check.problems);
        }
        return profile;
    }

    /** One validation pass; collects problems instead of stopping at the first. */
    private final class Check {
        final List<ProfileProblem> problems = new ArrayList<>();

        void problem(String pointer, String code, String message) {
            problems.add(ProfileProblem.of(pointer, code, message));
        }

        CountryProfile profile(JsonNode root) {
            if (!root.isObject()) {
                problem("", "wrong_type", "the profile must be a JSON object");
                return null;
            }
            unknownFields(root, "", ROOT_FIELDS);
            String country = requiredText(root, "", "country");
            if (country != null) {
                known(country, "/country", "unknown_country", "country", facts.countries().keySet());
            }
            LocalDate asOf = date(root, "", "asOf");
            List<String> memberships = memberships(root.get("memberships"));
            CountryProfile.CapabilitiesInput capabilities = capabilities(root.get("capabilities"));
            Double budget = number(root.get("stockpileBudgetUsd"), "/stockpileBudgetUsd", false, true);
            List<CountryProfile.MineralInput> minerals = minerals(root.get("minerals"), country);
            List<CountryProfile.CorridorInput> corridors = corridors(root.get("corridors"));
            return new CountryProfile(country, asOf, memberships, capabilities, budget, minerals, corridors);
        }

        private List<String> memberships(JsonNode node) {
            List<String> result = new ArrayList<>();
            if (absent(node)) {
                return result;
            }
            if (!node.isArray()) {
                problem("/memberships", "wrong_type", "memberships must be an array of coalition ids");
                return result;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String at = "/memberships/" + i;
                if (!item.isTextual()) {
                    problem(at, "wrong_type", "a membership must be a coalition id (string)");
                    continue;
                }
                if (known(item.asText(), at, "unknown_coalition", "coalition", facts.coalitions().keySet())) {
                    result.add(item.asText());
                }
            }
            return result;
        }

        private CountryProfile.CapabilitiesInput capabilities(JsonNode node) {
            Set<String> given = new LinkedHashSet<>();
            Map<String, Boolean> flags = new HashMap<>();
            String regime = "NONE";
            if (!absent(node)) {
                if (!node.isObject()) {
                    problem("/capabilities", "wrong_type", "capabilities must be an object");
                } else {
                    unknownFields(node, "/capabilities", CAPABILITY_FIELDS);
                    for (String flag : CAPABILITY_FLAGS) {
                        Boolean value = bool(node.get(flag), "/capabilities/" + flag);
                        if (value != null) {
                            flags.put(flag, value);
                            given.add(flag);
                        }
                    }
                    JsonNode r = node.get("exportControlRegime");
                    if (!absent(r)) {
                        if (!r.isTextual()) {
                            problem("/capabilities/exportControlRegime", "wrong_type",
                                    "exportControlRegime must be one of " + REGIMES);
                        } else if (!REGIMES.contains(r.asText())) {
                            problem("/capabilities/exportControlRegime", "invalid_value",
                                    "exportControlRegime '" + r.asText() + "' is not one of " + REGIMES);
                        } else {
                            regime = r.asText();
                            given.add("exportControlRegime");
                        }
                    }
                }
            }
            return new CountryProfile.CapabilitiesInput(flags.getOrDefault("semiconductorFabrication", false),
                    flags.getOrDefault("semiconductorAssemblyTest", false), flags.getOrDefault("chipDesign", false),
                    regime, flags.getOrDefault("investmentScreening", false), flags.getOrDefault("esgStandards", false),
                    Set.copyOf(given));
        }

        private List<CountryProfile.MineralInput> minerals(JsonNode node, String country) {
            List<CountryProfile.MineralInput> result = new ArrayList<>();
            if (absent(node)) {
                problem("/minerals", "required", "minerals is required (it may be an empty array)");
                return result;
            }
            if (!node.isArray()) {
                problem("/minerals", "wrong_type", "minerals must be an array");
                return result;
            }
            if (node.size() > MAX_MINERALS) {
                problem("/minerals", "too_many", "at most " + MAX_MINERALS + " minerals; got " + node.size());
                return result;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < node.size(); i++) {
                String at = "/minerals/" + i;
                JsonNode item = node.get(i);
                if (!item.isObject()) {
                    problem(at, "wrong_type", "a mineral entry must be an object");
                    continue;
                }
                unknownFields(item, at, MINERAL_FIELDS);
                String mineral = requiredText(item, at, "mineral");
                if (mineral != null && known(mineral, at + "/mineral", "unknown_mineral", "mineral",
                        facts.minerals().keySet())) {
                    Integer first = seen.putIfAbsent(mineral, i);
                    if (first != null) {
                        problem(at + "/mineral", "duplicate", "mineral '" + mineral + "' is already listed at /minerals/" + first);
                    }
                }
                Set<String> given = new LinkedHashSet<>();
                Double demand = number(item.get("annualDemandTonnes"), at + "/annualDemandTonnes", true, false);
                if (demand != null && demand <= 0) {
                    problem(at + "/annualDemandTonnes", "out_of_range", "annualDemandTonnes must be > 0; got " + plain(demand));
                    demand = null;
                }
                Double production = optionalNumber(item, at, "domesticProductionTonnes", given);
                Double stock = optionalNumber(item, at, "stockTonnes", given);
                Boolean defenceUse = bool(item.get("defenceUse"), at + "/defenceUse");
                if (defenceUse != null) {
                    given.add("defenceUse");
                }
                List<CountryProfile.ImportInput> imports = imports(item.get("imports"), at, country);
                if (!absent(item.get("imports"))) {
                    given.add("imports");
                }
                if (mineral != null && demand != null) {
                    result.add(new CountryProfile.MineralInput(mineral, demand, production == null ? 0 : production,
                            stock == null ? 0 : stock, defenceUse != null && defenceUse, imports, Set.copyOf(given)));
                }
            }
            return result;
        }

        private Double optionalNumber(JsonNode item, String at, String field, Set<String> given) {
            if (absent(item.get(field))) {
                return null;
            }
            Double value = number(item.get(field), at + "/" + field, false, true);
            if (value != null) {
                given.add(field);
            }
            return value;
        }

        private List<CountryProfile.ImportInput> imports(JsonNode node, String mineralAt, String country) {
            List<CountryProfile.ImportInput> result = new ArrayList<>();
            String at = mineralAt + "/imports";
            if (absent(node)) {
                return result;
            }
            if (!node.isArray()) {
                problem(at, "wrong_type", "imports must be an array");
                return result;
            }
            if (node.size() > MAX_IMPORTS) {
                problem(at, "too_many", "at most " + MAX_IMPORTS + " import rows per mineral; got " + node.size());
                return result;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int j = 0; j < node.size(); j++) {
                String rowAt = at + "/" + j;
                JsonNode row = node.get(j);
                if (!row.isObject()) {
                    problem(rowAt, "wrong_type", "an import row must be an object with from and tonnes");
                    continue;
                }
                unknownFields(row, rowAt, IMPORT_FIELDS);
                String from = requiredText(row, rowAt, "from");
                boolean fromOk = from != null && known(from, rowAt + "/from", "unknown_country", "country",
                        facts.countries().keySet());
                if (fromOk && from.equals(country)) {
                    problem(rowAt + "/from", "own_country", "an import cannot come from the profile's own country " + country);
                    fromOk = false;
                }
                if (fromOk) {
                    Integer first = seen.putIfAbsent(from, j);
                    if (first != null) {
                        problem(rowAt + "/from", "duplicate", "source '" + from + "' is already listed at " + at + "/" + first);
                    }
                }
                Double tonnes = number(row.get("tonnes"), rowAt + "/tonnes", true, true);
                if (fromOk && tonnes != null) {
                    result.add(new CountryProfile.ImportInput(from, tonnes));
                }
            }
            return result;
        }

        private List<CountryProfile.CorridorInput> corridors(JsonNode node) {
            List<CountryProfile.CorridorInput> result = new ArrayList<>();
            if (absent(node)) {
                return result;
            }
            if (!node.isArray()) {
                problem("/corridors", "wrong_type", "corridors must be an array");
                return result;
            }
            if (node.size() > MAX_CORRIDORS) {
                problem("/corridors", "too_many", "at most " + MAX_CORRIDORS + " corridors; got " + node.size());
                return result;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < node.size(); i++) {
                String at = "/corridors/" + i;
                JsonNode item = node.get(i);
                if (!item.isObject()) {
                    problem(at, "wrong_type", "a corridor must be an object");
                    continue;
                }
                unknownFields(item, at, CORRIDOR_FIELDS);
                String id = requiredText(item, at, "id");
                if (id != null) {
                    Integer first = seen.putIfAbsent(id, i);
                    if (first != null) {
                        problem(at + "/id", "duplicate", "corridor '" + id + "' is already listed at /corridors/" + first);
                    }
                }
                String name = optionalText(item, at, "name");
                String region = optionalText(item, at, "region");
                Double resource = number(item.get("resourceTonnesReo"), at + "/resourceTonnesReo", true, true);
                Double capacity = number(item.get("separationCapacityTpa"), at + "/separationCapacityTpa", true, true);
                Double port = number(item.get("portDistanceKm"), at + "/portDistanceKm", true, true);
                Boolean power = requiredBool(item, at, "powerAvailable");
                Boolean magnet = requiredBool(item, at, "magnetPlantLinked");
                String clearance = requiredText(item, at, "clearance");
                if (clearance != null && !CLEARANCES.contains(clearance)) {
                    problem(at + "/clearance", "invalid_value", "clearance '" + clearance + "' is not one of " + CLEARANCES);
                    clearance = null;
                }
                if (id != null && resource != null && capacity != null && port != null && power != null
                        && magnet != null && clearance != null) {
                    result.add(new CountryProfile.CorridorInput(id, name, region, resource, capacity, port, power,
                            magnet, clearance));
                }
            }
            return result;
        }

        // ---- primitives ----

        private boolean absent(JsonNode node) {
            return node == null || node.isNull();
        }

        private void unknownFields(JsonNode node, String at, Set<String> allowed) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    // Field names are suggested only when close: a typo, not a different idea.
                    String closest = closest(name, allowed);
                    if (closest != null && LevenshteinDistance.getDefaultInstance().apply(
                            name.toLowerCase(Locale.ROOT), closest.toLowerCase(Locale.ROOT)) > Math.max(2, name.length() / 3)) {
                        closest = null;
                    }
                    problems.add(new ProfileProblem(at + "/" + escape(name), "unknown_field",
                            "unknown field '" + name + "'" + (closest == null ? "" : "; did you mean '" + closest + "'?"),
                            closest));
                }
            }
        }

        private String requiredText(JsonNode parent, String at, String field) {
            JsonNode node = parent.get(field);
            if (absent(node)) {
                problem(at + "/" + field, "required", field + " is required");
                return null;
            }
            if (!node.isTextual()) {
                problem(at + "/" + field, "wrong_type", field + " must be a string; got " + kind(node));
                return null;
            }
            return node.asText();
        }

        private String optionalText(JsonNode parent, String at, String field) {
            JsonNode node = parent.get(field);
            if (absent(node)) {
                return null;
            }
            if (!node.isTextual()) {
                problem(at + "/" + field, "wrong_type", field + " must be a string; got " + kind(node));
                return null;
            }
            return node.asText();
        }

        private LocalDate date(JsonNode parent, String at, String field) {
            String text = requiredText(parent, at, field);
            if (text == null) {
                return null;
            }
            try {
                if (DATE.matcher(text).matches()) {
                    return LocalDate.parse(text);
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            problem(at + "/" + field, "malformed_date", field + " '" + text + "' is not an ISO date (YYYY-MM-DD)");
            return null;
        }

        private Double number(JsonNode node, String at, boolean required, boolean nonNegative) {
            String field = at.substring(at.lastIndexOf('/') + 1);
            if (absent(node)) {
                if (required) {
                    problem(at, "required", field + " is required");
                }
                return null;
            }
            if (!node.isNumber()) {
                problem(at, "wrong_type", field + " must be a number; got " + kind(node));
                return null;
            }
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                problem(at, "out_of_range", field + " must be a finite number");
                return null;
            }
            if (nonNegative && value < 0) {
                problem(at, "out_of_range", field + " must be ≥ 0; got " + plain(value));
                return null;
            }
            return value;
        }

        private Boolean bool(JsonNode node, String at) {
            if (absent(node)) {
                return null;
            }
            if (!node.isBoolean()) {
                String field = at.substring(at.lastIndexOf('/') + 1);
                problem(at, "wrong_type", field + " must be true or false; got " + kind(node));
                return null;
            }
            return node.asBoolean();
        }

        private Boolean requiredBool(JsonNode parent, String at, String field) {
            JsonNode node = parent.get(field);
            if (absent(node)) {
                problem(at + "/" + field, "required", field + " is required");
                return null;
            }
            return bool(node, at + "/" + field);
        }

        private boolean known(String id, String at, String code, String what, Collection<String> ids) {
            if (ids.contains(id)) {
                return true;
            }
            String closest = closest(id, ids);
            problems.add(new ProfileProblem(at, code, what + " '" + id + "' is not in the fact base"
                    + (closest == null ? "" : "; did you mean '" + closest + "'?"), closest));
            return false;
        }
    }

    /** The known id nearest by edit distance (case-insensitive), ties by id order; null when none. */
    static String closest(String id, Collection<String> known) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = id.toLowerCase(Locale.ROOT);
        for (String candidate : known.stream().sorted().toList()) {
            int d = distance.apply(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** RFC 6901: '~' and '/' inside a member name are escaped in a pointer. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}

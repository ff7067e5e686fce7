package org.mineralsadvisor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.evaluation.SituationBuilder;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.MineralIndicators;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.PolicyCatalogue;
import org.mineralsadvisor.rules.PolicyParameter;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.testing.Directories;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every "what would change this" item is applied — to a copy of the profile at its pointer, or to
 * the named column of the named CSV line of a copy of the fact base — and the changed input is
 * evaluated again by the real engine: the recommendation must change exactly as the item says
 * (gone, new target, new priority, new status, new tier or rank, with the numbers its text
 * gives). A numeric boundary must be the last value that does it: one double short of it, the
 * recommendation stays as it was. Near misses are checked against the evaluation's indicators.
 *
 * <p>Runs the four samples against the shipped facts and seeded generated cases (the reference
 * test's generator: numbers on the handbook's thresholds) against their own small fact bases.
 * {@code -Dcounterfactual.cases=N} changes the number of generated cases.
 */
class WhatWouldChangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();
    private static final long FIRST_SEED = 7_310_000L;
    private static RuleSet rules;

    @TempDir
    Path temp;

    @BeforeAll
    static void compileRules() {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
    }

    @Test
    void each_change_of_the_samples_does_what_it_says() throws IOException {
        Tally tally = new Tally();
        List<String> problems = new ArrayList<>();
        for (String sample : List.of("india.json", "japan.json", "germany.json", "singapore.json")) {
            problems.addAll(check(sample, Path.of("facts"), Files.readString(Path.of("samples", sample)), tally));
        }
        System.out.println("WhatWouldChangeTest samples: " + tally);
        assertThat(problems).isEmpty();
        assertThat(tally.counts).containsKeys("STOCKPILE ENDS", "STOCKPILE LOWERS_TARGET", "DIVERSIFY PRIORITY",
                "COALITION STATUS", "CORRIDOR TIER", "CORRIDOR RANK", "CORRIDOR STATUS", "near misses");
    }

    @Test
    void each_change_of_generated_profiles_does_what_it_says() throws IOException {
        int cases = Integer.getInteger("counterfactual.cases", 200);
        Tally tally = new Tally();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            long seed = FIRST_SEED + i;
            GeneratedProfilesTest.Case c = GeneratedProfilesTest.Case.generate(seed);
            Path dir = temp.resolve("case-" + seed);
            c.write(dir);
            try {
                for (String problem : check("seed " + seed, dir, c.profileJson, tally)) {
                    problems.add(problem);
                }
            } catch (RuntimeException e) {
                problems.add("seed " + seed + ": " + e);
            }
            if (problems.size() > 20) {
                break;
            }
        }
        System.out.println("WhatWouldChangeTest generated: " + tally);
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s):\n" + String.join("\n", problems));
        }
        // The generator must reach every kind of change, or the check says little about the missing ones.
        assertThat(tally.counts).containsKeys("STOCKPILE ENDS", "STOCKPILE LOWERS_TARGET", "STOCKPILE RAISES_TARGET",
                "STOCKPILE PRIORITY", "DIVERSIFY ENDS", "DIVERSIFY PRIORITY", "COALITION STATUS",
                "COALITION PRIORITY", "CORRIDOR TIER", "CORRIDOR RANK", "CORRIDOR STATUS", "fact-base target",
                "near misses", "one double short");
    }

    // ------------------------------------------------------------------------------------ checking

    static final class Tally {
        final Map<String, Integer> counts = new TreeMap<>();

        void hit(String what) {
            counts.merge(what, 1, Integer::sum);
        }

        @Override
        public String toString() {
            return counts.toString();
        }
    }

    private List<String> check(String name, Path factsDir, String profileJson, Tally tally) throws IOException {
        List<String> problems = new ArrayList<>();
        FactBase facts = new FactBaseLoader().load(factsDir);
        CountryProfile profile = new ProfileParser(facts).parse(profileJson);
        Advice advice = new Advisor().evaluate(rules, facts, profile, false);
        JsonNode tree = AdviceJson.mapper().valueToTree(advice);
        JsonNode profileTree = JSON.readTree(profileJson);
        Advice traced = new Advisor().evaluate(rules, facts, profile, true);
        JsonNode tracedTree = AdviceJson.mapper().valueToTree(traced);
        // Traced or not, the same counterfactuals.
        for (int i = 0; i < tree.get("recommendations").size(); i++) {
            if (!tree.get("recommendations").get(i).get("whatWouldChange")
                    .equals(tracedTree.get("recommendations").get(i).get("whatWouldChange"))) {
                problems.add(name + ": whatWouldChange differs between traced and untraced advice");
            }
        }
        if (!tree.get("nearMisses").equals(tracedTree.get("nearMisses"))) {
            problems.add(name + ": nearMisses differ between traced and untraced advice");
        }
        for (JsonNode rec : tree.get("recommendations")) {
            String missing = missing(rec);
            if (missing != null) {
                problems.add(name + " " + rec.get("type").asText() + " " + rec.get("subject").asText() + ": no item "
                        + missing + " in " + rec.get("whatWouldChange"));
            }
            for (JsonNode change : rec.get("whatWouldChange")) {
                String where = name + " " + rec.get("type").asText() + " " + rec.get("subject").asText() + " "
                        + change.get("effect").asText() + " " + change.get("target").asText() + ": "
                        + change.get("text").asText();
                tally.hit(rec.get("type").asText() + " " + change.get("effect").asText());
                String problem = checkChange(factsDir, facts, profileTree, rec, change, tally);
                if (problem != null) {
                    problems.add(where + "\n    -> " + problem);
                }
            }
        }
        problems.addAll(checkNearMisses(name, facts, profile, tree, tally));
        return problems;
    }

    /**
     * The item a recommendation must have, whatever the numbers, where it lacks it: a stockpile can
     * always be ended by stock or by production, an eligible coalition by declaring membership, a
     * capability criterion met by its flag, a single corridor gate lifted.
     */
    private static String missing(JsonNode rec) {
        JsonNode d = rec.get("details");
        List<String> items = new ArrayList<>();
        for (JsonNode change : rec.get("whatWouldChange")) {
            items.add(change.get("effect").asText() + " " + change.get("target").asText() + " "
                    + change.get("threshold").asText() + " " + change.get("text").asText());
        }
        switch (rec.get("type").asText()) {
            case "STOCKPILE" -> {
                String stock = "ENDS profile:/minerals/\\d+/stockTonnes " + d.get("targetDays").asInt() + "\\.0 .*";
                if (items.stream().noneMatch(i -> i.matches(stock))) {
                    return "ending it by stock at the target";
                }
                if (items.stream().noneMatch(i -> i.matches("ENDS profile:/minerals/\\d+/domesticProductionTonnes .*"))) {
                    return "ending it by production";
                }
            }
            case "COALITION" -> {
                String status = d.get("status").asText();
                if (status.equals("ELIGIBLE") && items.stream().noneMatch(i -> i.startsWith("STATUS profile:/memberships/"))) {
                    return "declaring membership";
                }
                if (status.equals("NOT_YET_ELIGIBLE") && d.get("unmet").size() <= 2) {
                    for (JsonNode criterion : d.get("unmet")) {
                        String id = criterion.asText();
                        boolean flag = id.endsWith("-CAPABILITY") || id.endsWith("-EXPORT-CONTROLS")
                                || id.endsWith("-INVESTMENT-SCREENING") || id.endsWith("-ESG");
                        if (flag && items.stream().noneMatch(i -> i.startsWith(d.get("unmet").size() == 1 ? "STATUS"
                                : "PRIORITY") && i.contains("meets " + id))) {
                            return "meeting " + id;
                        }
                    }
                }
            }
            case "CORRIDOR" -> {
                if (d.get("status").asText().equals("EXCLUDED") && !d.get("reason").asText().contains(";")
                        && items.stream().noneMatch(i -> i.startsWith("STATUS"))) {
                    return "lifting the gate";
                }
            }
            default -> {
            }
        }
        return null;
    }

    /** Null when the change does what it says; else what it does instead. */
    private String checkChange(Path factsDir, FactBase facts, JsonNode profileTree, JsonNode rec, JsonNode change,
                               Tally tally) throws IOException {
        String problem = checkThreshold(change);
        if (problem != null) {
            return problem;
        }
        JsonNode to = change.get("to");
        problem = checkFrom(factsDir, profileTree, change);
        if (problem != null) {
            return problem;
        }
        JsonNode after = evaluateWith(factsDir, profileTree, change, to);
        problem = effectProblem(rec, change, find(after, rec));
        if (problem != null) {
            return problem;
        }
        // One double short of a numeric boundary, nothing changes.
        JsonNode from = change.get("from");
        if (to.isNumber() && from != null && from.isNumber() && to.doubleValue() != from.doubleValue()
                && !change.get("policyId").asText().startsWith("COR-")) {
            double t = to.doubleValue();
            double shortOf = t > from.doubleValue() ? Math.nextDown(t) : Math.nextUp(t);
            JsonNode same = find(evaluateWith(factsDir, profileTree, change, JSON.getNodeFactory().numberNode(shortOf)),
                    rec);
            tally.hit("one double short");
            if (shortOfProblem(rec, change, same) != null) {
                return "one double short of " + t + " (" + shortOf + ") the recommendation already changes: " + same;
            }
        }
        if (!change.get("target").asText().startsWith("profile:")) {
            tally.hit("fact-base target");
        }
        return null;
    }

    /** Null when the item's effect has not happened to {@code now}: one double short of its boundary. */
    private static String shortOfProblem(JsonNode was, JsonNode change, JsonNode now) {
        if (now == null) {
            return "gone";
        }
        JsonNode d = now.get("details");
        JsonNode wd = was.get("details");
        return switch (change.get("effect").asText()) {
            case "ENDS" -> null;
            case "LOWERS_TARGET", "RAISES_TARGET" -> d.get("targetDays").equals(wd.get("targetDays")) ? null : "target";
            case "PRIORITY" -> now.get("priority").equals(was.get("priority")) ? null : "priority";
            case "STATUS" -> d.get("status").equals(wd.get("status")) ? null : "status";
            default -> "effect " + change.get("effect");
        };
    }

    /** A threshold is one of the item's policy's parameters in the catalogue. */
    private static String checkThreshold(JsonNode change) {
        JsonNode threshold = change.get("threshold");
        if (threshold == null) {
            return "no threshold field";
        }
        if (threshold.isNull()) {
            return null;
        }
        PolicyCatalogue.Policy policy = rules.catalogue().policies().get(change.get("policyId").asText());
        if (policy == null) {
            return "policy " + change.get("policyId") + " is not in the catalogue";
        }
        for (PolicyParameter parameter : policy.parameters().values()) {
            if (parameter.value().doubleValue() == threshold.doubleValue()) {
                return null;
            }
        }
        return "threshold " + threshold + " is none of " + policy.id() + "'s parameters " + policy.parameters().keySet();
    }

    /** {@code from} is the value now: at the pointer (or the contract's default), or in the CSV cell. */
    private static String checkFrom(Path factsDir, JsonNode profileTree, JsonNode change) throws IOException {
        String target = change.get("target").asText();
        JsonNode from = change.get("from");
        if (target.startsWith("profile:")) {
            JsonNode now = profileTree.at(target.substring("profile:".length()));
            if (now.isMissingNode()) {
                String field = target.substring(target.lastIndexOf('/') + 1);
                if (field.matches("\\d+")) {
                    return from.isNull() ? null : "from " + from + " for a list entry to add";
                }
                now = switch (field) {
                    case "exportControlRegime" -> JSON.getNodeFactory().textNode("NONE");
                    case "domesticProductionTonnes", "stockTonnes" -> JSON.getNodeFactory().numberNode(0.0);
                    default -> JSON.getNodeFactory().booleanNode(false);
                };
            }
            return same(now, from) ? null : "from " + from + " but the profile has " + now;
        }
        String[] parts = target.split(":");
        List<String> cells = cells(Files.readAllLines(factsDir.resolve(parts[0].substring("facts/".length())))
                .get(Integer.parseInt(parts[1]) - 1));
        List<String> header = cells(Files.readAllLines(factsDir.resolve(parts[0].substring("facts/".length()))).get(0));
        String cell = cells.get(header.indexOf(change.get("field").asText()));
        JsonNode now = from.isNumber() ? JSON.getNodeFactory().numberNode(Double.parseDouble(cell))
                : from.isBoolean() ? JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(cell))
                : JSON.getNodeFactory().textNode(cell);
        return same(now, from) ? null : "from " + from + " but the CSV cell is " + cell;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        return a.equals(b);
    }

    /** The advice for the input with the change's target set to {@code value}. */
    private JsonNode evaluateWith(Path factsDir, JsonNode profileTree, JsonNode change, JsonNode value)
            throws IOException {
        String target = change.get("target").asText();
        JsonNode profile = profileTree.deepCopy();
        Path dir = factsDir;
        if (target.startsWith("profile:")) {
            set((ObjectNode) profile, target.substring("profile:".length()), value);
        } else {
            dir = Files.createTempDirectory(temp, "facts");
            Directories.delete(dir);
            Directories.copy(factsDir, dir);
            String[] parts = target.split(":");
            Path file = dir.resolve(parts[0].substring("facts/".length()));
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            List<String> header = cells(lines.get(0));
            int line = Integer.parseInt(parts[1]) - 1;
            List<String> cells = cells(lines.get(line));
            cells.set(header.indexOf(change.get("field").asText()),
                    value.isNumber() ? new BigDecimal(value.doubleValue()).toPlainString() : value.asText());
            lines.set(line, String.join(",", cells.stream().map(WhatWouldChangeTest::quoted).toList()));
            Files.write(file, lines);
        }
        FactBase facts = new FactBaseLoader().load(dir);
        CountryProfile parsed = new ProfileParser(facts).parse(JSON.writeValueAsString(profile));
        return AdviceJson.mapper().valueToTree(new Advisor().evaluate(rules, facts, parsed, false));
    }

    /** Sets a JSON pointer's value, creating a missing object on the way and appending at a list's size. */
    private static void set(ObjectNode root, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
            if (next == null || next.isNull()) {
                boolean list = parts[i + 1].matches("\\d+");
                next = list ? ((ObjectNode) node).putArray(parts[i]) : ((ObjectNode) node).putObject(parts[i]);
            }
            node = next;
        }
        String last = parts[parts.length - 1];
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            int index = Integer.parseInt(last);
            if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    private static JsonNode find(JsonNode advice, JsonNode rec) {
        for (JsonNode r : advice.get("recommendations")) {
            if (r.get("type").equals(rec.get("type")) && r.get("subject").equals(rec.get("subject"))) {
                return r;
            }
        }
        return null;
    }

    /** Null when {@code now} (the recommendation after the change, or null) is what the item says. */
    private static String effectProblem(JsonNode was, JsonNode change, JsonNode now) {
        String effect = change.get("effect").asText();
        String text = change.get("text").asText();
        if (effect.equals("ENDS")) {
            return now == null ? null : "still there: " + now;
        }
        if (now == null) {
            return "the recommendation is gone, not " + effect;
        }
        JsonNode d = now.get("details");
        JsonNode wd = was.get("details");
        String priority = now.get("priority").asText();
        switch (effect) {
            case "LOWERS_TARGET", "RAISES_TARGET" -> {
                int target = d.get("targetDays").asInt();
                int old = wd.get("targetDays").asInt();
                boolean direction = effect.equals("LOWERS_TARGET") ? target < old : target > old;
                if (!direction || !text.contains(" to " + target + " days (priority " + priority + ")")) {
                    return "target " + old + " → " + target + ", priority " + priority;
                }
            }
            case "PRIORITY" -> {
                if (priority.equals(was.get("priority").asText()) || !text.contains(" to " + priority)) {
                    return "priority " + was.get("priority").asText() + " → " + priority;
                }
                if (wd.has("targetDays") && !wd.get("targetDays").equals(d.get("targetDays"))
                        || wd.has("status") && !wd.get("status").equals(d.get("status"))) {
                    return "more than the priority changed: " + d;
                }
            }
            case "STATUS" -> {
                String status = d.get("status").asText();
                if (was.get("type").asText().equals("COALITION")) {
                    String expected = wd.get("status").asText().equals("ELIGIBLE") ? "MEMBER" : "ELIGIBLE";
                    if (!status.equals(expected) || !text.contains(expected)) {
                        return "status " + wd.get("status").asText() + " → " + status;
                    }
                } else if (!status.equals("RANKED") || !text.contains(corridorWords(d))) {
                    return "corridor now " + d;
                }
            }
            case "TIER", "RANK" -> {
                boolean better = effect.equals("TIER")
                        ? d.get("tier").asText().compareTo(wd.get("tier").asText()) < 0
                        : d.get("rank").asInt() < wd.get("rank").asInt() && d.get("tier").equals(wd.get("tier"));
                if (!better || !text.contains(corridorWords(d))) {
                    return "corridor " + wd + " → " + d;
                }
            }
            default -> {
                return "unknown effect " + effect;
            }
        }
        return null;
    }

    private static String corridorWords(JsonNode d) {
        return "score of " + d.get("score").asInt() + ", " + d.get("tier").asText() + ", rank " + d.get("rank").asInt();
    }

    // ------------------------------------------------------------------------------------ near misses

    private static double parameter(String policy, String name) {
        return rules.catalogue().policies().get(policy).parameters().get(name).value().doubleValue();
    }

    private static List<String> checkNearMisses(String name, FactBase facts, CountryProfile profile, JsonNode advice,
                                                Tally tally) {
        List<String> problems = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (JsonNode miss : advice.get("nearMisses")) {
            tally.hit("near misses");
            actual.add(miss.get("mineral").asText() + " " + miss.get("factor").asText() + " "
                    + miss.get("value").doubleValue());
        }
        for (int i = 0; i < profile.minerals().size(); i++) {
            MineralIndicators ind = SituationBuilder.indicatorsOf(profile, i, facts);
            String m = ind.mineral();
            double reliance = parameter("STK-RELIANCE", "threshold");
            if (ind.importReliance() < reliance && ind.importReliance() >= 0.9 * reliance) {
                expected.add(m + " " + Factor.IMPORT_RELIANT + " " + ind.importReliance());
            }
            double top = parameter("STK-CONCENTRATION", "top_source_share");
            double hhi = parameter("STK-CONCENTRATION", "import_hhi");
            if (ind.importTonnes() > 0 && ind.topSourceShare() < top && ind.importHhi() < hhi) {
                if (ind.topSourceShare() >= 0.9 * top) {
                    expected.add(m + " " + Factor.CONCENTRATED_SOURCING + " " + ind.topSourceShare());
                }
                if (ind.importHhi() >= 0.9 * hhi) {
                    expected.add(m + " " + Factor.CONCENTRATED_SOURCING + " " + ind.importHhi());
                }
            }
            double export = parameter("STK-EXPORT-CONTROL", "share");
            if (ind.exportControlShare() < export && ind.exportControlShare() >= 0.9 * export) {
                expected.add(m + " " + Factor.EXPORT_CONTROL_EXPOSED + " " + ind.exportControlShare());
            }
            double choke = parameter("STK-CHOKEPOINT", "share");
            String chokepoint = m + " " + Factor.GLOBAL_CHOKEPOINT + " " + ind.globalTopShare();
            if (ind.globalTopProducer() != null && ind.globalTopShare() < choke && ind.globalTopShare() >= 0.9 * choke) {
                expected.add(chokepoint);
            } else if (actual.contains(chokepoint)) {
                // At or above the share: listed only where the producer is home or aligned, which its condition says.
                for (JsonNode miss : advice.get("nearMisses")) {
                    if (miss.get("mineral").asText().equals(m) && miss.get("factor").asText().equals("GLOBAL_CHOKEPOINT")) {
                        String condition = miss.get("condition").asText();
                        boolean home = ind.globalTopProducer().equals(profile.country());
                        if (!(ind.globalTopShare() >= choke) || !(home ? condition.contains("itself")
                                : condition.contains("aligned with " + profile.country()))) {
                            problems.add(name + ": chokepoint near miss " + miss + " for indicators " + ind.globalTopShare()
                                    + " " + ind.globalTopProducer());
                        }
                        tally.hit("chokepoint held by home or aligned");
                    }
                }
                expected.add(chokepoint);
            }
        }
        if (!expected.equals(actual)) {
            problems.add(name + ": near misses " + actual + ", expected " + expected);
        }
        for (JsonNode miss : advice.get("nearMisses")) {
            String policy = miss.get("policyId").asText();
            boolean known = rules.catalogue().policies().get(policy).parameters().values().stream()
                    .anyMatch(p -> p.value().doubleValue() == miss.get("threshold").doubleValue());
            if (!known) {
                problems.add(name + ": near miss threshold " + miss + " is not a parameter of " + policy);
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------ CSV

    private static List<String> cells(String line) throws IOException {
        try (var it = CSV.readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .<List<String>>readValues(line)) {
            return new ArrayList<>(it.next());
        }
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}

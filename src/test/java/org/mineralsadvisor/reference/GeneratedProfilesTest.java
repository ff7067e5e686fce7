package org.mineralsadvisor.reference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.Stage;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.testing.EvidenceResolution;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential test: the Drools engine against {@link ReferenceAdvisor}, an independent plain-Java
 * reading of the policy handbook, on seeded random fact bases and profiles whose numbers sit on the
 * handbook's thresholds (0.50, 0.25, 0.60, 0.05, 0.01, HHI 2,500, stock days 30 / 60 / 100 / 180, the
 * corridor scoring edges) and around {@code asOf} (join dates, export-control windows).
 *
 * <p>Each case's advice must also cite evidence that resolves, independently of the code that wrote
 * it, to the case's profile values and CSV lines ({@link EvidenceResolution}).
 *
 * <p>Every case is reproducible from its seed: {@code -Dreference.seed=N} runs only that case and prints
 * its fact base, profile and both recommendation lists; {@code -Dreference.cases=N} changes the count.
 */
class GeneratedProfilesTest {
    private static final long FIRST_SEED = 20_260_204L;
    private static final int DEFAULT_CASES = 300;
    /** Full dumps printed per kind of difference; every failing seed is listed anyway. */
    private static final int DUMPS_PER_KIND = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static RuleSet rules;

    @TempDir
    Path temp;

    @BeforeAll
    static void compileRules() {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
    }

    @Test
    void engine_agrees_with_the_reference_reading_of_the_handbook() throws IOException {
        String only = System.getProperty("reference.seed");
        List<Long> seeds = new ArrayList<>();
        if (only != null && !only.isBlank()) {
            seeds.add(Long.parseLong(only.trim()));
        } else {
            int cases = Integer.getInteger("reference.cases", DEFAULT_CASES);
            for (int i = 0; i < cases; i++) {
                seeds.add(FIRST_SEED + i);
            }
        }
        Map<String, List<Long>> failuresByKind = new TreeMap<>();
        StringBuilder report = new StringBuilder();
        int failed = 0;
        Coverage coverage = new Coverage();
        for (long seed : seeds) {
            Case c = Case.generate(seed);
            List<ReferenceAdvisor.Expected> expected = List.of();
            List<ReferenceAdvisor.Expected> actual = List.of();
            Difference difference;
            try {
                Path dir = temp.resolve("case-" + seed);
                c.write(dir);
                FactBase facts = new FactBaseLoader().load(dir);
                CountryProfile profile = new ProfileParser(facts).parse(c.profileJson);
                if (c.budgetFromCosts(new ReferenceAdvisor(facts, profile).advise())) {
                    profile = new ProfileParser(facts).parse(c.profileJson);
                }
                Advice advice = new Advisor().evaluate(rules, facts, profile);
                expected = new ReferenceAdvisor(facts, profile).advise();
                actual = advice.recommendations().stream().map(GeneratedProfilesTest::view).toList();
                coverage.record(facts, profile, expected);
                difference = firstDifference(expected, actual);
                if (difference == null) {
                    // The trace's evidence resolves to this case's profile and CSV lines.
                    List<String> unresolved = new EvidenceResolution(dir, JSON.readTree(c.profileJson))
                            .problems(AdviceJson.mapper().valueToTree(advice));
                    if (!unresolved.isEmpty()) {
                        difference = new Difference("evidence", unresolved.subList(0, Math.min(5, unresolved.size())).toString());
                    }
                }
            } catch (RuntimeException e) {
                difference = new Difference("exception " + e.getClass().getSimpleName(), String.valueOf(e));
            }
            if (only != null) {
                System.out.println(c.dump() + "\n--- expected\n" + render(expected) + "\n--- engine\n" + render(actual)
                        + "\n--- first difference: " + (difference == null ? "none" : difference.message));
            }
            if (difference == null) {
                continue;
            }
            failed++;
            List<Long> kind = failuresByKind.computeIfAbsent(difference.kind, k -> new ArrayList<>());
            kind.add(seed);
            if (kind.size() <= DUMPS_PER_KIND) {
                report.append("\n==================== seed ").append(seed).append(" (").append(difference.kind)
                        .append(")\nfirst difference: ").append(difference.message).append('\n').append(c.dump())
                        .append("\n--- expected (reference)\n").append(render(expected))
                        .append("\n--- engine\n").append(render(actual)).append('\n');
            }
        }
        System.out.println("GeneratedProfilesTest: " + seeds.size() + " cases, " + failed + " disagreeing; coverage "
                + coverage.counts);
        List<String> missing = only == null && System.getProperty("reference.cases") == null
                ? coverage.missing() : List.of();
        if (failed == 0 && !missing.isEmpty()) {
            fail("the generator no longer reaches these situations, so the comparison says little about them: "
                    + missing);
        }
        if (failed > 0) {
            StringBuilder summary = new StringBuilder();
            summary.append(failed).append(" of ").append(seeds.size())
                    .append(" generated cases disagree with the reference reading of the handbook.\n")
                    .append("Reproduce one with: ./mvnw -q -B test -Dtest=GeneratedProfilesTest -Dreference.seed=<seed>\n");
            failuresByKind.forEach((kind, list) -> summary.append("  ").append(kind).append(": ").append(list.size())
                    .append(" case(s), seeds ").append(list.subList(0, Math.min(12, list.size())))
                    .append(list.size() > 12 ? " ..." : "").append('\n'));
            System.out.println(summary);
            System.out.println(report);
            fail(summary.toString());
        }
    }

    // ------------------------------------------------------------------------------------ coverage

    /**
     * Tallies the situations the generated cases reach (exact threshold hits, every priority, status and
     * funding state), so that a change to the generator cannot quietly make the comparison vacuous.
     */
    static final class Coverage {
        static final List<String> REQUIRED = List.of(
                "reliance=0.50", "topShare=0.50", "hhi=2500 (top<0.50)", "exportControlShare=0.25",
                "globalTopShare=0.60", "globalTop from mining only", "chokepoint", "chokepoint blocked by alignment",
                "stockDays=target", "stockDays=30", "I=0 with rows",
                "STOCKPILE HIGH", "STOCKPILE MEDIUM", "STOCKPILE LOW",
                "target 60", "target 100", "target 180",
                "funding FULL", "funding PARTIAL", "funding UNFUNDED", "funding UNPRICED", "funding null",
                "DIVERSIFY HIGH", "DIVERSIFY MEDIUM", "partners 0", "partners 1", "partners 3",
                "PAX_SILICA MEMBER", "PAX_SILICA ELIGIBLE", "PAX_SILICA NOT_YET_ELIGIBLE",
                "MSP MEMBER", "MSP ELIGIBLE", "MSP NOT_YET_ELIGIBLE", "COALITION MEDIUM", "COALITION LOW",
                "PS-TRUSTED-PARTNER met", "PS-CAPABILITY met", "MSP-STAKE met", "MSP-STAKE by reliance only",
                "CORRIDOR HIGH", "CORRIDOR MEDIUM", "CORRIDOR LOW", "reason CLEARANCE_REFUSED", "reason NO_RESOURCE",
                "reason CLEARANCE_REFUSED;NO_RESOURCE", "code-point order differs from UTF-16 order",
                "topSource tie", "globalTop tie", "score=70", "score=40",
                // pack v1.1 (handbook section 8)
                "v1.1 columns absent", "member through a bloc", "membership left", "coalition ended",
                "coalition not yet founded", "control suspended on asOf", "manufacturing top producer",
                "FORGE NOT_YET_ELIGIBLE", "FORGE MEMBER");
        final Map<String, Integer> counts = new TreeMap<>();

        void hit(String what) {
            counts.merge(what, 1, Integer::sum);
        }

        List<String> missing() {
            return REQUIRED.stream().filter(r -> !counts.containsKey(r)).toList();
        }

        private void recordPackV11(FactBase facts, CountryProfile profile) {
            LocalDate asOf = profile.asOf();
            if (!facts.sources().get("countries.csv").startsWith("iso3,name,part_of")) {
                hit("v1.1 columns absent");
            }
            for (var country : facts.countries().values()) {
                for (var member : facts.members()) {
                    if (country.partOf().contains(member.country()) && member.memberOn(asOf)) {
                        hit("member through a bloc");
                    }
                }
            }
            facts.members().stream().filter(m -> m.left() != null && !asOf.isBefore(m.left())).findAny()
                    .ifPresent(m -> hit("membership left"));
            for (var k : facts.coalitions().values()) {
                if (k.ended() != null && !asOf.isBefore(k.ended())) {
                    hit("coalition ended");
                }
                if (k.founded() != null && asOf.isBefore(k.foundedOn())) {
                    hit("coalition not yet founded");
                }
            }
            for (CountryProfile.MineralInput m : profile.minerals()) {
                if (facts.exportControls(m.mineral()).stream().anyMatch(c -> c.suspendedOn(asOf)
                        && c.appliesTo(profile.country()))) {
                    hit("control suspended on asOf");
                }
                if (facts.production(m.mineral()).stream().anyMatch(p -> p.stage() == Stage.MANUFACTURING)) {
                    hit("manufacturing top producer");
                }
            }
        }

        private static boolean hasRefining(FactBase facts, String mineral) {
            return facts.production(mineral).stream().anyMatch(p -> p.stage() == Stage.REFINING);
        }

        void record(FactBase facts, CountryProfile profile, List<ReferenceAdvisor.Expected> expected) {
            recordPackV11(facts, profile);
            ReferenceAdvisor reference = new ReferenceAdvisor(facts, profile);
            int reliant = 0;
            for (CountryProfile.MineralInput m : profile.minerals()) {
                ReferenceAdvisor.Indicators ind = reference.indicators(m);
                if (ind.has(ReferenceAdvisor.IMPORT_RELIANT)) {
                    reliant++;
                }
                if (ind.importReliance() == 0.5) {
                    hit("reliance=0.50");
                }
                if (ind.topSourceShare() != null && ind.topSourceShare() == 0.5) {
                    hit("topShare=0.50");
                }
                if (ind.importHhi() == 2500 && ind.topSourceShare() < 0.5) {
                    hit("hhi=2500 (top<0.50)");
                }
                if (ind.exportControlShare() == 0.25) {
                    hit("exportControlShare=0.25");
                }
                if (ind.topSource() != null && m.imports().stream().filter(
                        r -> r.tonnes() / ind.importTonnes() == ind.topSourceShare()).count() > 1) {
                    hit("topSource tie");
                }
                if (ind.globalTopProducer() != null && facts.production(m.mineral()).stream()
                        .filter(p -> p.stage() == (hasRefining(facts, m.mineral())
                                ? Stage.REFINING : Stage.MINING))
                        .filter(p -> p.share() == ind.globalTopShare()).count() > 1) {
                    hit("globalTop tie");
                }
                if (ind.globalTopShare() == 0.6) {
                    hit("globalTopShare=0.60");
                }
                if (!hasRefining(facts, m.mineral()) && !facts.production(m.mineral()).isEmpty()) {
                    hit("globalTop from mining only");
                }
                if (ind.has(ReferenceAdvisor.GLOBAL_CHOKEPOINT)) {
                    hit("chokepoint");
                } else if (ind.globalTopShare() >= 0.6 && !ind.globalTopProducer().equals(profile.country())) {
                    hit("chokepoint blocked by alignment");
                }
                if (ind.importTonnes() == 0 && !m.imports().isEmpty()) {
                    hit("I=0 with rows");
                }
                if (ind.stockDays() == 30) {
                    hit("stockDays=30");
                }
                if (ind.stockDays() == 60 || ind.stockDays() == 100 || ind.stockDays() == 180) {
                    hit("stockDays=target");
                }
            }
            boolean stake = facts.production().stream()
                    .anyMatch(p -> p.country().equals(profile.country()) && p.share() >= 0.01);
            if (facts.coalitions().containsKey(ReferenceAdvisor.MSP) && !stake && reliant >= 3) {
                hit("MSP-STAKE by reliance only");
            }
            for (ReferenceAdvisor.Expected e : expected) {
                for (ReferenceAdvisor.Expected f : expected) {
                    if (e.type().equals("CORRIDOR") && f.type().equals("CORRIDOR") && e.priority().equals(f.priority())
                            && Integer.signum(ReferenceAdvisor.BY_ID.compare(e.subject(), f.subject()))
                            != Integer.signum(e.subject().compareTo(f.subject()))) {
                        hit("code-point order differs from UTF-16 order");
                    }
                }
                Map<String, Object> d = e.details();
                hit(e.type() + " " + e.priority());
                switch (e.type()) {
                    case "STOCKPILE" -> {
                        hit("target " + d.get("targetDays"));
                        hit("funding " + d.get("funding"));
                    }
                    case "DIVERSIFY" -> hit("partners " + ((List<?>) d.get("partners")).size());
                    case "COALITION" -> {
                        hit(e.subject() + " " + d.get("status"));
                        ((List<?>) d.get("met")).forEach(c -> hit(c + " met"));
                    }
                    case "CORRIDOR" -> {
                        if (Integer.valueOf(70).equals(d.get("score")) || Integer.valueOf(40).equals(d.get("score"))) {
                            hit("score=" + d.get("score"));
                        }
                        if (d.get("reason") != null) {
                            hit("reason " + d.get("reason"));
                        }
                    }
                    default -> hit("unknown type " + e.type());
                }
            }
        }
    }

    /**
     * Rewrites a generated fact base with pack v1.1's optional columns on their edges around asOf (handbook
     * section 8): a bloc (EUU) with members and memberships, left dates, founded and ended coalitions with
     * a FORGE successor, suspensions, and a product whose rows are all manufacturing.
     */
    static final class PackV11 {
        private final Random rnd;
        private final LocalDate asOf;
        private final String home;
        private final Map<String, String> files;

        PackV11(Random rnd, LocalDate asOf, String home, Map<String, String> files) {
            this.rnd = rnd;
            this.asOf = asOf;
            this.home = home;
            this.files = files;
        }

        private boolean chance(double p) {
            return rnd.nextDouble() < p;
        }

        private long pick(long... values) {
            return values[rnd.nextInt(values.length)];
        }

        private static List<String[]> rows(String text) {
            List<String[]> rows = new ArrayList<>();
            text.lines().forEach(line -> rows.add(line.split(",", -1)));
            return rows;
        }

        private static String text(List<String[]> rows) {
            StringBuilder b = new StringBuilder();
            rows.forEach(r -> b.append(String.join(",", r)).append('\n'));
            return b.toString();
        }

        /** The row with {@code extra} inserted before its last two cells (source, as_of). */
        private static String[] with(String[] row, String... extra) {
            List<String> cells = new ArrayList<>(List.of(row));
            cells.addAll(cells.size() - 2, List.of(extra));
            return cells.toArray(String[]::new);
        }

        void apply() {
            List<String[]> countries = rows(files.get("countries.csv"));
            List<String> codes = new ArrayList<>();
            List<String[]> cs = new ArrayList<>();
            cs.add(new String[]{"iso3", "name", "part_of", "source", "as_of"});
            for (String[] row : countries.subList(1, countries.size())) {
                codes.add(row[0]);
                boolean inBloc = chance(row[0].equals(home) ? 0.5 : 0.4);
                cs.add(new String[]{row[0], row[1], inBloc ? "EUU" : "", row[2], row[3]});
            }
            cs.add(new String[]{"EUU", "European Union", "", "generated", "2026"});
            files.put("countries.csv", text(cs));

            List<String[]> coalitions = rows(files.get("coalitions.csv"));
            List<String[]> ks = new ArrayList<>();
            ks.add(new String[]{"id", "name", "founded", "focus", "ended", "succeeded_by", "source", "as_of"});
            List<String> ids = new ArrayList<>();
            boolean forge = chance(0.5);
            for (String[] row : coalitions.subList(1, coalitions.size())) {
                ids.add(row[0]);
                String founded = "";
                String ended = "";
                if (chance(0.3)) {
                    founded = chance(0.3) ? String.valueOf(asOf.getYear() + (int) pick(0, 1))
                            : asOf.plusDays(pick(-1, 0, 1, -400)).toString();
                }
                if (chance(0.25)) {
                    LocalDate start = founded.isEmpty() ? LocalDate.MIN
                            : founded.length() == 4 ? LocalDate.of(Integer.parseInt(founded), 1, 1) : LocalDate.parse(founded);
                    LocalDate end = asOf.plusDays(pick(-1, 0, 1, 200));
                    ended = end.isAfter(start) ? end.toString() : "";
                }
                String successor = forge && row[0].equals("MSP") && !ended.isEmpty() ? "FORGE" : "";
                ks.add(new String[]{row[0], row[1], founded, row[2], ended, successor, row[3], row[4]});
            }
            if (forge) {
                ks.add(new String[]{"FORGE", "Forum", asOf.plusDays(pick(-1, 0, 1, -300)).toString(), "focus", "", "",
                        "generated", "2026"});
                ids.add("FORGE");
            }
            files.put("coalitions.csv", text(ks));

            List<String[]> members = rows(files.get("coalition_members.csv"));
            List<String[]> kms = new ArrayList<>();
            kms.add(new String[]{"coalition", "country", "joined", "left", "source", "as_of"});
            for (String[] row : members.subList(1, members.size())) {
                String left = "";
                if (chance(0.2)) {
                    LocalDate l = asOf.plusDays(pick(-1, 0, 1, 30));
                    left = l.isAfter(LocalDate.parse(row[2])) ? l.toString() : "";
                }
                kms.add(with(row, left));
            }
            for (String k : ids) {
                if (chance(k.equals("FORGE") ? 0.7 : 0.4)) {
                    kms.add(new String[]{k, "EUU", asOf.plusDays(pick(-100, 0, 1)).toString(), "", "generated", "2026"});
                }
                if (k.equals("FORGE")) {
                    for (String c : codes) {
                        if (chance(0.4)) {
                            kms.add(new String[]{k, c, asOf.plusDays(pick(-10, 0, 1)).toString(), "", "generated", "2026"});
                        }
                    }
                }
            }
            files.put("coalition_members.csv", text(kms));

            List<String[]> controls = rows(files.get("export_controls.csv"));
            List<String[]> es = new ArrayList<>();
            es.add(with(controls.get(0), "suspended_from", "suspended_until"));
            for (String[] row : controls.subList(1, controls.size())) {
                String from = "";
                String until = "";
                if (chance(0.45)) {
                    LocalDate valid = LocalDate.parse(row[3]);
                    LocalDate s = asOf.plusDays(pick(-1, 0, 1, -30));
                    s = s.isBefore(valid) ? valid : s;
                    LocalDate e = s.plusDays(pick(0, 1, 30));
                    if (!row[4].isEmpty() && e.isAfter(LocalDate.parse(row[4]))) {
                        e = LocalDate.parse(row[4]);
                    }
                    if (!e.isBefore(s)) {
                        from = s.toString();
                        until = e.toString();
                    }
                }
                es.add(with(row, from, until));
            }
            files.put("export_controls.csv", text(es));

            if (chance(0.5)) {
                // One mineral becomes a product: its rows of one stage turn into manufacturing rows, the rest go.
                List<String[]> production = rows(files.get("production.csv"));
                List<String> minerals = production.subList(1, production.size()).stream().map(r -> r[0]).distinct().toList();
                if (!minerals.isEmpty()) {
                    String product = minerals.get(rnd.nextInt(minerals.size()));
                    String stage = production.stream().filter(r -> r[0].equals(product)).findFirst().orElseThrow()[1];
                    List<String[]> ps = new ArrayList<>();
                    for (String[] row : production) {
                        if (!row[0].equals(product)) {
                            ps.add(row);
                        } else if (row[1].equals(stage)) {
                            ps.add(new String[]{row[0], "manufacturing", row[2], row[3], row[4], row[5]});
                        }
                    }
                    files.put("production.csv", text(ps));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------ comparison

    private static ReferenceAdvisor.Expected view(Recommendation r) {
        // The details as the JSON writes them: the reference model speaks the data contract, not our types.
        Map<String, Object> details = AdviceJson.mapper().convertValue(r.details(), new TypeReference<>() {
        });
        return new ReferenceAdvisor.Expected(r.type().name(), r.subject(), r.priority().name(), r.policyId(), details);
    }

    record Difference(String kind, String message) {
    }

    static Difference firstDifference(List<ReferenceAdvisor.Expected> expected, List<ReferenceAdvisor.Expected> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            ReferenceAdvisor.Expected e = expected.get(i);
            ReferenceAdvisor.Expected a = actual.get(i);
            String where = "recommendation #" + (i + 1);
            if (!e.type().equals(a.type()) || !e.subject().equals(a.subject())) {
                boolean engineHasIt = actual.stream().anyMatch(x -> x.type().equals(e.type()) && x.subject().equals(e.subject()));
                boolean referenceHasIt = expected.stream().anyMatch(x -> x.type().equals(a.type()) && x.subject().equals(a.subject()));
                String kind;
                if (!engineHasIt) {
                    kind = e.type() + " missing from engine";
                } else if (!referenceHasIt) {
                    kind = a.type() + " extra in engine";
                } else {
                    kind = "order";
                }
                return new Difference(kind, where + ": expected " + e.type() + " " + e.subject() + " (" + e.priority()
                        + "), engine has " + a.type() + " " + a.subject() + " (" + a.priority() + ")");
            }
            String subject = where + " " + e.type() + " " + e.subject();
            if (!e.priority().equals(a.priority())) {
                return new Difference(e.type() + ".priority", subject + ": priority expected " + e.priority()
                        + ", engine " + a.priority() + "; expected details " + e.details() + ", engine " + a.details());
            }
            if (!Objects.equals(e.policyId(), a.policyId())) {
                return new Difference(e.type() + ".policyId", subject + ": policyId expected " + e.policyId()
                        + ", engine " + a.policyId());
            }
            Map<String, Object> ed = e.details();
            Map<String, Object> ad = a.details() == null ? Map.of() : a.details();
            Set<String> keys = new TreeSet<>(ed.keySet());
            keys.addAll(ad.keySet());
            for (String key : keys) {
                String path = e.type() + ".details." + key;
                if (ed.containsKey(key) != ad.containsKey(key)) {
                    return new Difference(path + " presence", subject + ": details key '" + key + "' "
                            + (ed.containsKey(key) ? "missing from engine" : "not expected") + "; expected details "
                            + ed + ", engine " + ad);
                }
                boolean keysOnly = e.type().equals("COALITION") && key.equals("gaps");
                String problem = compare(ed.get(key), ad.get(key), keysOnly);
                if (problem != null) {
                    return new Difference(path, subject + ": details." + key + " " + problem + "; expected details "
                            + ed + ", engine " + ad);
                }
            }
        }
        if (expected.size() != actual.size()) {
            boolean engineShort = actual.size() < expected.size();
            ReferenceAdvisor.Expected first = engineShort ? expected.get(n) : actual.get(n);
            return new Difference(first.type() + (engineShort ? " missing from engine" : " extra in engine"),
                    "recommendation #" + (n + 1) + " " + first.type() + " " + first.subject() + " "
                            + (engineShort ? "expected but missing from the engine" : "made by the engine, not expected")
                            + ": " + first.details());
        }
        return null;
    }

    /** Null when equal; else what differs. Doubles compare exactly (bit for bit); so do numeric types. */
    private static String compare(Object e, Object a, boolean mapKeysOnly) {
        if (e == null || a == null) {
            return e == a ? null : "expected " + show(e) + ", engine " + show(a);
        }
        if (e instanceof Number en && a instanceof Number an) {
            if (!e.getClass().equals(a.getClass())) {
                if (en.doubleValue() == an.doubleValue()) {
                    return "same value but of type " + a.getClass().getSimpleName() + " in the engine, "
                            + e.getClass().getSimpleName() + " expected: " + show(e) + " vs " + show(a);
                }
                return "expected " + show(e) + ", engine " + show(a);
            }
            if (e.equals(a)) {
                return null;
            }
            String ulps = "";
            if (e instanceof Double ed && a instanceof Double ad) {
                long distance = Math.abs(Double.doubleToLongBits(ed) - Double.doubleToLongBits(ad));
                ulps = " (" + distance + " ulp apart)";
            }
            return "expected " + show(e) + ", engine " + show(a) + ulps;
        }
        if (e instanceof List<?> el && a instanceof List<?> al) {
            if (el.size() != al.size()) {
                return "expected " + el + ", engine " + al;
            }
            for (int i = 0; i < el.size(); i++) {
                String p = compare(el.get(i), al.get(i), false);
                if (p != null) {
                    return "[" + i + "] " + p + " (expected " + el + ", engine " + al + ")";
                }
            }
            return null;
        }
        if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
            if (!new TreeSet<>(keyStrings(em)).equals(new TreeSet<>(keyStrings(am)))) {
                return "keys: expected " + em.keySet() + ", engine " + am.keySet();
            }
            if (mapKeysOnly) {
                return null;
            }
            for (Map.Entry<?, ?> entry : em.entrySet()) {
                String p = compare(entry.getValue(), am.get(entry.getKey()), false);
                if (p != null) {
                    return "[" + entry.getKey() + "] " + p + " (expected " + em + ", engine " + am + ")";
                }
            }
            return null;
        }
        if (e instanceof CharSequence && a instanceof CharSequence) {
            return e.toString().equals(a.toString()) ? null : "expected " + show(e) + ", engine " + show(a);
        }
        return e.equals(a) ? null : "expected " + show(e) + ", engine " + show(a);
    }

    private static List<String> keyStrings(Map<?, ?> map) {
        return map.keySet().stream().map(String::valueOf).toList();
    }

    private static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            return new BigDecimal(d).toPlainString().length() > 40 ? d + " (" + Double.toHexString(d) + ")"
                    : d + " [exact " + new BigDecimal(d).toPlainString() + "]";
        }
        return value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static String render(List<ReferenceAdvisor.Expected> list) {
        StringBuilder b = new StringBuilder();
        for (ReferenceAdvisor.Expected r : list) {
            b.append("  ").append(r.priority()).append(' ').append(r.type()).append(' ').append(r.subject())
                    .append(' ').append(r.policyId()).append(' ').append(r.details()).append('\n');
        }
        return b.length() == 0 ? "  (none)\n" : b.toString();
    }

    // ------------------------------------------------------------------------------------ generator

    /** One generated case: the seven CSV files and the profile JSON. */
    static final class Case {
        private static final List<String> COUNTRY_POOL = List.of("AUS", "CAN", "CHN", "DEU", "IDN", "IND", "JPN",
                "KOR", "MMR", "USA", "ZAF", "BRA");
        private static final List<String> MINERAL_POOL = List.of("antimony", "cobalt", "dy", "dy2", "dy_oxide",
                "ga", "gallium", "nickel", "rare_earths", "re");
        private static final List<String> COALITION_POOL = List.of("PAX_SILICA", "MSP", "QUAD", "G7", "AUKUS");
        private static final double[] SHARES = {0.6, 0.6, 0.05, 0.05, 0.01, 0.01, 0.049, 0.599, 0.3, 0.2, 0.1, 0.0,
                0.009, 0.7, 0.25, 0.5, 0.35, 0.051, 0.61};
        private static final double[][] IMPORT_SHAPES = {{100}, {50, 50}, {50, 25, 25}, {25, 25, 25, 25},
                {60, 40}, {40, 30, 30}, {20, 20, 20, 20, 20}, {0, 100}, {0, 0}, {25, 75}, {30, 30, 40}, {1, 2, 1},
                {49, 51}, {24, 26, 25, 25}, {37, 13, 50}, {75, 25}, {10, 90},
                // HHI exactly 2,500 in exact arithmetic with the top share below 0.50: the double result
                // depends on the formula's order (10,000 x the sum of squares, as the handbook writes it)
                {40, 15, 15, 15, 15}, {36, 25, 19, 13, 7}, {35, 28, 17, 11, 9}, {43, 12, 12, 11, 11, 11},
                {28, 27, 25, 19, 1}, {35, 29, 13, 12, 11}};
        /** Corridor ids whose code-point order differs from case-insensitive, collated or UTF-16 order. */
        private static final List<String> CORRIDOR_IDS = List.of("P_0", "p_1", "PA", "Pz", "P-2", "a1", "Z9",
                "\uFF21-corr", "\uD83D\uDE00-corr", "\u00E9-1", "e-2", "E_3");
        private static final double[] STOCK_DAYS = {0, 29, 30, 31, 59, 60, 61, 99, 100, 101, 179, 180, 181, 400};
        private static final double[] DEMANDS = {365, 365, 730, 100, 120, 36.5};
        private static final double[] PRICES = {1000, 260000, 56000, 12.5, 1e9, 0, 810000};
        private static final double[] BUDGETS = {0, 0, 1e6, 5e7, 2.5e8, 1e10, 123456.5, 3e5};
        private static final double[] RESOURCES = {0, 1, 99_999, 100_000, 999_999, 1_000_000, 5_000_000};
        private static final double[] CAPACITIES = {0, 0.5, 999, 1000, 4999, 5000, 20000};
        private static final double[] PORTS = {0, 50, 50.5, 51, 150, 151, 300, 300.5, 301, 1200};
        private static final List<String> CLEARANCES = List.of("GRANTED", "PENDING", "REFUSED");

        final long seed;
        final Map<String, String> files = new LinkedHashMap<>();
        String profileJson;
        private ObjectNode profileRoot;
        /** 0: budget as generated; 1: one stockpile's exact cost; 2: the exact sum of all costs. */
        private int budgetMode;

        private final Random rnd;

        private Case(long seed) {
            this.seed = seed;
            this.rnd = new Random(seed);
        }

        static Case generate(long seed) {
            Case c = new Case(seed);
            c.build();
            return c;
        }

        private <T> T pick(List<T> list) {
            return list.get(rnd.nextInt(list.size()));
        }

        private double pick(double[] values) {
            return values[rnd.nextInt(values.length)];
        }

        private boolean chance(double p) {
            return rnd.nextDouble() < p;
        }

        private <T> List<T> sample(List<T> pool, int count) {
            List<T> copy = new ArrayList<>(pool);
            Collections.shuffle(copy, rnd);
            return new ArrayList<>(copy.subList(0, Math.min(count, copy.size())));
        }

        private static String num(double v) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }

        private void build() {
            LocalDate asOf = LocalDate.of(2026, 2, 4).plusDays(rnd.nextInt(801) - 400);
            List<String> countries = sample(COUNTRY_POOL, 3 + rnd.nextInt(6));
            String home = pick(countries);
            List<String> others = new ArrayList<>(countries);
            others.remove(home);

            StringBuilder cs = new StringBuilder("iso3,name,source,as_of\n");
            for (String c : countries) {
                cs.append(c).append(",Country ").append(c).append(",generated,2026\n");
            }
            files.put("countries.csv", cs.toString());

            // minerals
            List<String> minerals = sample(MINERAL_POOL, 3 + rnd.nextInt(4));
            StringBuilder ms = new StringBuilder(
                    "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of\n");
            for (String m : minerals) {
                String price = chance(0.3) ? "" : num(pick(PRICES));
                ms.append(m).append(",Mineral ").append(m).append(",G,").append(chance(0.35)).append(',')
                        .append(chance(0.35)).append(',').append(price).append(",generated,2025-12-31\n");
            }
            files.put("minerals.csv", ms.toString());

            // production: per mineral and stage, shares summing to at most 1
            StringBuilder ps = new StringBuilder("mineral,stage,country,share,source,as_of\n");
            for (String m : minerals) {
                for (String stage : List.of("mining", "refining")) {
                    if (chance(0.3)) {
                        continue;
                    }
                    double sum = 0;
                    double tie = -1;
                    for (String c : sample(countries, 1 + rnd.nextInt(countries.size()))) {
                        double share = tie >= 0 && chance(0.3) ? tie : pick(SHARES);
                        if (c.equals(home) && chance(0.3)) {
                            share = chance(0.5) ? 0.01 : 0.05;
                        }
                        if (sum + share > 1.0) {
                            continue;
                        }
                        sum += share;
                        tie = share;
                        ps.append(m).append(',').append(stage).append(',').append(c).append(',').append(num(share))
                                .append(",generated,2024\n");
                    }
                }
            }
            files.put("production.csv", ps.toString());

            // export controls with windows around asOf
            StringBuilder es = new StringBuilder(
                    "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of\n");
            int measure = 0;
            for (String m : minerals) {
                int n = chance(0.5) ? 0 : 1 + rnd.nextInt(2);
                for (int k = 0; k < n; k++) {
                    String by = chance(0.85) ? pick(others) : home;
                    LocalDate from = asOf.plusDays((long) pick(new double[]{-800, -1, 0, 0, 1, 30}));
                    String until = "";
                    if (chance(0.5)) {
                        LocalDate u = asOf.plusDays((long) pick(new double[]{-1, 0, 1, 365, -30}));
                        until = u.isBefore(from) ? from.toString() : u.toString();
                    }
                    String applies;
                    if (chance(0.5)) {
                        applies = "ALL";
                    } else {
                        Set<String> list = new LinkedHashSet<>(sample(countries, 1 + rnd.nextInt(3)));
                        if (chance(0.5)) {
                            list.add(home);
                        } else {
                            list.remove(home);
                        }
                        if (list.isEmpty()) {
                            list.add(pick(others));
                        }
                        applies = String.join(";", list);
                    }
                    es.append(m).append(',').append(by).append(",M").append(++measure).append(',').append(from)
                            .append(',').append(until).append(',').append(applies).append(",generated,2025\n");
                }
            }
            files.put("export_controls.csv", es.toString());

            // coalitions and members with join dates around asOf
            List<String> coalitions = new ArrayList<>();
            for (String k : COALITION_POOL) {
                if (chance(k.equals("PAX_SILICA") || k.equals("MSP") ? 0.65 : 0.35)) {
                    coalitions.add(k);
                }
            }
            if (coalitions.isEmpty()) {
                coalitions.add(pick(COALITION_POOL));
            }
            while (coalitions.size() > 3) {
                coalitions.remove(rnd.nextInt(coalitions.size()));
            }
            StringBuilder ks = new StringBuilder("id,name,focus,source,as_of\n");
            StringBuilder kms = new StringBuilder("coalition,country,joined,source,as_of\n");
            for (String k : coalitions) {
                ks.append(k).append(",Coalition ").append(k).append(",focus,generated,2026\n");
                for (String c : countries) {
                    if (chance(0.45)) {
                        LocalDate joined = asOf.plusDays((long) pick(new double[]{-2000, -1, 0, 0, 1, 100}));
                        kms.append(k).append(',').append(c).append(',').append(joined).append(",generated,2026\n");
                    }
                }
            }
            files.put("coalitions.csv", ks.toString());
            files.put("coalition_members.csv", kms.toString());

            // corridors on the scoring edges
            StringBuilder cor = new StringBuilder("id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,"
                    + "port_distance_km,power_available,magnet_plant_linked,clearance,source,as_of\n");
            List<String> homeCorridors = new ArrayList<>();
            List<String> foreignCorridors = new ArrayList<>();
            int homeCount = rnd.nextInt(4);
            for (int k = 0; k < homeCount; k++) {
                String id = chance(0.3) ? CORRIDOR_IDS.get(k * 4 + rnd.nextInt(4)) : home + "_C" + k;
                homeCorridors.add(id);
                corridorRow(cor, id, home);
            }
            if (chance(0.4)) {
                String foreign = pick(others);
                String id = foreign + "_C0";
                foreignCorridors.add(id);
                corridorRow(cor, id, foreign);
            }
            files.put("corridors.csv", cor.toString());

            profileJson = profile(home, asOf, others, minerals, coalitions, homeCorridors, foreignCorridors);
            // A second stream, so the v1 cases above stay as they were; some cases keep the v1 files.
            Random v11 = new Random(seed * 7919 + 17);
            if (v11.nextDouble() < 0.65) {
                new PackV11(v11, asOf, home, files).apply();
            }
        }

        private void corridorRow(StringBuilder b, String id, String country) {
            b.append(id).append(',').append(country).append(",Corridor ").append(id).append(",Region,")
                    .append(num(pick(RESOURCES))).append(',').append(num(pick(CAPACITIES))).append(',')
                    .append(num(pick(PORTS))).append(',').append(chance(0.5)).append(',').append(chance(0.5))
                    .append(',').append(pick(CLEARANCES)).append(",generated,2026-02-01\n");
        }

        private String profile(String home, LocalDate asOf, List<String> others, List<String> minerals,
                               List<String> coalitions, List<String> homeCorridors, List<String> foreignCorridors) {
            ObjectNode root = JSON.createObjectNode();
            root.put("country", home);
            root.put("asOf", asOf.toString());
            if (chance(0.7)) {
                ArrayNode memberships = root.putArray("memberships");
                for (String k : coalitions) {
                    if (chance(0.25)) {
                        memberships.add(k);
                    }
                }
            }
            if (chance(0.85)) {
                ObjectNode caps = root.putObject("capabilities");
                for (String flag : List.of("semiconductorFabrication", "semiconductorAssemblyTest", "chipDesign",
                        "investmentScreening", "esgStandards")) {
                    if (chance(0.8)) {
                        caps.put(flag, chance(flag.startsWith("semi") || flag.equals("chipDesign") ? 0.2 : 0.6));
                    }
                }
                if (chance(0.8)) {
                    caps.put("exportControlRegime", pick(List.of("NONE", "PARTIAL", "ALIGNED", "ALIGNED")));
                }
            }
            if (chance(0.65)) {
                root.put("stockpileBudgetUsd", pick(BUDGETS));
                budgetMode = chance(0.3) ? 1 + rnd.nextInt(2) : 0;
            }
            ArrayNode ms = root.putArray("minerals");
            int count = chance(0.08) ? 0 : 1 + rnd.nextInt(Math.min(5, minerals.size()));
            for (String m : sample(minerals, count)) {
                ObjectNode entry = ms.addObject();
                entry.put("mineral", m);
                double demand = pick(DEMANDS);
                entry.put("annualDemandTonnes", demand);
                if (chance(0.8)) {
                    double production = pick(new double[]{0, demand / 2, demand / 2, demand / 2 - 1, demand / 2 + 1,
                            demand, 2 * demand, demand / 4});
                    entry.put("domesticProductionTonnes", Math.max(0, production));
                }
                if (chance(0.85)) {
                    entry.put("stockTonnes", pick(STOCK_DAYS) * demand / 365);
                }
                if (chance(0.6)) {
                    entry.put("defenceUse", chance(0.5));
                }
                if (chance(0.9)) {
                    double[] shape = IMPORT_SHAPES[rnd.nextInt(IMPORT_SHAPES.length)];
                    double scale = pick(new double[]{1, 1, 2, 0.5, 3});
                    ArrayNode imports = entry.putArray("imports");
                    List<String> sources = sample(others, shape.length);
                    for (int k = 0; k < sources.size(); k++) {
                        ObjectNode row = imports.addObject();
                        row.put("from", sources.get(k));
                        row.put("tonnes", shape[k] * scale);
                    }
                }
            }
            if (chance(0.6)) {
                ArrayNode cs = root.putArray("corridors");
                int n = 1 + rnd.nextInt(4);
                Set<String> used = new LinkedHashSet<>();
                for (int k = 0; k < n; k++) {
                    String id;
                    if (!homeCorridors.isEmpty() && chance(0.4)) {
                        id = pick(homeCorridors);
                    } else if (!foreignCorridors.isEmpty() && chance(0.2)) {
                        id = pick(foreignCorridors);
                    } else {
                        id = pick(CORRIDOR_IDS);
                    }
                    if (!used.add(id)) {
                        continue;
                    }
                    ObjectNode c = cs.addObject();
                    c.put("id", id);
                    if (chance(0.5)) {
                        c.put("name", "Profile corridor " + id);
                    }
                    c.put("resourceTonnesReo", pick(RESOURCES));
                    c.put("separationCapacityTpa", pick(CAPACITIES));
                    c.put("portDistanceKm", pick(PORTS));
                    c.put("powerAvailable", chance(0.5));
                    c.put("magnetPlantLinked", chance(0.5));
                    c.put("clearance", pick(CLEARANCES));
                }
            }
            profileRoot = root;
            return json(root);
        }

        private static String json(ObjectNode root) {
            try {
                return JSON.writeValueAsString(root);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Puts the budget exactly on a stockpile's cost or on the sum of all costs (both unknowable before
         * the fact base exists), so that FULL / PARTIAL / UNFUNDED are decided on an exact tie. True when
         * the profile changed.
         */
        boolean budgetFromCosts(List<ReferenceAdvisor.Expected> expected) {
            List<Double> costs = new ArrayList<>();
            for (ReferenceAdvisor.Expected e : expected) {
                if (e.type().equals("STOCKPILE") && e.details().get("estimatedCostUsd") instanceof Double cost) {
                    costs.add(cost);
                }
            }
            if (budgetMode == 0 || costs.isEmpty()) {
                return false;
            }
            double budget;
            if (budgetMode == 1) {
                budget = costs.get(rnd.nextInt(costs.size()));
            } else {
                budget = 0;
                for (double cost : costs) {
                    budget += cost;
                }
            }
            profileRoot.put("stockpileBudgetUsd", budget);
            profileJson = json(profileRoot);
            return true;
        }

        void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        }

        String dump() {
            StringBuilder b = new StringBuilder("--- fact base (seed " + seed + ")\n");
            files.forEach((name, text) -> b.append("# ").append(name).append('\n').append(text));
            b.append("--- profile\n").append(profileJson).append('\n');
            return b.toString();
        }
    }
}

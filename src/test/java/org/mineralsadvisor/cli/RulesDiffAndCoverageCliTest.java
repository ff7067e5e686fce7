package org.mineralsadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.audit.AuditRecord;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.testing.Directories;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rules test}'s coverage table and JUnit report, and {@code rules diff}. */
class RulesDiffAndCoverageCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SAMPLES = List.of("germany.json", "india.json", "japan.json", "singapore.json");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path samples() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("profiles"));
        for (String name : SAMPLES) {
            Files.copy(Path.of("samples", name), dir.resolve(name));
        }
        return dir;
    }

    private Path raisedTier1() throws IOException {
        return org.mineralsadvisor.testing.RuleSets.raisedTier1(tmp.resolve("candidate"));
    }

    @Test
    void rules_test_prints_the_coverage_table_with_the_unfired_first_and_writes_junit_xml() throws Exception {
        Path junit = tmp.resolve("report.xml");
        Run run = run("rules", "test", "--junit", junit.toString(), "rules/tests/stockpile/reliance.yaml");
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("coverage: ")).findFirst().orElseThrow());
        assertThat(lines.get(header)).contains("rules fired by a scenario; policies no scenario fires: ")
                .contains("COR-GATE");
        assertThat(lines.get(header + 1)).contains("fired").contains("policy").contains("file:line").contains("rule");
        List<String> rows = lines.subList(header + 2, lines.size());
        assertThat(rows).hasSize(new RuleSetCompiler().compile(Path.of("rules")).rules().size());
        // unfired rules first: once a row has a count, no NONE follows
        int firstCounted = rows.indexOf(rows.stream().filter(r -> !r.strip().startsWith("NONE")).findFirst().orElseThrow());
        assertThat(firstCounted).isPositive();
        assertThat(rows.subList(firstCounted, rows.size())).noneMatch(r -> r.strip().startsWith("NONE"));
        assertThat(rows).anyMatch(r -> r.matches("\\s+NONE\\s+COR-GATE\\s+rules/corridors\\.drl:\\d+\\s+Corridor with .*"));
        assertThat(rows).anyMatch(r -> r.matches("\\s+\\d+\\s+STK-RELIANCE\\s+rules/stockpile\\.drl:\\d+\\s+.+"));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
        int cases = org.mineralsadvisor.scenario.ScenarioFiles.read(Path.of("rules"),
                Path.of("rules/tests/stockpile/reliance.yaml")).size();
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(cases);
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void rules_test_with_a_failing_case_exits_1_and_the_junit_report_holds_its_failure() throws Exception {
        Path scenario = tmp.resolve("wrong.yaml");
        Files.writeString(scenario, """
                note: wrong target
                profile:
                  country: IND
                  asOf: "2026-02-04"
                  minerals:
                    - { mineral: lithium, annualDemandTonnes: 100, domesticProductionTonnes: 50, imports: [ { from: CHL, tonnes: 50 } ] }
                want: [ { type: STOCKPILE, subject: lithium, details: { targetDays: 61 } } ]
                """);
        Path junit = tmp.resolve("report.xml");
        Run run = run("rules", "test", "--junit", junit.toString(), scenario.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + scenario + ":1: wrong target\n"
                + "  no recommendation matches STOCKPILE lithium — targetDays 61; closest:\n"
                + "    STOCKPILE lithium ").contains("0 passed, 1 failed");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(((org.w3c.dom.Element) doc.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .startsWith("expected STOCKPILE lithium — targetDays 61, actual STOCKPILE lithium ");
    }

    /** The line of the shipped catalogue that holds {@code text} (1-based). */
    private static int lineOf(String text) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of("rules", "policies.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in rules/policies.yaml");
    }

    @Test
    void a_raised_corridor_threshold_reports_exactly_the_one_corridor_it_moves() throws IOException {
        Path candidate = raisedTier1();
        Run run = run("rules", "diff", "--base", "rules", "--candidate", candidate.toString(),
                "--profiles", samples().toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("base      sha256:");
        assertThat(lines.get(1)).startsWith("candidate sha256:");
        assertThat(lines.get(2)).startsWith("fact base sha256:").endsWith("; 4 profile(s) from " + tmp.resolve("profiles"));
        assertThat(lines.subList(4, 8)).containsExactly(
                "Rules changed: 1, added: 0, removed: 0",
                "~ rule \"Rank the scored corridors and give each its tier\" (COR-RANK) rules/corridors.drl:194",
                "    changed: parameters",
                "    tier_1_min_score (COR-RANK): 70 → 85   (rules/policies.yaml:" + lineOf("tier_1_min_score:") + ")");
        assertThat(lines.get(8)).matches("    covered by [0-9]+ scenarios: tests/corridors/.*, and [0-9]+ more");
        assertThat(lines.subList(10, lines.size())).containsExactly(
                "india.json  ~ CORRIDOR IND_REC_ANDHRA priority HIGH → MEDIUM; tier TIER_1 → TIER_2",
                "",
                "1 of 4 profile(s) changed (3 unchanged)",
                "by type:",
                "  CORRIDOR  +0 added  -0 removed  ~1 changed",
                "by policy:",
                "  COR-RANK  +0 added  -0 removed  ~1 changed");
        assertThat(run.err()).isEmpty();

        Run json = run("rules", "diff", "--base", "rules", "--candidate", candidate.toString(),
                "--profiles", tmp.resolve("profiles").toString(), "--format", "json");
        assertThat(json.code()).isZero();
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.has("rules")).isTrue();
        assertThat(report.at("/impact/profiles").asInt()).isEqualTo(4);
        assertThat(report.at("/impact/changed").asInt()).isEqualTo(1);
        assertThat(report.at("/impact/impacts")).hasSize(1);
        assertThat(report.at("/impact/impacts/0/label").asText()).isEqualTo("india.json");
        assertThat(report.at("/impact/impacts/0/changes/0/kind").asText()).isEqualTo("CHANGED");
        assertThat(report.at("/impact/impacts/0/changes/0/fields/0/field").asText()).isEqualTo("priority");
        assertThat(report.at("/impact/impacts/0/changes/0/fields/1/field").asText()).isEqualTo("details.tier");
        assertThat(report.at("/impact/byPolicy/COR-RANK/changed").asInt()).isEqualTo(1);
    }

    @Test
    void identical_rule_sets_report_no_changes_and_jsonl_lines_are_profiles_too() throws IOException {
        Path profiles = samples();
        Files.writeString(profiles.resolve("more.jsonl"), Files.readString(Path.of("samples/japan.json")).replaceAll("\\s*\n\\s*", " ")
                + "\n\n{\"country\": \"IND\"}\n");
        Run run = run("rules", "diff", "--base", "rules", "--candidate",
                Directories.copy(Path.of("rules"), tmp.resolve("copy")).toString(), "--profiles", profiles.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("; 6 profile(s) from ")
                .contains("more.jsonl:3  invalid: /asOf: required")
                .contains("no changes: 5 of 6 profile(s) get the same recommendations under both rule sets, 1 invalid");
    }

    @Test
    void stored_versions_and_stored_inputs_come_from_the_audit_store() throws IOException {
        Path db = tmp.resolve("audit.db");
        RuleSet shipped = new RuleSetCompiler().compile(Path.of("rules"));
        RuleSet raised = new RuleSetCompiler().compile(raisedTier1());
        try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new SimpleMeterRegistry())) {
            store.storeRuleSet(shipped.version(), shipped.sources());
            store.storeRuleSet(raised.version(), raised.sources());
            Instant day = Instant.parse("2026-03-01T12:00:00Z");
            for (int i = 0; i < SAMPLES.size(); i++) {
                store.append(AuditRecord.of("adv_" + i, day.plusSeconds(86_400L * i), "IND", "2026-02-04", "officer",
                        "o1", shipped.version(), "sha256:" + "b".repeat(64),
                        Files.readString(Path.of("samples", SAMPLES.get(i))), "{}", List.of(), Set.of()));
            }
        }
        Run run = run("rules", "diff", "--base", shipped.version(), "--candidate", raised.version(),
                "--db", db.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("; 4 profile(s) from sqlite ")
                .contains("adv_1  ~ CORRIDOR IND_REC_ANDHRA priority HIGH → MEDIUM; tier TIER_1 → TIER_2")
                .contains("1 of 4 profile(s) changed (3 unchanged)");

        // newest first, since a date, at most --limit
        Run since = run("rules", "diff", "--base", shipped.version(), "--candidate", raised.version(),
                "--db", db.toString(), "--since", "2026-03-03", "--limit", "1");
        assertThat(since.code()).as(since.err()).isZero();
        assertThat(since.out()).contains("; 1 profile(s) from ").contains("no changes: 1 of 1");
        Run india = run("rules", "diff", "--base", shipped.version(), "--candidate", "rules",
                "--db", db.toString(), "--since", "2026-03-02T00:00:00Z", "--format", "json");
        assertThat(JSON.readTree(india.out()).at("/impact/profiles").asInt()).isEqualTo(3);

        Run unknown = run("rules", "diff", "--base", "sha256:" + "0".repeat(64), "--candidate", "rules",
                "--db", db.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: --base: no rule set sha256:" + "0".repeat(64) + " in the audit store sqlite ");
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void bad_usage_and_missing_input_are_plain_errors_with_exit_2() throws IOException {
        Path profiles = samples();
        Path missing = tmp.resolve("nowhere");
        Run noDir = run("rules", "diff", "--base", "rules", "--candidate", missing.toString(), "--profiles", profiles.toString());
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.err()).isEqualTo("error: --candidate: no rules directory at " + missing.toAbsolutePath()
                + " (give a rules directory or a stored version sha256:…)\n");

        Run version = run("rules", "diff", "--base", "sha256:abc", "--candidate", "rules", "--profiles", profiles.toString());
        assertThat(version.code()).isEqualTo(2);
        assertThat(version.err()).contains("error: --base sha256:abc is a version: give --db");

        Run noSource = run("rules", "diff", "--base", "rules", "--candidate", "rules");
        assertThat(noSource.code()).isEqualTo(2);
        assertThat(noSource.err()).contains("--profiles DIR, or --db URL_OR_PATH");

        Run noStore = run("rules", "diff", "--base", "rules", "--candidate", "rules", "--db", missing.resolve("a.db").toString());
        assertThat(noStore.code()).isEqualTo(2);
        assertThat(noStore.err()).contains("error: no audit store at " + missing.resolve("a.db").toAbsolutePath());

        Run badDate = run("rules", "diff", "--base", "rules", "--candidate", "rules", "--db", "x.db", "--since", "yesterday");
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).contains("--since yesterday is not a date");

        Run empty = run("rules", "diff", "--base", "rules", "--candidate", "rules",
                "--profiles", Files.createDirectory(tmp.resolve("empty")).toString());
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("no profiles (*.json or *.jsonl files) in ");

        Run format = run("rules", "diff", "--base", "rules", "--candidate", "rules", "--profiles", profiles.toString(),
                "--format", "yaml");
        assertThat(format.code()).isEqualTo(2);

        Path broken = Directories.copy(Path.of("rules"), tmp.resolve("broken"));
        Files.writeString(broken.resolve("broken.drl"), "package minerals.advisor;\nrule \"x\" when then end end\n");
        Run compile = run("rules", "diff", "--base", "rules", "--candidate", broken.toString(), "--profiles", profiles.toString());
        assertThat(compile.code()).isEqualTo(1);
        assertThat(compile.err()).contains("error: the candidate rule set " + broken + " does not compile:")
                .contains("rules/broken.drl:2:");
        assertThat(run("rules", "diff", "--help").code()).isZero();
    }
}

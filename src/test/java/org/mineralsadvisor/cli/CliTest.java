package org.mineralsadvisor.cli;

import org.mineralsadvisor.testing.Directories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String... args) {
        return runWithInput(new byte[0], args);
    }

    private static Run runWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new java.io.ByteArrayInputStream(stdin), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void evaluates_one_file_into_one_advice_document() throws IOException {
        Run run = run("evaluate", "samples/india.json");
        assertThat(run.code()).isZero();
        JsonNode advice = JSON.readTree(run.out());
        assertThat(advice.get("country").asText()).isEqualTo("IND");
        assertThat(advice.get("id").asText()).startsWith("adv_");
        assertThat(advice.get("recommendations")).isNotEmpty();
        assertThat(advice.get("trace")).isNotEmpty();
        assertThat(advice.at("/ruleSet/version").asText()).startsWith("sha256:");
    }

    @Test
    void evaluates_several_files_into_json_lines_in_the_order_given_and_reports_invalid_ones() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"country\": \"IND\", \"asOf\": \"2026-02-04\", \"minerals\": [{\"mineral\": \"galium\", \"annualDemandTonnes\": 0}]}");
        Run run = run("evaluate", "samples/japan.json", bad.toString(), "samples/india.json");
        assertThat(run.code()).isEqualTo(2);
        List<String> lines = run.lines();
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.get(0)).get("country").asText()).isEqualTo("JPN");
        JsonNode invalid = JSON.readTree(lines.get(1));
        assertThat(invalid.get("input").asText()).isEqualTo(bad.toString());
        assertThat(invalid.get("errors")).extracting(e -> e.get("pointer").asText())
                .containsExactly("/minerals/0/mineral", "/minerals/0/annualDemandTonnes");
        assertThat(JSON.readTree(lines.get(2)).get("country").asText()).isEqualTo("IND");
    }

    @Test
    void evaluate_dash_reads_the_profile_from_standard_input() throws IOException {
        Run run = runWithInput(Files.readAllBytes(Path.of("samples/india.json")), "evaluate", "-");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("country").asText()).isEqualTo("IND");
        assertThat(run("evaluate", "--help").out()).contains("- reads one from standard input");
    }

    @Test
    void standard_input_mixes_with_files_in_the_order_given() throws IOException {
        byte[] invalid = "{\"country\": \"IND\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Run run = runWithInput(invalid, "evaluate", "samples/japan.json", "-", "samples/india.json");
        assertThat(run.code()).isEqualTo(2);
        List<String> lines = run.lines();
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.get(0)).get("country").asText()).isEqualTo("JPN");
        assertThat(JSON.readTree(lines.get(1)).get("input").asText()).isEqualTo("-");
        assertThat(JSON.readTree(lines.get(1)).at("/errors/0/code").asText()).isEqualTo("malformed_json");
        assertThat(JSON.readTree(lines.get(2)).get("country").asText()).isEqualTo("IND");
    }

    @Test
    void a_single_invalid_file_exits_2_with_its_errors() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"country\": \"IND\"");
        Run run = run("evaluate", bad.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(JSON.readTree(run.out()).at("/errors/0/code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void evaluates_against_another_fact_base_and_rules_directory() throws IOException {
        Path facts = Directories.copy(Path.of("facts"), tmp.resolve("facts"));
        Path rules = Directories.copy(Path.of("rules"), tmp.resolve("myrules"));
        Run run = run("evaluate", "--facts", facts.toString(), "--rules", rules.toString(), "samples/india.json");
        assertThat(run.code()).isZero();
        JsonNode advice = JSON.readTree(run.out());
        // Files are named within the rule set, wherever its directory lives.
        assertThat(advice.at("/trace/0/ruleFile").asText()).startsWith("rules/");
    }

    @Test
    void rules_check_passes_on_the_shipped_pack() {
        Run run = run("rules", "check");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("ok: ").contains("20 of 20 catalogued policies (ADV-WARNINGS computed by the service)");
    }

    @Test
    void rules_check_fails_with_located_messages() throws IOException {
        Path rules = Directories.copy(Path.of("rules"), tmp.resolve("rules"));
        Path drl = rules.resolve("stockpile.drl");
        Files.writeString(drl, Files.readString(drl).replace("@policyId(\"STK-DEFENCE\")", "@policyId(\"STK-DEFENSE\")"));
        Path facts = Directories.copy(Path.of("facts"), tmp.resolve("facts"));
        Files.writeString(facts.resolve("production.csv"), Files.readString(facts.resolve("production.csv")) + "gallium,refining,XXY,0.1,x,2024\n");
        Run run = run("rules", "check", "--rules", rules.toString(), "--facts", facts.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("rules/stockpile.drl:").contains("cites policy STK-DEFENSE")
                .contains("warning: policy STK-DEFENCE").containsPattern("facts/production.csv:\\d+:3: unknown_country");
    }

    @Test
    void rules_check_fails_on_an_explanation_reading_a_misspelt_property() throws IOException {
        Path rules = Directories.copy(Path.of("rules"), tmp.resolve("rules"));
        Path drl = rules.resolve("stockpile.drl");
        Files.writeString(drl, Files.readString(drl).replace("{i.importReliance|pct}", "{i.importRelianse|pct}"));
        Run run = run("rules", "check", "--rules", rules.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).containsPattern("rules/stockpile\\.drl:\\d+:\\d+: explain_unknown_property: .*"
                + "\\{i\\.importRelianse\\|pct}, but MineralIndicators has no property importRelianse; did you mean importReliance\\?");
        Run evaluate = run("evaluate", "--rules", rules.toString(), "samples/india.json");
        assertThat(evaluate.code()).isEqualTo(1);
        assertThat(evaluate.err()).contains("explain_unknown_property");
    }

    @Test
    void rule_problems_name_the_file_in_the_directory_given_with_rules() throws IOException {
        Path rules = Directories.copy(Path.of("rules"), tmp.resolve("myrules"));
        Path drl = rules.resolve("stockpile.drl");
        Files.writeString(drl, Files.readString(drl).replaceFirst("agenda-group \"([a-z-]+)\"", "agenda-group \"asessment\""));
        String shown = rules.normalize().toString().replace('\\', '/') + "/stockpile.drl:";
        Run check = run("rules", "check", "--rules", rules.toString());
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(shown) + "\\d+:\\d+: stage_unknown: "
                + ".*did you mean \"assessment\"\\?").doesNotContain("\nrules/stockpile.drl");
        Run evaluate = run("evaluate", "--rules", rules.toString(), "samples/india.json");
        assertThat(evaluate.code()).isEqualTo(1);
        assertThat(evaluate.err()).startsWith(shown);
        Run test = run("rules", "test", "--rules", rules.toString());
        assertThat(test.code()).isEqualTo(1);
        assertThat(test.err()).startsWith(shown);
    }

    @Test
    void rules_test_runs_the_scenarios() {
        Run run = run("rules", "test");
        assertThat(run.out()).containsPattern("\\d+ passed, 0 failed");
        assertThat(run.code()).isZero();
    }

    @Test
    void rules_test_runs_only_the_scenario_files_and_directories_given() throws IOException {
        Path reliance = Path.of("rules/tests/stockpile/reliance.yaml");
        int cases = org.mineralsadvisor.scenario.ScenarioFiles.read(Path.of("rules"), reliance).size();
        Run one = run("rules", "test", reliance.toString());
        assertThat(one.code()).isZero();
        assertThat(one.out()).contains(cases + " passed, 0 failed");

        Path directory = Path.of("rules/tests/corridors");
        int inDirectory = 0;
        for (Path file : org.mineralsadvisor.scenario.ScenarioFiles.select(List.of(directory))) {
            inDirectory += org.mineralsadvisor.scenario.ScenarioFiles.read(Path.of("rules"), file).size();
        }
        Run both = run("rules", "test", reliance.toString(), directory.toString());
        assertThat(both.out()).contains((cases + inDirectory) + " passed, 0 failed");

        Run missing = run("rules", "test", tmp.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("error: no scenario file or directory at " + tmp.resolve("nope.yaml"));
    }

    @Test
    void rules_test_prints_a_failing_case_located_and_in_words() throws IOException {
        Path scenario = tmp.resolve("typo.yaml");
        Files.writeString(scenario, """
                cases:
                  - note: a typo in fired
                    profile:
                      country: IND
                      asOf: "2026-02-04"
                      minerals: [ { mineral: lithium, annualDemandTonnes: 100 } ]
                    fired: [STK-RELIANT]
                """);
        Run run = run("rules", "test", scenario.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + scenario + ":2: a typo in fired\n"
                + "  " + scenario + ":7:13: unknown policy id 'STK-RELIANT' in fired; did you mean 'STK-RELIANCE'?\n")
                .contains("0 passed, 1 failed");
    }

    @Test
    void every_command_that_loads_rules_and_facts_names_a_missing_directory_plainly() throws IOException {
        Path noRules = tmp.resolve("no-rules");
        Path emptyFacts = Files.createDirectory(tmp.resolve("empty-facts"));
        List<String[]> commands = List.of(
                new String[]{"evaluate", "samples/india.json"},
                new String[]{"rules", "check"},
                new String[]{"rules", "test"},
                new String[]{"serve", "--port", "0", "--db", tmp.resolve("advisor.db").toString()});
        for (String[] command : commands) {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.addAll(command[0].equals("rules") ? 2 : 1, List.of("--rules", noRules.toString(), "--facts", emptyFacts.toString()));
            Run run = run(args.toArray(String[]::new));
            assertThat(run.code()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(run.err()).as(String.join(" ", command))
                    .contains("error: no rules directory at " + noRules.toAbsolutePath() + ": it does not exist; "
                            + "pass --rules DIR (or set ADVISOR_RULES), or run from the project directory")
                    .contains("error: the fact-base directory " + emptyFacts.toAbsolutePath()
                            + " holds no CSV files; pass --facts DIR (or set ADVISOR_FACTS)");
            assertThat(run.out() + run.err()).as(String.join(" ", command)).doesNotContain(":0:0");
        }
    }

    @Test
    void run_outside_the_project_directory_it_says_which_directories_it_looked_for() throws Exception {
        Path profile = Path.of("samples/india.json").toAbsolutePath();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "evaluate", profile.toString())
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isEqualTo(1);
        Path here = tmp.toRealPath();
        assertThat(output).contains("no rules directory at " + here.resolve("rules")).contains("--rules DIR")
                .contains("no fact-base directory at " + here.resolve("facts")).contains("--facts DIR")
                .doesNotContain(":0:0");
    }

    @Test
    void a_broken_rule_set_stops_evaluate_with_exit_1_and_located_errors() throws IOException {
        Path rules = Directories.copy(Path.of("rules"), tmp.resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), "package minerals.advisor;\nrule \"x\" when then end end\n");
        Run run = run("evaluate", "--rules", rules.toString(), "samples/india.json");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("rules/broken.drl:2:");
    }

    @Test
    void every_command_has_help() {
        for (String[] args : List.of(new String[]{"--help"}, new String[]{"evaluate", "--help"},
                new String[]{"rules", "--help"}, new String[]{"rules", "check", "--help"},
                new String[]{"rules", "test", "--help"})) {
            Run run = run(args);
            assertThat(run.code()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Usage: advisor");
        }
    }
}

package org.mineralsadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.testing.Directories;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code advisor evaluate --scenario FILE PROFILE}. */
class ShockScenarioCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path scenario(String version, String... changes) throws Exception {
        Path file = tmp.resolve("shock.yaml");
        Files.writeString(file, String.join("\n", "name: shock", "title: Test shock", "factBase: " + version,
                "changes:", String.join("\n", changes)) + "\n");
        return file;
    }

    @Test
    void prints_the_baseline_the_scenario_advice_and_their_difference_and_leaves_the_facts_alone() throws Exception {
        Path facts = Directories.copy(Path.of("facts"), tmp.resolve("facts"));
        Map<String, byte[]> before = new HashMap<>();
        try (var files = Files.list(facts)) {
            for (Path f : files.toList()) {
                before.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        String version = new FactBaseLoader().load(facts).version();
        Path shock = scenario(version, "  - file: export_controls.csv", "    remove: {mineral: nickel}");
        Run run = run("evaluate", "--facts", facts.toString(), "--no-trace", "--scenario", shock.toString(),
                "samples/india.json");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.at("/scenario/name").asText()).isEqualTo("shock");
        assertThat(report.at("/scenario/appliedTo").asText()).isEqualTo(version);
        assertThat(report.at("/baseline/factBase/version").asText()).isEqualTo(version);
        assertThat(report.at("/scenarioAdvice/factBase/version").asText()).isEqualTo(report.at("/scenario/factBase").asText())
                .isNotEqualTo(version);
        assertThat(report.at("/difference/recommendations")).isNotEmpty();
        // The baseline is the advice evaluate gives without a scenario.
        JsonNode plain = JSON.readTree(run("evaluate", "--facts", facts.toString(), "--no-trace", "samples/india.json").out());
        assertThat(withoutVolatile(report.get("baseline"))).isEqualTo(withoutVolatile(plain));
        try (var files = Files.list(facts)) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(f)).as(f.toString()).isEqualTo(before.get(f.getFileName().toString()));
            }
        }
    }

    @Test
    void a_scenario_that_does_not_apply_is_exit_2_with_file_line_and_column() throws Exception {
        String version = new FactBaseLoader().load(Path.of("facts")).version();
        Path shock = scenario(version, "  - file: export_controls.csv", "    remove: {mineral: nickel}",
                "  - file: export_controls.csv", "    change: {mineral: unobtainium}", "    set: {measure: BAN}");
        Run run = run("evaluate", "--scenario", shock.toString(), "samples/india.json");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo(shock + ":7:5: no_match: no row of export_controls.csv has "
                + "mineral = 'unobtainium' (after the changes before this one)");

        Files.writeString(shock, "name: shock\nchanges: [\n");
        Run broken = run("evaluate", "--scenario", shock.toString(), "samples/india.json");
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).startsWith(shock + ":2:").contains("malformed_yaml").doesNotContain("Exception");

        Run missing = run("evaluate", "--scenario", tmp.resolve("nope.yaml").toString(), "samples/india.json");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: not_found: no such file");
    }

    private static JsonNode withoutVolatile(JsonNode advice) {
        ObjectNode copy = advice.deepCopy();
        copy.remove("id");
        copy.remove("evaluatedAt");
        return copy;
    }
}

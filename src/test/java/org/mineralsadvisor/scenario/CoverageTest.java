package org.mineralsadvisor.scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.rules.RuleInfo;
import org.mineralsadvisor.scenario.Coverage.RuleCoverage;
import org.mineralsadvisor.service.Knowledge;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Coverage counts the scenarios that fired each rule; the JUnit report holds the same results. */
class CoverageTest {
    private static Knowledge knowledge;

    @TempDir
    Path rules;

    @BeforeAll
    static void shippedRules() {
        knowledge = Knowledge.load(Path.of("rules"), Path.of("facts"));
    }

    private static final String LITHIUM = """
                profile:
                  country: IND
                  asOf: "2026-02-04"
                  minerals:
                    - mineral: lithium
                      annualDemandTonnes: 100
                      domesticProductionTonnes: 50
                      imports: [ { from: CHL, tonnes: 50 } ]
            """;

    private Path scenarioFile(String name, String yaml) throws IOException {
        Path file = Files.createDirectories(rules.resolve("tests")).resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private ScenarioReport report(Path... files) {
        return ScenarioReport.run(knowledge, Path.of("facts"), rules, List.of(files));
    }

    private static RuleCoverage carrying(Coverage coverage, String policyId) {
        return coverage.rules().stream().filter(r -> r.policyId().equals(policyId)).findFirst().orElseThrow();
    }

    @Test
    void counts_each_scenario_that_fired_a_rule_passing_or_not_and_lists_the_unfired_first() throws IOException {
        Path file = scenarioFile("lithium.yaml", "cases:\n"
                + "  - note: passes\n" + LITHIUM + "    fired: [STK-RELIANCE]\n"
                + "  - note: fails\n" + LITHIUM + "    fired: [COR-GATE]\n"
                + "  - note: rejected\n    profile: { country: IND, asOf: \"2026-02-04\", minerals: [ { mineral: galium, annualDemandTonnes: 1 } ] }\n"
                + "    want_errors: [ { code: unknown_mineral } ]\n");
        ScenarioReport report = report(file);
        assertThat(report.passed()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        Coverage coverage = report.coverage();

        assertThat(coverage.rules()).hasSize(knowledge.rules().rules().size());
        assertThat(carrying(coverage, "STK-RELIANCE").firedBy()).isEqualTo(2);
        assertThat(carrying(coverage, "COR-GATE").firedBy()).isZero();
        // Unfired rules come first, then the fired ones.
        int firstFired = coverage.rules().indexOf(coverage.rules().stream().filter(r -> r.firedBy() > 0).findFirst().orElseThrow());
        assertThat(coverage.rules().subList(0, firstFired)).allMatch(r -> r.firedBy() == 0);
        assertThat(coverage.rules().subList(firstFired, coverage.rules().size())).allMatch(r -> r.firedBy() > 0);
        assertThat(coverage.unfiredRules()).hasSize(firstFired);

        RuleInfo gate = knowledge.rules().rules().stream().filter(r -> r.policyId().equals("COR-GATE")).findFirst().orElseThrow();
        assertThat(coverage.unfiredRules()).contains(gate.file() + ":" + gate.line() + ": " + gate.name());
        assertThat(coverage.unfiredPolicies()).contains("COR-GATE", "STK-DEFENCE")
                .doesNotContain("STK-RELIANCE", "STK-CONCENTRATION");
        assertThat(coverage.table().get(0)).startsWith("coverage: " + (coverage.rules().size() - firstFired) + " of "
                + coverage.rules().size() + " rules fired by a scenario; policies no scenario fires: ");
        assertThat(coverage.table().get(2)).contains("NONE");

        // The gate shows the same report as JSON.
        com.fasterxml.jackson.databind.JsonNode json = org.mineralsadvisor.advice.AdviceJson.mapper().valueToTree(report);
        assertThat(json.get("passed").asInt()).isEqualTo(2);
        assertThat(json.get("failed").asInt()).isEqualTo(1);
        assertThat(json.at("/scenarios/1/name").asText()).isEqualTo("fails");
        assertThat(json.at("/scenarios/1/passed").asBoolean()).isFalse();
        assertThat(json.at("/scenarios/1/failures/0/expected").asText()).isEqualTo("COR-GATE fires");
        assertThat(json.at("/scenarios/1/failures/0/actual").asText()).startsWith("fired: ").contains("STK-RELIANCE");
        assertThat(json.at("/coverage/rules/0/firedBy").asInt()).isZero();
        assertThat(json.at("/coverage/rules/0/policyId").isTextual()).isTrue();
        assertThat(json.at("/coverage/unfiredPolicies")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .contains("COR-GATE");
        assertThat(json.at("/coverage").has("table")).isFalse();
    }

    @Test
    void the_shipped_tests_directory_passes_and_fires_every_rule_and_policy() {
        ScenarioReport report = ScenarioReport.run(knowledge, Path.of("rules", ScenarioFiles.DIRECTORY));
        assertThat(report.failed()).as(report.scenarios().stream().filter(o -> !o.passed()).toList().toString()).isZero();
        assertThat(report.passed()).isEqualTo(report.scenarios().size()).isGreaterThan(100);
        assertThat(report.scenarios()).allMatch(o -> o.file().startsWith("tests/"));
        assertThat(report.coverage().unfiredRules()).isEmpty();
        assertThat(report.coverage().unfiredPolicies()).isEmpty();
    }

    @Test
    void every_rule_fired_leaves_nothing_unfired() {
        Set<String> all = new java.util.TreeSet<>();
        knowledge.rules().rules().forEach(r -> all.add(Coverage.key(r.file(), r.name())));
        Scenario scenario = ScenarioFiles.read(Path.of("rules"), Path.of("rules/tests/stockpile/readme-example.yaml")).get(0);
        Coverage coverage = Coverage.of(knowledge.rules(), List.of(new ScenarioResult(scenario, List.of(), all),
                new ScenarioResult(scenario, List.of(), Set.of())));
        assertThat(coverage.unfiredRules()).isEmpty();
        assertThat(coverage.unfiredPolicies()).isEmpty();
        assertThat(coverage.rules()).allMatch(r -> r.firedBy() == 1);
        assertThat(coverage.table().get(0)).endsWith("; every catalogued policy fired");
    }

    @Test
    void the_junit_report_has_a_suite_per_file_a_case_per_scenario_and_the_failures_as_expected_against_actual()
            throws Exception {
        Path first = scenarioFile("a.yaml", "cases:\n"
                + "  - note: passes\n" + LITHIUM + "    fired: [STK-RELIANCE]\n"
                + "  - note: wrong target <&>\n" + LITHIUM
                + "    want: [ { type: STOCKPILE, subject: lithium, details: { targetDays: 61 } } ]\n");
        Path second = scenarioFile("b.yaml", "note: not fired\n" + LITHIUM.indent(-4) + "not_fired: [STK-RELIANCE]\n");
        ScenarioReport report = report(first, second);
        String xml = JUnitXml.write(report);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element a = (Element) suites.item(0);
        assertThat(a.getAttribute("name")).isEqualTo("tests/a.yaml");
        assertThat(List.of(a.getAttribute("tests"), a.getAttribute("failures"), a.getAttribute("errors"),
                a.getAttribute("skipped"))).containsExactly("2", "1", "0", "0");
        assertThat(a.getAttribute("time")).matches("\\d+\\.\\d{3}");
        NodeList cases = a.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element failing = (Element) cases.item(1);
        assertThat(failing.getAttribute("classname")).isEqualTo("tests.a");
        assertThat(failing.getAttribute("name")).isEqualTo("line 12: wrong target <&>");
        Element failure = (Element) failing.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("ScenarioMismatch");
        assertThat(failure.getAttribute("message"))
                .startsWith("expected STOCKPILE lithium — targetDays 61, actual STOCKPILE lithium HIGH — ");
        assertThat(failure.getTextContent()).contains("no recommendation matches STOCKPILE lithium — targetDays 61");
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();

        Element b = (Element) suites.item(1);
        assertThat(b.getAttribute("failures")).isEqualTo("1");
        assertThat(((Element) b.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("expected STK-RELIANCE does not fire, actual STK-RELIANCE fired");
    }
}

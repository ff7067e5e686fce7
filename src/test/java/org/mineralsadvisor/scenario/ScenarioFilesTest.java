package org.mineralsadvisor.scenario;

import org.mineralsadvisor.service.Knowledge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How scenario files are read and how their failures read: located, one broken case at a time, in words. */
class ScenarioFilesTest {
    private static ScenarioRunner runner;

    @TempDir
    Path rules;

    @BeforeAll
    static void shippedRules() {
        runner = new ScenarioRunner(Knowledge.load(Path.of("rules"), Path.of("facts")), Path.of("facts"));
    }

    private static final String PROFILE = """
                profile:
                  country: IND
                  asOf: "2026-02-04"
                  minerals:
                    - { mineral: lithium, annualDemandTonnes: 100, domesticProductionTonnes: 50 }
            """;

    private List<Scenario> read(String yaml) throws IOException {
        Path file = Files.createDirectories(rules.resolve("tests")).resolve("case.yaml");
        Files.writeString(file, yaml);
        return ScenarioFiles.read(rules, file);
    }

    private static List<String> failures(Scenario scenario) {
        return runner.run(scenario).failures();
    }

    @Test
    void a_misspelt_key_fails_its_case_at_the_key_and_the_other_cases_still_run() throws IOException {
        List<Scenario> cases = read("cases:\n"
                + "  - note: first\n" + PROFILE + "    fired: [STK-RELIANCE]\n"
                + "  - note: second\n" + PROFILE + "    fired: [STK-RELIANCE]\n    want_nto: []\n"
                + "  - note: third\n" + PROFILE + "    not_fired: [STK-DEFENCE]\n");
        assertThat(cases).extracting(Scenario::note).containsExactly("first", "second", "third");
        assertThat(failures(cases.get(0))).isEmpty();
        assertThat(failures(cases.get(1)))
                .containsExactly("tests/case.yaml:16:5: unknown key 'want_nto'; did you mean 'want_not'?");
        assertThat(failures(cases.get(2))).isEmpty();
    }

    @Test
    void a_misspelt_key_in_an_entry_of_want_not_or_want_errors_fails_the_case_at_the_key() throws IOException {
        // Under want_not a key that matches nothing would pass whatever the advice says.
        List<Scenario> cases = read("cases:\n"
                + "  - note: not\n" + PROFILE + "    want_not:\n      - { type: STOCKPILE, subjet: lithium }\n"
                + "  - note: errors\n" + PROFILE.replace("country: IND", "country: XYZ")
                + "    want_errors:\n      - { pointer: /country, cdoe: unknown_country }\n      - colour\n"
                + "  - note: want\n" + PROFILE + "    want:\n      - { type: STOCKPILE, colour: red }\n");
        assertThat(failures(cases.get(0))).containsExactly(
                "tests/case.yaml:9:28: unknown key 'subjet' in want_not; did you mean 'subject'?");
        assertThat(failures(cases.get(1))).containsExactly(
                "tests/case.yaml:17:30: unknown key 'cdoe' in want_errors; did you mean 'code'?",
                "tests/case.yaml:18:9: an entry of 'want_errors' must be a mapping of keys (code, message, pointer, suggestion)");
        assertThat(failures(cases.get(2))).singleElement().asString()
                .startsWith("tests/case.yaml:26:28: unknown key 'colour' in want (keys: because, details, id, ");
    }

    @Test
    void a_key_far_from_any_lists_the_keys_instead_of_guessing() throws IOException {
        List<Scenario> cases = read("note: only\n" + PROFILE.indent(-4) + "expectations: []\n");
        assertThat(failures(cases.get(0))).singleElement().asString()
                .startsWith("tests/case.yaml:7:1: unknown key 'expectations' (keys: facts, fired, not_fired, note,")
                .doesNotContain("did you mean");
    }

    @Test
    void a_policy_id_missing_from_the_catalogue_in_fired_or_not_fired_fails_the_case_where_it_is_written()
            throws IOException {
        List<Scenario> cases = read("cases:\n  - note: typo\n" + PROFILE
                + "    fired: [STK-RELIANCE, STK-RELIANT]\n    not_fired: [STK-TRIGER]\n");
        assertThat(failures(cases.get(0))).containsExactly(
                "tests/case.yaml:8:27: unknown policy id 'STK-RELIANT' in fired; did you mean 'STK-RELIANCE'?",
                "tests/case.yaml:9:17: unknown policy id 'STK-TRIGER' in not_fired; did you mean 'STK-TRIGGER'?");
    }

    @Test
    void a_value_of_the_wrong_shape_is_located_instead_of_passing_silently() throws IOException {
        List<Scenario> cases = read("note: scalar\n" + PROFILE.indent(-4) + "fired: STK-RELIANCE\n");
        assertThat(failures(cases.get(0))).containsExactly("tests/case.yaml:7:8: 'fired' must be a list");
    }

    @Test
    void invalid_yaml_is_located() throws IOException {
        List<Scenario> cases = read("cases:\n  - note: [unclosed\n");
        assertThat(failures(cases.get(0))).singleElement().asString().matches("tests/case\\.yaml:\\d+:\\d+: not valid YAML: .+");
    }

    @Test
    void a_rejected_profile_reads_as_pointer_code_and_message_not_as_java_records() throws IOException {
        List<Scenario> cases = read("""
                note: rejected
                profile:
                  country: IND
                  asOf: "2026-02-04"
                  minerals:
                    - { mineral: galium, annualDemandTonnes: 100 }
                fired: [STK-RELIANCE]
                """);
        assertThat(failures(cases.get(0))).singleElement().asString()
                .startsWith("the profile was rejected:\n  /minerals/0/mineral: unknown_mineral: ")
                .doesNotContain("ProfileProblem[");
    }

    @Test
    void a_missing_recommendation_reads_as_type_subject_priority_and_the_fields_named() throws IOException {
        List<Scenario> cases = read("""
                note: wrong target
                profile:
                  country: IND
                  asOf: "2026-02-04"
                  minerals:
                    - mineral: lithium
                      annualDemandTonnes: 100
                      domesticProductionTonnes: 49
                      imports: [ { from: CHL, tonnes: 51 } ]
                want:
                  - { type: STOCKPILE, subject: lithium, details: { targetDays: 61 } }
                """);
        assertThat(failures(cases.get(0))).singleElement().asString()
                .startsWith("no recommendation matches STOCKPILE lithium — targetDays 61; closest:\n"
                        + "  STOCKPILE lithium HIGH — policyId STK-TRIGGER, currentDays 0.0, targetDays 100, ")
                .doesNotContain("{\"");
    }
}

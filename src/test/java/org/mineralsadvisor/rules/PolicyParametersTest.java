package org.mineralsadvisor.rules;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Thresholds written once in policies.yaml and bound into conditions, names, explanations and titles. */
class PolicyParametersTest {
    @TempDir
    Path root;
    Path rules;

    private static final String CATALOGUE = """
            policies:
              - id: STK-RELIANCE
                title: Import reliance at or above ${threshold|pct}
                section: "2"
                parameters:
                  threshold: 0.50
            """;

    private static final String RELIANCE = """
            package minerals.advisor;
            import org.mineralsadvisor.model.*;
            rule "Import reliance at or above ${threshold|pct}"
                @policyId("STK-RELIANCE")
                @explain("{m}: import reliance {i.importReliance|pct} ≥ ${threshold|pct}")
            when
                $i : MineralIndicators( $m : mineral, importReliance >= ${threshold} )
            then
                insert( new RiskFactor( $m, Factor.IMPORT_RELIANT ) );
            end
            """;

    @BeforeEach
    void directory() throws IOException {
        rules = Files.createDirectory(root.resolve("rules"));
    }

    private List<RuleProblem> compile(String catalogue, String drl) throws IOException {
        return org.mineralsadvisor.testing.RuleSets.compileProblems(rules, catalogue, drl);
    }

    @Test
    void an_infinite_or_not_a_number_parameter_is_a_located_error_not_a_crash() throws IOException {
        for (String value : List.of("1e999", ".inf", "-.inf", ".nan")) {
            List<RuleProblem> problems = compile(CATALOGUE.replace("threshold: 0.50", "threshold: " + value), RELIANCE);
            assertThat(problems).as(value).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("rules/policies.yaml");
                assertThat(p.line()).isEqualTo(6);
                // Jackson's YAML reader refuses .inf and .nan itself ("Malformed numeric value"), located too.
                assertThat(p.code()).isIn("parameter_not_numeric", "catalogue_invalid_yaml");
                if (value.equals("1e999")) {
                    assertThat(p.message()).contains("must be a finite number");
                }
            });
        }
    }

    @Test
    void a_catalogue_that_is_not_yaml_is_one_located_error_without_a_cascade() throws IOException {
        List<RuleProblem> problems = compile(CATALOGUE + "stages: [gates\n  oops: x\n", RELIANCE);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).code()).isEqualTo("catalogue_invalid_yaml");
        assertThat(problems.get(0).line()).isGreaterThan(7);
        assertThat(problems.get(0).column()).isPositive();
    }

    @Test
    void renders_the_parameter_into_name_explanation_title_and_condition() throws IOException {
        assertThat(compile(CATALOGUE, RELIANCE)).isEmpty();
        RuleSet set = new RuleSetCompiler().compile(rules);
        RuleInfo rule = set.rules().get(0);
        assertThat(rule.name()).isEqualTo("Import reliance at or above 50%");
        assertThat(rule.line()).isEqualTo(3);
        assertThat(rule.explanation()).isEqualTo("{m}: import reliance {i.importReliance|pct} ≥ 50%");
        assertThat(set.catalogue().policies().get("STK-RELIANCE").title()).isEqualTo("Import reliance at or above 50%");
        PolicyParameter threshold = set.catalogue().policies().get("STK-RELIANCE").parameters().get("threshold");
        assertThat(threshold.line()).isEqualTo(6);
        assertThat(threshold.column()).isEqualTo(7);
        assertThat(threshold.value()).isEqualByComparingTo("0.5");
    }

    @Test
    void a_changed_parameter_changes_name_title_and_version() throws IOException {
        compile(CATALOGUE, RELIANCE);
        RuleSet before = new RuleSetCompiler().compile(rules);
        compile(CATALOGUE.replace("0.50", "0.6"), RELIANCE);
        RuleSet after = new RuleSetCompiler().compile(rules);
        assertThat(after.rules().get(0).name()).isEqualTo("Import reliance at or above 60%");
        assertThat(after.catalogue().policies().get("STK-RELIANCE").title()).isEqualTo("Import reliance at or above 60%");
        assertThat(after.version()).isNotEqualTo(before.version());
    }

    @Test
    void an_unknown_parameter_is_located_at_its_placeholder() throws IOException {
        List<RuleProblem> problems = compile(CATALOGUE, RELIANCE.replace("importReliance >= ${threshold}",
                "importReliance >= ${treshold}"));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:7:61: parameter_unknown: ${treshold}: policy STK-RELIANCE has no parameter "
                        + "'treshold' in policies.yaml; did you mean threshold?");
    }

    @Test
    void a_placeholder_in_a_function_must_name_its_policy() throws IOException {
        String drl = RELIANCE + """
                function boolean high(double share) {
                    return share >= ${threshold};
                }
                """;
        List<RuleProblem> problems = compile(CATALOGUE, drl);
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:12:21: parameter_unknown: ${threshold} is outside a rule, so it must name its "
                        + "policy: ${POLICY-ID.threshold}");
        assertThat(compile(CATALOGUE, drl.replace("share >= ${threshold}", "share >= ${STK-RELIANCE.threshold}")))
                .filteredOn(RuleProblem::isError).isEmpty();
    }

    @Test
    void a_non_numeric_or_missing_value_is_located_in_the_catalogue() throws IOException {
        List<RuleProblem> problems = compile(CATALOGUE.replace("threshold: 0.50", "threshold: half"), RELIANCE);
        // Only where the value is written: the placeholders naming it add nothing.
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/policies.yaml:6:7: parameter_not_numeric: policy STK-RELIANCE parameter threshold must be a number, not \"half\"");
        problems = compile(CATALOGUE.replace("threshold: 0.50", "threshold:"), RELIANCE);
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).first().isEqualTo(
                "rules/policies.yaml:6:7: parameter_not_numeric: policy STK-RELIANCE parameter threshold has no value; give it a number");
    }

    @Test
    void a_format_in_rule_code_and_an_unknown_title_parameter_are_errors() throws IOException {
        List<RuleProblem> problems = compile(CATALOGUE.replace("${threshold|pct}", "${thresold|pct}"),
                RELIANCE.replace("importReliance >= ${threshold}", "importReliance >= ${threshold|pct}"));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/policies.yaml:3:40: parameter_unknown: ${thresold|pct}: policy STK-RELIANCE has no parameter "
                        + "'thresold' in policies.yaml; did you mean threshold?",
                "rules/stockpile.drl:7:61: parameter_format: ${threshold|pct} formats a value in rule code, where it "
                        + "must be a plain number: write ${threshold}");
    }

    @Test
    void a_compile_error_after_a_placeholder_keeps_the_column_as_written() throws IOException {
        List<RuleProblem> problems = compile(CATALOGUE, RELIANCE.replace("importReliance >= ${threshold} )",
                "importReliance >= ${threshold} &&& x )"));
        assertThat(problems).filteredOn(RuleProblem::isError).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("rules/stockpile.drl:7:"))
                .satisfies(p -> assertThat(p.column()).isEqualTo(
                        "    $i : MineralIndicators( $m : mineral, importReliance >= ${threshold} &&& x )".indexOf("&&&") + 3));
    }

    @Test
    void warns_about_numbers_written_into_names_explanations_and_titles_and_unused_parameters() throws IOException {
        List<RuleProblem> problems = compile(CATALOGUE.replace("at or above ${threshold|pct}", "at or above 50%")
                        .replace("threshold: 0.50", "threshold: 0.50\n      spare: 7"),
                RELIANCE.replace("≥ ${threshold|pct}\")", "≥ 50%\")").replace("TIER", ""));
        assertThat(problems).extracting(RuleProblem::toString).containsExactlyInAnyOrder(
                "rules/stockpile.drl:5:61: warning: number_not_parameter: @explain text writes the number 50; write a "
                        + "parameter of its policy instead (${name} or ${name|pct}, defined under the policy's "
                        + "'parameters:' in policies.yaml)",
                "rules/policies.yaml:3:40: warning: number_not_parameter: the title of policy STK-RELIANCE writes the "
                        + "number 50; write a parameter of its policy instead (${name} or ${name|pct}, defined under "
                        + "the policy's 'parameters:' in policies.yaml)",
                "rules/policies.yaml:7:7: warning: parameter_unused: parameter spare of policy STK-RELIANCE is named "
                        + "by no rule, explanation or title");
    }

    @Test
    void the_shipped_pack_has_no_warning_and_no_number_outside_a_parameter() throws IOException {
        List<RuleProblem> problems = new ArrayList<>();
        RuleSet shipped = new RuleSetCompiler().compile(Path.of("rules"), problems);
        assertThat(problems).isEmpty();
        assertThat(shipped.rule("minerals.advisor", "Corridor within 300 km of a port")).isNotNull();
        // A rule's parameters include those of the functions it calls.
        assertThat(shipped.rule("minerals.advisor", "Corridor resource").parameters()).extracting(PolicyParameter::name)
                .containsExactly("large_tonnes", "large_points", "medium_tonnes", "medium_points", "small_points");
        assertThat(shipped.rule("minerals.advisor", "Import reliance at or above 50%").parameters())
                .singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(
                        lineOf(Path.of("rules", "policies.yaml"), "threshold: 0.50")));
        assertThat(shipped.catalogue().policies().get("STK-CONCENTRATION").title())
                .isEqualTo("Concentrated sourcing (top source ≥ 50% or import HHI ≥ 2,500)");
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}

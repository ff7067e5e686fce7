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

class RuleSetCompilerTest {
    @TempDir
    Path root;
    Path rules;

    private static final String HEADER = """
            package minerals.advisor;
            import org.mineralsadvisor.model.*;
            """;

    @BeforeEach
    void catalogue() throws IOException {
        rules = Files.createDirectory(root.resolve("rules"));
        Files.writeString(rules.resolve("policies.yaml"), """
                policies:
                  - id: STK-RELIANCE
                    title: Import reliance
                    section: "2"
                  - id: STK-DEFENCE
                    title: Defence
                    section: "2"
                """);
    }

    private List<RuleProblem> compile(String drl) throws IOException {
        Files.writeString(rules.resolve("stockpile.drl"), HEADER + drl);
        List<RuleProblem> problems = new ArrayList<>();
        new RuleSetCompiler().compile(rules, problems);
        return problems;
    }

    private static final String RELIANCE = """
            rule "Import reliance at or above 50%"
                @policyId("STK-RELIANCE")
                @explain("{m}: import reliance {i.importReliance|pct}")
            when
                $i : MineralIndicators( $m : mineral, importReliance >= 0.50 )
            then
                insert( new RiskFactor( $m, Factor.IMPORT_RELIANT ) );
            end
            """;

    @Test
    void compiles_and_describes_each_rule_with_file_line_and_policy() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE);
        assertThat(problems).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:3:35: warning: number_not_parameter: rule name \"Import reliance at or above 50%\" "
                        + "writes the number 50; write a parameter of its policy instead (${name} or ${name|pct}, "
                        + "defined under the policy's 'parameters:' in policies.yaml)",
                "rules/policies.yaml:5:1: warning: policy STK-DEFENCE (Defence) is catalogued but no rule carries it");
        RuleSet set = new RuleSetCompiler().compile(rules);
        RuleInfo rule = set.rules().get(0);
        assertThat(rule.file()).isEqualTo("rules/stockpile.drl");
        assertThat(rule.line()).isEqualTo(3);
        assertThat(rule.policyId()).isEqualTo("STK-RELIANCE");
        assertThat(set.version()).startsWith("sha256:");
    }

    @Test
    void reports_compile_errors_with_file_line_and_column() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE.replace("importReliance >= 0.50", "importReliance >= 0.50 &&& x"));
        assertThat(problems).filteredOn(RuleProblem::isError).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("rules/stockpile.drl");
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.column()).isEqualTo(68);
            assertThat(p.toString()).startsWith("rules/stockpile.drl:7:68: ");
        });
    }

    @Test
    void reports_an_unknown_fact_type_at_its_rule() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE.replace("MineralIndicators(", "MineralIndicator("));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString)
                .anySatisfy(text -> assertThat(text).startsWith("rules/stockpile.drl:").contains("MineralIndicator"));
    }

    @Test
    void fails_on_a_rule_without_a_policy_id() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE.replace("    @policyId(\"STK-RELIANCE\")\n", ""));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString)
                .containsExactly("rules/stockpile.drl:3:1: rule \"Import reliance at or above 50%\" has no @policyId(\"…\") metadata");
    }

    @Test
    void fails_on_a_policy_id_the_catalogue_lacks() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE.replace("STK-RELIANCE", "STK-RELIANT"));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::message)
                .containsExactly("rule \"Import reliance at or above 50%\" cites policy STK-RELIANT, which is not in policies.yaml");
    }

    @Test
    void fails_on_an_explanation_naming_an_unbound_variable() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE.replace("{m}:", "{mineral}:"));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString)
                .containsExactly("rules/stockpile.drl:5:15: explain_unbound: rule \"Import reliance at or above 50%\" "
                        + "explanation names {mineral}, which the rule does not bind");
    }

    @Test
    void fails_on_an_explanation_reading_a_property_the_fact_type_lacks_at_the_placeholder() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE.replace("{i.importReliance|pct}", "{i.importRelianse|pct}"));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString)
                .containsExactly("rules/stockpile.drl:5:36: explain_unknown_property: rule \"Import reliance at or above 50%\" "
                        + "explanation reads {i.importRelianse|pct}, but MineralIndicators has no property importRelianse; "
                        + "did you mean importReliance?");
    }

    @Test
    void checks_nested_paths_and_what_the_consequence_inserts() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE.replace("{i.importReliance|pct}",
                "{i.mineral.size} {result.factr} {result.factor}"));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::message).containsExactly(
                "explain_unknown_property: rule \"Import reliance at or above 50%\" explanation reads {i.mineral.size}, "
                        + "but String has no properties to read .size from",
                "explain_unknown_property: rule \"Import reliance at or above 50%\" explanation reads {result.factr}, "
                        + "but RiskFactor has no property factr; did you mean factor?");
    }

    @Test
    void fails_on_an_unknown_format_and_a_format_that_does_not_fit() throws IOException {
        // Two letters are too short for a safe "did you mean" (profile.Suggestions): the list of formats says it.
        List<RuleProblem> problems = compile(RELIANCE.replace("{i.importReliance|pct}", "{i.importReliance|pc} {m|count}"));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:5:36: explain_unknown_format: rule \"Import reliance at or above 50%\" explanation "
                        + "{i.importReliance|pc} names the unknown format 'pc' (formats: count, pct)",
                "rules/stockpile.drl:5:58: explain_unknown_format: rule \"Import reliance at or above 50%\" explanation "
                        + "{m|count} counts a String; |count is for lists");
    }

    @Test
    void fails_on_an_unclosed_brace_and_a_brace_around_no_placeholder_at_the_brace() throws IOException {
        List<RuleProblem> unclosed = compile(RELIANCE.replace("{i.importReliance|pct}", "{i.importReliance|pct} {m"));
        assertThat(unclosed).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:5:59: explain_unclosed_placeholder: rule \"Import reliance at or above 50%\" "
                        + "explanation opens a placeholder at '{m' that is never closed with }");
        List<RuleProblem> malformed = compile(RELIANCE.replace("{m}:", "{m mineral}:"));
        assertThat(malformed).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:5:15: explain_malformed_placeholder: rule \"Import reliance at or above 50%\" "
                        + "explanation has {m mineral}, which is no placeholder; write {name}, {name.property} or {name|format}");
    }

    @Test
    void a_property_far_from_any_gets_the_list_instead_of_a_guess() throws IOException {
        List<RuleProblem> problems = compile(RELIANCE.replace("{i.importReliance|pct}", "{i.colour}"));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::message).singleElement()
                .asString().contains("MineralIndicators has no property colour (its properties: mineral, ")
                .doesNotContain("did you mean");
    }

    @Test
    void the_shipped_explanations_read_only_existing_properties() {
        List<RuleProblem> problems = new ArrayList<>();
        new RuleSetCompiler().compile(Path.of("rules"), problems);
        assertThat(problems).filteredOn(RuleProblem::isError).isEmpty();
    }

    @Test
    void version_is_the_content_hash_of_the_files() throws IOException {
        compile(RELIANCE);
        String before = new RuleSetCompiler().compile(rules).version();
        assertThat(new RuleSetCompiler().compile(rules).version()).isEqualTo(before);
        compile(RELIANCE.replace("0.50", "0.5"));
        assertThat(new RuleSetCompiler().compile(rules).version()).isNotEqualTo(before);
    }

    @Test
    void the_shipped_rules_cite_every_catalogued_policy() {
        RuleSet shipped = new RuleSetCompiler().compile(Path.of("rules"));
        assertThat(shipped.warnings()).isEmpty();
        assertThat(shipped.rules()).extracting(RuleInfo::policyId).containsAll(shipped.catalogue().policies().keySet()
                .stream().filter(id -> !shipped.catalogue().computedByService(id)).toList());
    }
}

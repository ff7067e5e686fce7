package org.mineralsadvisor.rules;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.RiskFactor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RuleStagesTest {
    @TempDir
    Path root;
    Path rules;

    private static final String CATALOGUE = """
            stages:
              - first
              - second
            policies:
              - id: STK-RELIANCE
                title: Import reliance
                section: "2"
            """;

    /** Written in the reverse of the stage order, so that file order cannot explain the firing order. */
    private static final String PACK = """
            package minerals.advisor;
            import org.mineralsadvisor.model.*;

            rule "Second"
                @policyId("STK-RELIANCE")
                @explain("{f.mineral}")
                agenda-group "second"
            when
                $f : RiskFactor( factor == Factor.IMPORT_RELIANT )
            then
            end

            rule "First"
                @policyId("STK-RELIANCE")
                @explain("{f.mineral}")
                agenda-group "first"
            when
                $f : RiskFactor( factor == Factor.IMPORT_RELIANT )
            then
            end
            """;

    @BeforeEach
    void directory() throws IOException {
        rules = Files.createDirectory(root.resolve("rules"));
    }

    private List<RuleProblem> compile(String catalogue, String drl) throws IOException {
        return org.mineralsadvisor.testing.RuleSets.compileProblems(rules, catalogue, drl);
    }

    private List<String> firingOrder(String catalogue) throws IOException {
        assertThat(compile(catalogue, PACK)).isEmpty();
        RuleSet set = new RuleSetCompiler().compile(rules);
        KieSession session = set.kieBase().newKieSession();
        List<String> fired = new ArrayList<>();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            session.insert(new RiskFactor("lithium", Factor.IMPORT_RELIANT));
            set.stages().focus(session);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return fired;
    }

    @Test
    void stages_fire_in_the_order_of_the_catalogue_list() throws IOException {
        assertThat(firingOrder(CATALOGUE)).containsExactly("First", "Second");
        String swapped = CATALOGUE.replace("  - first\n  - second\n", "  - second\n  - first\n");
        assertThat(firingOrder(swapped)).containsExactly("Second", "First");
    }

    @Test
    void fails_at_the_attribute_on_a_rule_that_names_an_unknown_stage() throws IOException {
        List<RuleProblem> problems = compile(CATALOGUE, PACK.replace("agenda-group \"second\"", "agenda-group \"secnod\""));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:7:18: stage_unknown: rule \"Second\" names stage \"secnod\", which is not in the"
                        + " 'stages:' list of policies.yaml; did you mean \"second\"? (first, second)");
    }

    @Test
    void fails_at_the_header_on_a_rule_that_names_no_stage() throws IOException {
        List<RuleProblem> problems = compile(CATALOGUE, PACK.replace("    agenda-group \"first\"\n", ""));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:13:1: stage_missing: rule \"First\" names no stage: add agenda-group \"…\" with one of first, second");
    }

    @Test
    void fails_on_a_stage_named_in_a_pack_without_a_stage_list() throws IOException {
        String noStages = CATALOGUE.replace("stages:\n  - first\n  - second\n", "");
        List<RuleProblem> problems = compile(noStages, PACK.replace("    agenda-group \"second\"\n", ""));
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString).containsExactly(
                "rules/stockpile.drl:15:18: stage_without_list: rule \"First\" names stage \"first\", but policies.yaml has no 'stages:' list");
    }

    @Test
    void a_pack_without_stages_runs_on_salience_as_rule_sets_stored_before_stages_did() throws IOException {
        String noStages = CATALOGUE.replace("stages:\n  - first\n  - second\n", "");
        String salience = PACK.replace("agenda-group \"second\"", "salience 10").replace("agenda-group \"first\"", "salience 20");
        assertThat(compile(noStages, salience)).isEmpty();
        RuleSet set = new RuleSetCompiler().compile(rules);
        assertThat(set.stages().names()).isEmpty();
    }

    @Test
    void reports_a_stage_listed_twice_at_its_second_entry() throws IOException {
        String twice = CATALOGUE.replace("  - second\n", "  - second\n  - first\n");
        assertThat(compile(twice, PACK)).extracting(RuleProblem::toString).containsExactly(
                "rules/policies.yaml:4:1: stage_duplicate: stage first is listed twice");
    }

    @Test
    void warns_about_a_stage_without_rules() throws IOException {
        String third = CATALOGUE.replace("  - second\n", "  - second\n  - third\n");
        assertThat(compile(third, PACK)).extracting(RuleProblem::toString).containsExactly(
                "rules/policies.yaml:4:1: warning: stage_unused: stage third has no rule");
    }

    @Test
    void the_shipped_rules_each_name_a_listed_stage() {
        RuleSet shipped = new RuleSetCompiler().compile(Path.of("rules"));
        assertThat(shipped.stages().names()).containsExactly("gates", "risk-factors", "assessment", "aggregation",
                "allocation", "ranking");
    }
}

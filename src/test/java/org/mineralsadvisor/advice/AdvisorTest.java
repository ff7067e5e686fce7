package org.mineralsadvisor.advice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.trace.TraceStep;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.model.Details;
import org.mineralsadvisor.model.Priority;
import org.mineralsadvisor.model.RecommendationType;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class AdvisorTest {
    private static RuleSet rules;
    private static FactBase facts;
    private static ProfileParser parser;

    @BeforeAll
    static void load() {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
        facts = new FactBaseLoader().load(Path.of("facts"));
        parser = new ProfileParser(facts);
    }

    private static CountryProfile sample(String name) throws Exception {
        return parser.parse(Files.readAllBytes(Path.of("samples", name)));
    }

    /** The advice JSON without the two fields that are meant to differ. */
    private static String stable(Advice advice) {
        ObjectNode tree = AdviceJson.mapper().valueToTree(advice);
        tree.remove("id");
        tree.remove("evaluatedAt");
        return tree.toString();
    }

    @Test
    void same_profile_rules_and_facts_give_the_same_advice_byte_for_byte() throws Exception {
        for (String name : List.of("india.json", "japan.json", "germany.json", "singapore.json")) {
            CountryProfile profile = sample(name);
            String first = stable(new Advisor().evaluate(rules, facts, profile));
            RuleSet recompiled = new RuleSetCompiler().compile(Path.of("rules"));
            FactBase reloaded = new FactBaseLoader().load(Path.of("facts"));
            String second = stable(new Advisor().evaluate(recompiled, reloaded, parser.parse(Files.readAllBytes(Path.of("samples", name)))));
            assertThat(second).as(name).isEqualTo(first);
        }
    }

    @Test
    void concurrent_evaluations_on_one_rule_set_match_serial_ones() throws Exception {
        CountryProfile india = sample("india.json");
        CountryProfile japan = sample("japan.json");
        String indiaSerial = stable(new Advisor().evaluate(rules, facts, india));
        String japanSerial = stable(new Advisor().evaluate(rules, facts, japan));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                CountryProfile profile = i % 2 == 0 ? india : japan;
                results.add(pool.submit(() -> stable(new Advisor().evaluate(rules, facts, profile))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? indiaSerial : japanSerial);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void every_recommendation_walks_back_to_profile_values_and_fact_rows() throws Exception {
        Advice advice = new Advisor().evaluate(rules, facts, sample("india.json"));
        JsonNode json = AdviceJson.mapper().valueToTree(advice);
        JsonNode trace = json.get("trace");
        JsonNode evidence = json.get("evidence");
        assertThat(advice.recommendations()).isNotEmpty();
        for (int i = 0; i < trace.size(); i++) {
            assertThat(trace.get(i).get("step").asInt()).isEqualTo(i + 1);
        }
        for (Recommendation rec : advice.recommendations()) {
            assertThat(rec.because()).as(rec.subject()).isNotEmpty().isSorted();
            boolean citesRow = false;
            boolean citesProfile = false;
            for (int step : rec.because()) {
                JsonNode s = trace.get(step - 1);
                for (JsonNode dep : s.get("dependsOn")) {
                    assertThat(dep.asInt()).isLessThan(step);
                }
                for (JsonNode id : s.get("evidence")) {
                    JsonNode e = evidence.get(id.asText());
                    assertThat(e).as("step %d cites %s, which the advice lists", step, id.asText()).isNotNull();
                    if (id.asText().startsWith("profile:")) {
                        citesProfile = true;
                        assertThat(e.get("pointer").asText()).isEqualTo(id.asText().substring("profile:".length()))
                                .startsWith("/");
                    } else {
                        citesRow = true;
                        assertThat(id.asText()).isEqualTo(e.get("file").asText() + ":" + e.get("line").asInt());
                        assertThat(e.get("line").asInt()).isPositive();
                        assertThat(e.get("source").asText()).isNotBlank();
                        assertThat(e.get("asOf").asText()).isNotBlank();
                        assertThat(Files.exists(Path.of(e.get("file").asText()))).isTrue();
                    }
                }
            }
            assertThat(citesRow || citesProfile).as(rec.type() + " " + rec.subject() + " cites profile values or fact rows").isTrue();
            // The step that made the recommendation is in its because list and carries its policy id.
            assertThat(rec.because().stream().map(n -> advice.trace().get(n - 1).policyId())).contains(rec.policyId());
        }
    }

    @Test
    void a_stockpile_rests_on_its_trigger_and_each_factor_firing() throws Exception {
        Advice advice = new Advisor().evaluate(rules, facts, sample("india.json"));
        Recommendation dysprosium = advice.recommendations().stream()
                .filter(r -> r.type() == RecommendationType.STOCKPILE && r.subject().equals("dysprosium")).findFirst().orElseThrow();
        List<String> factors = ((Details.Stockpile) dysprosium.details()).factors().stream().map(Enum::name).toList();
        Set<String> factorPolicies = new HashSet<>();
        for (int step : dysprosium.because()) {
            TraceStep s = advice.trace().get(step - 1);
            for (JsonNode produced : AdviceJson.mapper().valueToTree(s.produced())) {
                if ("RiskFactor".equals(produced.path("type").asText()) && "dysprosium".equals(produced.path("mineral").asText())) {
                    factorPolicies.add(produced.path("factor").asText());
                }
            }
        }
        assertThat(factorPolicies).containsExactlyInAnyOrderElementsOf(factors);
        assertThat(dysprosium.because().stream().map(n -> advice.trace().get(n - 1).policyId()))
                .contains("STK-TRIGGER", "STK-BUDGET");
    }

    @Test
    void untraced_evaluation_gives_the_same_recommendations_without_trace() throws Exception {
        CountryProfile india = sample("india.json");
        Advice traced = new Advisor().evaluate(rules, facts, india, true);
        Advice untraced = new Advisor().evaluate(rules, facts, india, false);
        assertThat(untraced.trace()).isEmpty();
        assertThat(untraced.recommendations()).hasSameSizeAs(traced.recommendations());
        for (int i = 0; i < traced.recommendations().size(); i++) {
            Recommendation a = traced.recommendations().get(i);
            Recommendation b = untraced.recommendations().get(i);
            assertThat(List.of(b.type(), b.subject(), b.priority(), b.policyId(), b.summary(), b.details()))
                    .isEqualTo(List.of(a.type(), a.subject(), a.priority(), a.policyId(), a.summary(), a.details()));
            assertThat(b.because()).isEmpty();
        }
    }

    @Test
    void the_contract_example_mineral_gets_the_180_day_high_priority_stockpile() throws Exception {
        CountryProfile profile = parser.parse("""
                {"country": "IND", "asOf": "2026-02-04", "memberships": ["QUAD"],
                 "minerals": [{"mineral": "dysprosium", "annualDemandTonnes": 120, "domesticProductionTonnes": 0,
                   "stockTonnes": 4, "defenceUse": true,
                   "imports": [{"from": "CHN", "tonnes": 100}, {"from": "MMR", "tonnes": 20}]}]}""");
        Advice advice = new Advisor().evaluate(rules, facts, profile);
        Recommendation stockpile = advice.recommendations().get(0);
        assertThat(stockpile.type()).isEqualTo(RecommendationType.STOCKPILE);
        assertThat(stockpile.priority()).isEqualTo(Priority.HIGH);
        Details.Stockpile details = (Details.Stockpile) stockpile.details();
        assertThat(details.targetDays()).isEqualTo(180);
        assertThat(details.currentDays()).isEqualTo(4 * 365 / 120.0);
        assertThat(details.acquireTonnes()).isEqualTo((180 - 4 * 365 / 120.0) / 365 * 120);
        assertThat(details.estimatedCostUsd()).isEqualTo((180 - 4 * 365 / 120.0) / 365 * 120 * 260000);
        assertThat(details.fundedUsd()).isNull();
        assertThat(details.funding()).isNull();
        assertThat(stockpile.id()).isEqualTo("rec-1");
        assertThat(advice.id()).startsWith("adv_").hasSize(30);
    }
}

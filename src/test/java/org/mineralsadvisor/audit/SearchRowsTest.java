package org.mineralsadvisor.audit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.service.Knowledge;
import org.mineralsadvisor.shock.ScenarioLibrary;
import org.mineralsadvisor.shock.ShockedFacts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The search rows derived from the stored advice JSON, the one definition that writes and checks them. */
class SearchRowsTest {
    private static Knowledge knowledge;

    @BeforeAll
    static void load() {
        knowledge = Knowledge.load(Path.of("rules"), Path.of("facts"));
    }

    /** How the service indexed an advice before: from the Advice object, not from its bytes. */
    private static SearchRows fromTheAdviceObject(Advice advice) {
        List<AuditRecord.IndexEntry> index = new ArrayList<>();
        for (Recommendation r : advice.recommendations()) {
            index.add(new AuditRecord.IndexEntry(r.type().name(), r.subject(), r.priority().name(), r.policyId()));
        }
        Set<String> fired = new TreeSet<>();
        advice.trace().forEach(step -> fired.add(step.policyId()));
        advice.recommendations().forEach(r -> fired.add(r.policyId()));
        return new SearchRows(index, new TreeSet<>(fired));
    }

    @Test
    void the_rows_read_from_the_stored_bytes_are_those_the_advice_object_gave_for_every_sample_and_scenario()
            throws Exception {
        Map<String, FactBase> factBases = new LinkedHashMap<>();
        factBases.put("baseline", knowledge.facts());
        ScenarioLibrary scenarios = new ScenarioLibrary(Path.of("scenarios"));
        for (String name : scenarios.names()) {
            factBases.put(name, ShockedFacts.apply(scenarios.find(name).orElseThrow(), knowledge.facts()).facts());
        }
        int recommendations = 0;
        Set<String> policies = new TreeSet<>();
        for (String sample : List.of("india", "japan", "germany", "singapore")) {
            byte[] profile = Files.readAllBytes(Path.of("samples", sample + ".json"));
            for (var facts : factBases.entrySet()) {
                for (boolean traced : List.of(true, false)) {
                    Advice advice = new Advisor().evaluate(knowledge.rules(), facts.getValue(),
                            new ProfileParser(facts.getValue()).parse(profile), traced);
                    byte[] json = AdviceJson.compactBytes(advice);
                    SearchRows rows = SearchRows.of(json);
                    assertThat(rows).as(sample + " on " + facts.getKey() + (traced ? "" : ", untraced"))
                            .isEqualTo(fromTheAdviceObject(advice));
                    assertThat(SearchRows.of(new String(json, StandardCharsets.UTF_8))).isEqualTo(rows);
                    recommendations += rows.recommendations().size();
                    policies.addAll(rows.policies());
                }
            }
        }
        assertThat(factBases).hasSizeGreaterThanOrEqualTo(5);
        assertThat(recommendations).isGreaterThan(100);
        assertThat(policies).hasSizeGreaterThan(15);
    }

    @Test
    void rows_come_from_the_recommendations_and_the_trace_steps_policy_ids_only() {
        SearchRows rows = SearchRows.of("""
                {"id":"adv_1","evidence":{"policyId":"EVIDENCE"},"trace":[{"step":1,"policyId":"T-1",\
                "matched":[{"policyId":"MATCHED"}],"produced":[]},{"policyId":"T-2"},{"policyId":"T-1"}],\
                "recommendations":[{"type":"STOCKPILE","subject":"gallium","priority":"HIGH","policyId":"R-1",\
                "details":{"policyId":"DETAILS"}},{"type":"CORRIDOR","subject":"AUS","priority":"LOW","policyId":"T-2"}],\
                "nearMisses":[{"policyId":"NEAR"}]}""");
        assertThat(rows.recommendations()).containsExactly(
                new AuditRecord.IndexEntry("STOCKPILE", "gallium", "HIGH", "R-1"),
                new AuditRecord.IndexEntry("CORRIDOR", "AUS", "LOW", "T-2"));
        assertThat(rows.policies()).containsExactly("R-1", "T-1", "T-2");
        assertThat(SearchRows.of("{\"id\":\"adv_2\",\"trace\":null}")).isEqualTo(new SearchRows(List.of(), new TreeSet<>()));
    }

    @Test
    void an_advice_the_rows_cannot_be_read_from_is_named_as_such() {
        assertThatThrownBy(() -> SearchRows.of("{\"id\":")).isInstanceOf(SearchRows.UnreadableAdviceException.class)
                .hasMessageStartingWith("the advice is not JSON: ");
        assertThatThrownBy(() -> SearchRows.of("[]")).hasMessage("the advice is not a JSON object");
        assertThatThrownBy(() -> SearchRows.of("{} {}")).hasMessage("the advice has more after its JSON object");
        assertThatThrownBy(() -> SearchRows.of("{\"recommendations\":{}}"))
                .hasMessage("the advice's recommendations are not an array");
        assertThatThrownBy(() -> SearchRows.of("{\"recommendations\":[{\"type\":\"STOCKPILE\",\"subject\":\"gallium\","
                + "\"priority\":\"HIGH\",\"policyId\":\"R\"},{\"type\":\"STOCKPILE\",\"subject\":\"gallium\","
                + "\"priority\":3,\"policyId\":\"R\"}]}"))
                .hasMessage("recommendation 2 has a priority that is not a string");
        assertThatThrownBy(() -> SearchRows.of("{\"trace\":[{\"policyId\":\"A\"},{\"step\":2}]}"))
                .hasMessage("trace step 2 has no policyId");
        assertThatThrownBy(() -> SearchRows.of("{\"trace\":[1]}")).hasMessage("trace step 1 is not a JSON object");
    }
}

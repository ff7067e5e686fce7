package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.audit.StoredRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /v1/advice?trace=none answers without the trace (for bulk clients) but records the full
 * advice, exactly as a full-trace request would; other values of the parameter are 400s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceParameterTest {
    RunningService service;
    OpenApiContract openApi;
    String india;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        service = new RunningService(dir, Map.of());
        india = Files.readString(Path.of("samples/india.json"));
        openApi = new OpenApiContract(service.get("/openapi.json", null).json());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    long records() {
        return service.app.service().store().verify().records();
    }

    @Test
    void trace_none_answers_the_recommendations_without_trace_and_stores_the_full_advice() {
        long before = records();
        RunningService.Reply brief = service.post("/v1/advice?trace=none", india, null);
        assertThat(brief.status()).as(brief.body()).isEqualTo(201);
        JsonNode answer = brief.json();
        assertThat(answer.has("trace")).as("no trace key").isFalse();
        assertThat(answer.has("evidence")).isFalse();
        assertThat(answer.get("recommendations").size()).isPositive();
        answer.get("recommendations").forEach(r -> assertThat(r.get("because").size()).as(r.get("id").asText()).isPositive());
        openApi.assertValid("AdviceWithoutTrace", answer);
        String id = answer.get("id").asText();
        assertThat(brief.header("Location")).isEqualTo("/v1/advice/" + id);
        assertThat(records()).isEqualTo(before + 1);

        RunningService.Reply stored = service.get("/v1/advice/" + id, null);
        assertThat(stored.status()).isEqualTo(200);
        JsonNode full = stored.json();
        openApi.assertValid("Advice", full);
        assertThat(full.get("trace").size()).isPositive();
        // The answer is the stored advice less exactly the trace (and evidence): same fields, same
        // order, same recommendations with the same step numbers.
        ObjectNode withoutTrace = full.deepCopy();
        withoutTrace.remove(List.of("trace", "evidence"));
        assertThat(answer.toString()).isEqualTo(withoutTrace.toString());
        int steps = full.get("trace").size();
        full.get("recommendations").forEach(r -> r.get("because").forEach(step ->
                assertThat(step.asInt()).isBetween(1, steps)));
    }

    @Test
    void the_record_of_trace_none_is_the_one_a_full_request_stores_and_the_chain_verifies() throws Exception {
        RunningService.Reply full = service.post("/v1/advice", india, null);
        RunningService.Reply brief = service.post("/v1/advice?trace=none", india, null);
        RunningService.Reply explicit = service.post("/v1/advice?trace=full", india, null);
        assertThat(List.of(full.status(), brief.status(), explicit.status())).containsOnly(201);
        assertThat(explicit.json().get("trace").size()).isEqualTo(full.json().get("trace").size());

        StoredRecord briefRecord = service.app.service().find(brief.json().get("id").asText()).orElseThrow();
        StoredRecord fullRecord = service.app.service().find(full.json().get("id").asText()).orElseThrow();
        // Apart from the id and time of each evaluation, the stored bytes are the same.
        assertThat(HttpApiTest.stable(RunningService.JSON.readTree(briefRecord.advice())))
                .isEqualTo(HttpApiTest.stable(full.json()));
        assertThat(fullRecord.advice()).isEqualTo(full.body());
        assertThat(briefRecord.recomputedHash()).isEqualTo(briefRecord.hash());
        assertThat(HttpApiTest.stable(explicit.json())).isEqualTo(HttpApiTest.stable(full.json()));

        JsonNode chain = service.get("/v1/audit/verify", null).json();
        assertThat(chain.get("valid").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.get("records").asLong()).isEqualTo(records());
    }

    @Test
    void another_value_a_repeat_or_an_unknown_parameter_is_a_400_naming_it_and_nothing_is_stored() {
        long before = records();
        for (String query : List.of("trace=false", "trace=", "trace=NONE", "trace=summary")) {
            RunningService.Reply reply = service.post("/v1/advice?" + query, india, null);
            HttpApiTest.assertProblem(reply, 400);
            openApi.assertValid("Problem", reply.json());
            assertThat(reply.json().at("/problems/0/parameter").asText()).as(query).isEqualTo("trace");
            assertThat(reply.json().at("/problems/0/code").asText()).as(query).isEqualTo("invalid_value");
            assertThat(reply.json().get("detail").asText()).as(query).contains("[full, none]");
        }
        RunningService.Reply repeated = service.post("/v1/advice?trace=none&trace=none", india, null);
        HttpApiTest.assertProblem(repeated, 400);
        assertThat(repeated.json().get("problems")).hasSize(1);
        assertThat(repeated.json().at("/problems/0/parameter").asText()).isEqualTo("trace");
        assertThat(repeated.json().at("/problems/0/code").asText()).isEqualTo("repeated_parameter");

        RunningService.Reply unknown = service.post("/v1/advice?trace=none&verbose=1", india, null);
        HttpApiTest.assertProblem(unknown, 400);
        assertThat(unknown.json().at("/problems/0/parameter").asText()).isEqualTo("verbose");
        assertThat(unknown.json().at("/problems/0/code").asText()).isEqualTo("unknown_parameter");
        assertThat(unknown.json().get("detail").asText()).contains("known: [scenario, trace]");
        assertThat(records()).isEqualTo(before);
    }

    @Test
    void a_bad_query_is_reported_before_a_body_of_the_wrong_type() {
        RunningService.Reply reply = service.post("/v1/advice?trace=some", india, "text/plain", null);
        HttpApiTest.assertProblem(reply, 400);
        RunningService.Reply wrongType = service.post("/v1/advice?trace=none", india, "text/plain", null);
        HttpApiTest.assertProblem(wrongType, 415);
    }
}

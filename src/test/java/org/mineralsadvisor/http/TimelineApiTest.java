package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.timeline.TimelineFacts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /v1/advice/timeline end to end: the officer's route, the same profile checks as POST
 * /v1/advice, every range problem a 400 naming its parameter, and nothing recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineApiTest {
    private static final String OFFICER = "officer-secret";
    private static final String AUDITOR = "auditor-secret";
    private static final String ADMIN = "admin-secret";
    private static final String PATH = "/v1/advice/timeline";

    RunningService service;
    OpenApiContract openApi;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        Path facts = TimelineFacts.write(dir.resolve("facts"));
        service = new RunningService(dir, Map.of(Setting.FACTS, facts.toString(), Setting.API_KEYS, String.join(",",
                "officer:o1:" + ApiKeys.sha256Hex(OFFICER), "auditor:a1:" + ApiKeys.sha256Hex(AUDITOR),
                "admin:x1:" + ApiKeys.sha256Hex(ADMIN))));
        openApi = new OpenApiContract(service.get("/openapi.json", null).json());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private long records() {
        return service.app.service().store().verify().records();
    }

    @Test
    void answers_the_dates_where_the_advice_changes_and_records_nothing() {
        long before = records();
        RunningService.Reply reply = service.post(PATH + "?from=2025-01-01&to=2025-12-31&step=changes",
                TimelineFacts.PROFILE, OFFICER);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json").contains("charset=utf-8");
        JsonNode timeline = reply.json();
        openApi.assertValid("Timeline", timeline);
        List<String> dates = new ArrayList<>();
        timeline.get("points").forEach(p -> dates.add(p.get("asOf").asText()));
        assertThat(dates).containsExactly("2025-01-01", "2025-03-15", "2025-06-10", "2025-11-01");
        assertThat(timeline.at("/points/2/events/0/text").asText()).isEqualTo("IND joins MSP");
        assertThat(timeline.at("/points/2/changes/1/fields/1/field").asText()).isEqualTo("details.status");
        assertThat(timeline.at("/points/2/changes/1/fields/1/after").asText()).isEqualTo("MEMBER");
        assertThat(timeline.get("factBase").get("version").asText())
                .isEqualTo(service.app.service().knowledge().facts().version());
        // A timeline is exploration, not advice given: the audit trail is untouched.
        assertThat(records()).isEqualTo(before);

        RunningService.Reply monthly = service.post(PATH + "?from=2025-01-01&to=2025-12-31", TimelineFacts.PROFILE, ADMIN);
        assertThat(monthly.status()).isEqualTo(200);
        assertThat(monthly.json().get("step").asText()).isEqualTo("month");
        assertThat(monthly.json().get("evaluated").asInt()).isEqualTo(13);
    }

    @Test
    void the_roles_of_post_advice() {
        HttpApiTest.assertProblem(service.post(PATH + "?from=2025-01-01&to=2025-02-01", TimelineFacts.PROFILE, AUDITOR), 403);
        HttpApiTest.assertProblem(service.post(PATH + "?from=2025-01-01&to=2025-02-01", TimelineFacts.PROFILE, null), 401);
        assertThat(openApi.documentedStatuses(PATH, "post")).contains("200", "400", "401", "403", "413", "415", "422");
    }

    @Test
    void every_range_problem_is_a_400_naming_its_parameter() {
        Map<String, List<String>> cases = Map.of(
                "from=2025-02-01&to=2025-01-01", List.of("to to_before_from"),
                "from=2025-13-01&to=soon&step=fortnight",
                List.of("from malformed_date", "to malformed_date", "step invalid_value"),
                "to=2025-01-01", List.of("from missing_parameter"),
                "from=1990-01-01&to=2025-01-01&step=day", List.of("step too_many_dates"),
                "from=2025-01-01&from=2025-01-02&to=2025-02-01&trace=none",
                List.of("from repeated_parameter", "trace unknown_parameter"));
        long before = records();
        cases.forEach((query, expected) -> {
            RunningService.Reply reply = service.post(PATH + "?" + query, TimelineFacts.PROFILE, OFFICER);
            HttpApiTest.assertProblem(reply, 400);
            openApi.assertValid("Problem", reply.json());
            List<String> problems = new ArrayList<>();
            reply.json().get("problems").forEach(p -> problems.add(p.get("parameter").asText() + " " + p.get("code").asText()));
            assertThat(problems).as(query).containsExactlyElementsOf(expected);
        });
        RunningService.Reply tooMany = service.post(PATH + "?from=1990-01-01&to=2025-01-01&step=day", TimelineFacts.PROFILE, OFFICER);
        assertThat(tooMany.json().get("detail").asText()).isEqualTo("from 1990-01-01 to 2025-01-01 by day is 12,785 dates; "
                + "a timeline evaluates at most 1,000: take a longer step or a shorter range");
        // The query is checked before the body's type.
        HttpApiTest.assertProblem(service.post(PATH + "?from=x&to=2025-01-01", TimelineFacts.PROFILE, "text/plain", OFFICER), 400);
        HttpApiTest.assertProblem(service.post(PATH + "?from=2025-01-01&to=2025-02-01", TimelineFacts.PROFILE, "text/plain",
                OFFICER), 415);
        assertThat(records()).isEqualTo(before);
    }

    @Test
    void the_profile_is_checked_as_post_advice_checks_it() {
        RunningService.Reply invalid = service.post(PATH + "?from=2025-01-01&to=2025-02-01",
                TimelineFacts.PROFILE.replace("\"gallium\"", "\"galium\""), OFFICER);
        HttpApiTest.assertProblem(invalid, 422);
        openApi.assertValid("Problem", invalid.json());
        assertThat(invalid.json().at("/problems/0/pointer").asText()).isEqualTo("/minerals/0/mineral");
        assertThat(invalid.json().at("/problems/0/suggestion").asText()).isEqualTo("gallium");
        RunningService.Reply malformed = service.post(PATH + "?from=2025-01-01&to=2025-02-01", "{\"country\":", OFFICER);
        HttpApiTest.assertProblem(malformed, 400);
        assertThat(malformed.json().at("/problems/0/code").asText()).isEqualTo("malformed_json");
    }
}

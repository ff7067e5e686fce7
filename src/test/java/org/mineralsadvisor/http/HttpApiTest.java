package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.app.StartupException;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End-to-end: a real server on a free port, driven over HTTP as a client would. */
class HttpApiTest {
    static String india;
    static String japan;

    @BeforeAll
    static void samples() throws Exception {
        india = Files.readString(Path.of("samples/india.json"));
        japan = Files.readString(Path.of("samples/japan.json"));
    }

    /** The advice without the fields that differ between two evaluations of the same profile. */
    static String stable(JsonNode advice) {
        ObjectNode copy = advice.deepCopy();
        copy.remove("id");
        copy.remove("evaluatedAt");
        return copy.toString();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void assertProblem(RunningService.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("https://");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class LocalMode {
        RunningService service;
        OpenApiContract openApi;

        @BeforeAll
        void start(@TempDir Path dir) {
            service = new RunningService(dir, Map.of());
            openApi = new OpenApiContract(service.get("/openapi.json", null).json());
        }

        @AfterAll
        void stop() {
            service.close();
        }

        @Test
        void posts_a_profile_and_reads_the_same_advice_back() {
            RunningService.Reply created = service.post("/v1/advice", india, null);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.contentType()).startsWith("application/json");
            JsonNode advice = created.json();
            openApi.assertValid("Advice", advice);
            assertThat(created.header("Location")).isEqualTo("/v1/advice/" + advice.get("id").asText());
            RunningService.Reply read = service.get(created.header("Location"), null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(created.body());
            openApi.assertValid("Advice", read.json());
        }

        @Test
        void describes_the_active_rule_set_and_fact_base() {
            RunningService.Reply rules = service.get("/v1/rulesets/active", null);
            assertThat(rules.status()).isEqualTo(200);
            openApi.assertValid("RuleSetInfo", rules.json());
            assertThat(rules.json().get("version").asText()).startsWith("sha256:");
            assertThat(rules.json().get("rules")).isNotEmpty().allSatisfy(r -> assertThat(r.get("policyId").asText()).isNotBlank());
            RunningService.Reply facts = service.get("/v1/factbase/active", null);
            assertThat(facts.status()).isEqualTo(200);
            openApi.assertValid("FactBaseInfo", facts.json());
            assertThat(facts.json().at("/rows/minerals").asInt()).isPositive();
            // One oldest row per file, each with its age counted to today; staleness never makes it unready.
            assertThat(facts.json().get("oldestRows")).hasSize(facts.json().get("files").size());
            facts.json().get("oldestRows").forEach(row -> assertThat(row.get("stale").asBoolean())
                    .isEqualTo(!row.get("maxAgeDays").isNull() && row.get("ageDays").asInt() > row.get("maxAgeDays").asInt()));
            facts.json().get("lapsedSuspensions").forEach(l -> assertThat(java.time.LocalDate.parse(
                    l.get("suspendedUntil").asText())).isBefore(java.time.LocalDate.parse(facts.json().get("today").asText())));
            assertThat(service.get("/readyz", null).status()).isEqualTo(200);
        }

        @Test
        void health_readiness_and_metrics() {
            RunningService.Reply health = service.get("/healthz", null);
            assertThat(health.status()).isEqualTo(200);
            openApi.assertValid("Health", health.json());
            RunningService.Reply ready = service.get("/readyz", null);
            assertThat(ready.status()).isEqualTo(200);
            openApi.assertValid("Ready", ready.json());
            service.post("/v1/advice", japan, null);
            // Request metrics are recorded once the response is on its way: allow a moment.
            RunningService.Reply metrics = service.get("/metrics", null);
            for (int i = 0; i < 50 && !metrics.body().contains("route=\"/v1/advice\",status=\"201\""); i++) {
                sleep(20);
                metrics = service.get("/metrics", null);
            }
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/v1/advice\",status=\"201\"")
                    .contains("advisor_evaluations_total{outcome=\"advised\"}")
                    .contains("advisor_rule_firings_total")
                    .contains("advisor_audit_records_written_total")
                    .contains("advisor_audit_write_seconds_bucket")
                    .contains("advisor_audit_write_failures_total")
                    .containsPattern("advisor_ruleset_active\\{version=\"sha256:[0-9a-f]{64}\"} 1");
        }

        @Test
        void every_documented_operation_exists_and_answers_a_documented_status() {
            for (String[] op : List.of(new String[]{"/healthz", "get"}, new String[]{"/readyz", "get"},
                    new String[]{"/metrics", "get"}, new String[]{"/openapi.json", "get"},
                    new String[]{"/v1/rulesets/active", "get"}, new String[]{"/v1/factbase/active", "get"})) {
                RunningService.Reply reply = service.get(op[0], null);
                assertThat(openApi.documentedStatuses(op[0], op[1])).contains(Integer.toString(reply.status()));
            }
            assertThat(openApi.documentedStatuses("/v1/advice", "post")).contains("201", "400", "401", "403", "413", "422", "500", "503");
            assertThat(openApi.documentedStatuses("/v1/advice/{id}", "get")).contains("200", "404");
        }

        @Test
        void a_body_declared_as_another_media_type_is_415_saying_what_to_send() throws Exception {
            for (String path : List.of("/v1/advice", "/v1/rulesets")) {
                RunningService.Reply reply = service.post(path, "{}", "text/plain; charset=utf-8", null);
                assertProblem(reply, 415);
                openApi.assertValid("Problem", reply.json());
                assertThat(reply.json().get("detail").asText())
                        .isEqualTo("the body is declared as text/plain; send JSON with Content-Type: application/json");
                assertThat(reply.header("Accept-Post")).isEqualTo("application/json");
            }
            String india = Files.readString(Path.of("samples/india.json"));
            // What curl --data-binary sends, no Content-Type at all, and JSON with a charset are all accepted.
            for (String type : java.util.Arrays.asList("application/x-www-form-urlencoded", null,
                    "application/json; charset=UTF-8", "Application/JSON")) {
                assertThat(service.post("/v1/advice", india, type, null).status()).as(String.valueOf(type)).isEqualTo(201);
            }
        }

        @Test
        void malformed_json_is_400_with_the_position() {
            RunningService.Reply reply = service.post("/v1/advice", "{\"country\": \"IND\",", null);
            assertProblem(reply, 400);
            openApi.assertValid("Problem", reply.json());
            assertThat(reply.json().at("/problems/0/code").asText()).isEqualTo("malformed_json");
            assertThat(reply.json().at("/problems/0/message").asText()).contains("line 1");
        }

        @Test
        void wrong_types_unknown_fields_unknown_ids_and_out_of_range_numbers_are_422_listing_every_path() {
            String profile = """
                    {"country": "INDD", "asOf": "2026-02-04", "colour": "red", "memberships": ["QUADD"],
                     "capabilities": {"chipDesign": "yes"}, "stockpileBudgetUsd": -5,
                     "minerals": [{"mineral": "galium", "annualDemandTonnes": 0, "imports": [{"from": "CHN", "tonnes": "lots"}]}]}""";
            RunningService.Reply reply = service.post("/v1/advice", profile, null);
            assertProblem(reply, 422);
            openApi.assertValid("Problem", reply.json());
            List<String> pointers = new ArrayList<>();
            reply.json().get("problems").forEach(p -> pointers.add(p.get("pointer").asText() + " " + p.get("code").asText()));
            assertThat(pointers).containsExactlyInAnyOrder("/colour unknown_field", "/country unknown_country",
                    "/memberships/0 unknown_coalition", "/capabilities/chipDesign wrong_type",
                    "/stockpileBudgetUsd out_of_range", "/minerals/0/mineral unknown_mineral",
                    "/minerals/0/annualDemandTonnes out_of_range", "/minerals/0/imports/0/tonnes wrong_type");
            assertThat(reply.json().get("problems")).anySatisfy(p -> assertThat(p.path("suggestion").asText()).isEqualTo("gallium"));
        }

        @Test
        void nan_and_infinite_numbers_are_rejected_at_their_path() {
            RunningService.Reply reply = service.post("/v1/advice",
                    "{\"country\":\"IND\",\"asOf\":\"2026-02-04\",\"minerals\":[{\"mineral\":\"gallium\",\"annualDemandTonnes\":NaN}]}", null);
            assertProblem(reply, 422);
            assertThat(reply.json().at("/problems/0/pointer").asText()).isEqualTo("/minerals/0/annualDemandTonnes");
        }

        @Test
        void a_body_over_the_limit_is_413() {
            byte[] big = new byte[1024 * 1024 + 1];
            java.util.Arrays.fill(big, (byte) ' ');
            RunningService.Reply reply = service.post("/v1/advice", big, null);
            assertProblem(reply, 413);
            openApi.assertValid("Problem", reply.json());
        }

        @Test
        void wrong_method_is_405_with_allow_and_unknown_route_is_404() {
            RunningService.Reply wrong = service.send("DELETE", "/v1/advice", null);
            assertProblem(wrong, 405);
            assertThat(wrong.header("Allow")).isEqualTo("POST");
            RunningService.Reply put = service.send("PUT", "/v1/advice/adv_x", null);
            assertProblem(put, 405);
            assertThat(put.header("Allow")).isEqualTo("GET, HEAD");
            assertProblem(service.get("/v2/nothing", null), 404);
            RunningService.Reply missing = service.get("/v1/advice/adv_00000000000000000000000000", null);
            assertProblem(missing, 404);
            openApi.assertValid("Problem", missing.json());
        }

        @Test
        void an_unknown_query_parameter_is_400_naming_it_on_every_route_and_nothing_is_stored() {
            long before = service.app.service().store().verify().records();
            // POST /v1/advice takes trace (TraceParameterTest) and nothing else.
            RunningService.Reply advice = service.post("/v1/advice?verbose=false", india, null);
            assertProblem(advice, 400);
            openApi.assertValid("Problem", advice.json());
            assertThat(advice.json().at("/problems/0/parameter").asText()).isEqualTo("verbose");
            assertThat(advice.json().at("/problems/0/code").asText()).isEqualTo("unknown_parameter");
            assertThat(advice.json().get("detail").asText()).contains("'verbose'");
            assertThat(service.app.service().store().verify().records()).isEqualTo(before);
            for (String path : List.of("/healthz?x=1", "/readyz?x=1", "/metrics?x=1", "/openapi.json?x=1",
                    "/v1/rulesets/active?x=1", "/v1/factbase/active?x=1", "/v1/audit/verify?x=1",
                    "/v1/advice/adv_x?x=1", "/v1/audit/advice/adv_x/export?x=1")) {
                RunningService.Reply reply = service.get(path, null);
                assertProblem(reply, 400);
                assertThat(reply.json().at("/problems/0/parameter").asText()).as(path).isEqualTo("x");
            }
            assertProblem(service.post("/v1/advice/adv_x/replay?x=1", "", null), 400);
        }

        @Test
        void nothing_is_stored_for_a_rejected_profile() {
            long before = service.app.service().store().verify().records();
            service.post("/v1/advice", "{\"country\":\"IND\"}", null);
            service.post("/v1/advice", "not json", null);
            assertThat(service.app.service().store().verify().records()).isEqualTo(before);
        }

        @Test
        void parallel_evaluations_give_the_same_advice_as_serial_ones() throws Exception {
            String indiaSerial = stable(service.post("/v1/advice", india, null).json());
            String japanSerial = stable(service.post("/v1/advice", japan, null).json());
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<RunningService.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 48; i++) {
                    String body = i % 2 == 0 ? india : japan;
                    replies.add(pool.submit(() -> service.post("/v1/advice", body, null)));
                }
                Set<String> ids = new java.util.HashSet<>();
                for (int i = 0; i < replies.size(); i++) {
                    RunningService.Reply reply = replies.get(i).get();
                    assertThat(reply.status()).isEqualTo(201);
                    assertThat(stable(reply.json())).isEqualTo(i % 2 == 0 ? indiaSerial : japanSerial);
                    ids.add(reply.json().get("id").asText());
                }
                assertThat(ids).hasSize(48);
            } finally {
                pool.shutdownNow();
            }
            assertThat(service.app.service().store().verify().valid()).isTrue();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithApiKeys {
        RunningService service;

        @BeforeAll
        void start(@TempDir Path dir) {
            String keys = String.join(",",
                    "officer:o1:" + ApiKeys.sha256Hex("officer-one-secret"),
                    "officer:o2:" + ApiKeys.sha256Hex("officer-two-secret"),
                    "auditor:a1:" + ApiKeys.sha256Hex("auditor-secret"),
                    "expert:e1:" + ApiKeys.sha256Hex("expert-secret"),
                    "admin:x1:" + ApiKeys.sha256Hex("admin-secret"));
            service = new RunningService(dir, Map.of(Setting.API_KEYS, keys));
        }

        @AfterAll
        void stop() {
            service.close();
        }

        @Test
        void no_key_or_an_unknown_key_is_401_with_a_bearer_challenge() {
            for (String key : new String[]{null, "wrong-secret"}) {
                RunningService.Reply reply = service.post("/v1/advice", india, key);
                assertProblem(reply, 401);
                assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
                assertProblem(service.get("/v1/rulesets/active", key), 401);
            }
        }

        @Test
        void head_passes_the_same_key_role_and_query_checks_as_get() {
            assertThat(service.send("HEAD", "/v1/audit/verify", null).status()).isEqualTo(401);
            assertThat(service.send("HEAD", "/v1/audit/verify", "officer-one-secret").status()).isEqualTo(403);
            RunningService.Reply allowed = service.send("HEAD", "/v1/audit/verify", "auditor-secret");
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.body()).isEmpty();
            assertThat(allowed.contentType()).startsWith("application/json");
            assertThat(service.send("HEAD", "/healthz?x=1", null).status()).isEqualTo(400);
            assertThat(service.send("HEAD", "/v2/nothing", null).status()).isEqualTo(404);
        }

        @Test
        void each_role_gets_403_outside_its_routes() {
            assertProblem(service.get("/v1/rulesets/active", "officer-one-secret"), 403);
            assertProblem(service.get("/v1/factbase/active", "auditor-secret"), 403);
            assertProblem(service.get("/v1/rulesets", "officer-one-secret"), 403);
            assertProblem(service.post("/v1/rulesets", "{}", "auditor-secret"), 403);
            assertProblem(service.post("/v1/rulesets/sha256:x/approve", "", "officer-one-secret"), 403);
            assertProblem(service.post("/v1/advice", india, "expert-secret"), 403);
            assertProblem(service.post("/v1/advice", india, "auditor-secret"), 403);
            String id = service.post("/v1/advice", india, "officer-one-secret").json().get("id").asText();
            assertProblem(service.get("/v1/advice/" + id, "expert-secret"), 403);
        }

        @Test
        void a_403_names_the_role_the_method_and_the_route_template() {
            RunningService.Reply reply = service.get("/v1/audit/verify", "officer-one-secret");
            assertProblem(reply, 403);
            assertThat(reply.json().get("detail").asText()).contains("role officer may not GET /v1/audit/verify")
                    .doesNotContain("*");
            RunningService.Reply read = service.get("/v1/advice/adv_x", "expert-secret");
            assertThat(read.json().get("detail").asText()).contains("role expert may not GET /v1/advice/{id}");
        }

        @Test
        void each_role_reaches_its_routes() {
            RunningService.Reply created = service.post("/v1/advice", japan, "officer-one-secret");
            assertThat(created.status()).isEqualTo(201);
            String location = created.header("Location");
            assertThat(service.get(location, "officer-one-secret").status()).isEqualTo(200);
            assertThat(service.get(location, "auditor-secret").status()).isEqualTo(200);
            assertThat(service.get(location, "admin-secret").status()).isEqualTo(200);
            assertThat(service.get("/v1/rulesets/active", "expert-secret").status()).isEqualTo(200);
            assertThat(service.get("/v1/factbase/active", "expert-secret").status()).isEqualTo(200);
            assertThat(service.get("/v1/rulesets/active", "admin-secret").status()).isEqualTo(200);
            assertThat(service.post("/v1/advice", india, "admin-secret").status()).isEqualTo(201);
        }

        @Test
        void an_officer_reads_only_the_advice_given_to_its_own_key() {
            String location = service.post("/v1/advice", japan, "officer-one-secret").header("Location");
            assertProblem(service.get(location, "officer-two-secret"), 404);
        }

        @Test
        void health_metrics_and_openapi_are_public() {
            assertThat(service.get("/healthz", null).status()).isEqualTo(200);
            assertThat(service.get("/readyz", null).status()).isEqualTo(200);
            assertThat(service.get("/metrics", null).status()).isEqualTo(200);
            assertThat(service.get("/openapi.json", null).status()).isEqualTo(200);
        }

        @Test
        void the_session_names_the_keys_role_and_the_views_it_may_use() {
            OpenApiContract openApi = new OpenApiContract(service.get("/openapi.json", null).json());
            RunningService.Reply anonymous = service.get("/v1/session", null);
            assertThat(anonymous.status()).isEqualTo(200);
            openApi.assertValid("Session", anonymous.json());
            assertThat(anonymous.json().get("local").asBoolean()).isFalse();
            assertThat(anonymous.json().get("role").isNull()).isTrue();
            assertThat(anonymous.json().get("views")).isEmpty();
            assertProblem(service.get("/v1/session", "wrong-secret"), 401);
            Map<String, String> views = Map.of(
                    "officer-one-secret", "[\"officer\"]",
                    "auditor-secret", "[\"auditor\",\"rulesets\"]",
                    "expert-secret", "[\"rulesets\"]",
                    "admin-secret", "[\"officer\",\"auditor\",\"rulesets\"]");
            for (var entry : views.entrySet()) {
                RunningService.Reply reply = service.get("/v1/session", entry.getKey());
                openApi.assertValid("Session", reply.json());
                assertThat(reply.json().get("views").toString()).as(entry.getKey()).isEqualTo(entry.getValue());
            }
            assertThat(service.get("/v1/session", "expert-secret").json().get("keyId").asText()).isEqualTo("e1");
            assertThat(service.get("/v1/session", "expert-secret").body()).doesNotContain("expert-secret");
        }

        @Test
        void the_catalogue_lists_the_fact_bases_ids_with_names_for_every_role() {
            OpenApiContract openApi = new OpenApiContract(service.get("/openapi.json", null).json());
            assertProblem(service.get("/v1/catalogue", null), 401);
            for (String key : new String[]{"officer-one-secret", "auditor-secret", "expert-secret", "admin-secret"}) {
                RunningService.Reply reply = service.get("/v1/catalogue", key);
                assertThat(reply.status()).isEqualTo(200);
                openApi.assertValid("Catalogue", reply.json());
            }
            var facts = service.app.service().knowledge().facts();
            JsonNode catalogue = service.get("/v1/catalogue", "officer-one-secret").json();
            assertThat(catalogue.get("countries")).hasSize(facts.countries().size());
            assertThat(catalogue.get("minerals")).hasSize(facts.minerals().size());
            assertThat(catalogue.get("coalitions")).hasSize(facts.coalitions().size());
            assertThat(catalogue.get("factBase").asText()).isEqualTo(facts.version());
            JsonNode first = catalogue.get("countries").get(0);
            assertThat(first.get("name").asText())
                    .isEqualTo(facts.countries().get(first.get("id").asText()).name());
        }

        @Test
        void the_web_page_is_public_says_its_charset_and_forbids_foreign_and_inline_code() {
            RunningService.Reply page = service.get("/", null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).matches("text/html; ?charset=utf-8");
            assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\">");
            assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'")
                    .doesNotContain("unsafe-inline").doesNotContain("http");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            RunningService.Reply script = service.get("/js/app.js", null);
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.contentType()).matches("text/javascript; ?charset=utf-8");
            RunningService.Reply sample = service.get("/samples/india.json", null);
            assertThat(sample.status()).isEqualTo(200);
            assertThat(sample.body()).contains("\"country\": \"IND\"");
            // No module of the page loads anything from another origin.
            for (String module : new String[]{"/js/app.js", "/js/api.js", "/js/officer.js", "/js/advice-view.js", "/app.css"}) {
                assertThat(service.get(module, null).body()).as(module).doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg)");
            }
            assertProblem(service.get("/js/nothing.js", null), 404);
        }

        @Test
        void the_stored_record_names_the_role_and_key_id_but_never_the_key() {
            String id = service.post("/v1/advice", india, "officer-two-secret").json().get("id").asText();
            var record = service.app.service().find(id).orElseThrow();
            assertThat(record.role()).isEqualTo("officer");
            assertThat(record.keyId()).isEqualTo("o2");
            assertThat(record.toString()).doesNotContain("officer-two-secret");
        }
    }

    @Nested
    class Limits {
        @TempDir
        Path dir;

        @Test
        void an_evaluation_over_its_firing_limit_is_500_and_nothing_is_stored() {
            try (RunningService service = new RunningService(dir, Map.of(Setting.MAX_FIRINGS, "5"))) {
                RunningService.Reply reply = service.post("/v1/advice", india, null);
                assertProblem(reply, 500);
                assertThat(reply.json().get("detail").asText()).contains("nothing was stored");
                assertThat(service.get("/v1/audit/advice", null).json().get("items")).isEmpty();
                assertThat(service.get("/healthz", null).status()).isEqualTo(200);
            }
        }

        @Test
        void an_evaluation_over_its_time_limit_is_503_and_nothing_is_stored() {
            try (RunningService service = new RunningService(dir, Map.of(Setting.EVALUATION_TIMEOUT_MS, "0"))) {
                RunningService.Reply reply = service.post("/v1/advice", india, null);
                assertProblem(reply, 503);
                assertThat(reply.header("Retry-After")).isNotNull();
                assertThat(service.get("/v1/audit/advice", null).json().get("items")).isEmpty();
                assertThat(service.get("/healthz", null).status()).isEqualTo(200);
            }
        }

        @Test
        void a_smaller_body_limit_applies() {
            try (RunningService service = new RunningService(dir, Map.of(Setting.MAX_BODY_BYTES, "100"))) {
                assertProblem(service.post("/v1/advice", india, null), 413);
            }
        }

        @Test
        void starts_only_with_the_rule_set_and_fact_base_versions_it_is_told_to_activate() throws Exception {
            String rules = new org.mineralsadvisor.rules.RuleSetCompiler().compile(Path.of("rules")).version();
            String facts = new org.mineralsadvisor.facts.FactBaseLoader().load(Path.of("facts")).version();
            try (RunningService service = new RunningService(dir, Map.of(Setting.RULESET_VERSION, rules,
                    Setting.FACTBASE_VERSION, facts))) {
                assertThat(service.get("/readyz", null).json().get("ruleSet").asText()).isEqualTo(rules);
            }
            assertThatThrownBy(() -> new RunningService(dir, Map.of(Setting.RULESET_VERSION, "sha256:" + "0".repeat(64))))
                    .isInstanceOf(StartupException.class).hasMessageContaining("is the one to activate");
            assertThatThrownBy(() -> new RunningService(dir, Map.of(Setting.FACTBASE_VERSION, "sha256:" + "0".repeat(64))))
                    .isInstanceOf(StartupException.class).hasMessageContaining("fact base");
        }

        @Test
        void refuses_to_bind_a_non_loopback_address_without_keys() {
            assertThatThrownBy(() -> new RunningService(dir, Map.of(Setting.HOST, "0.0.0.0")))
                    .isInstanceOf(StartupException.class).hasMessageContaining("refusing to bind 0.0.0.0 without API keys");
        }

        @Test
        void a_broken_rule_set_stops_start_up_with_located_errors() throws Exception {
            Path rules = dir.resolve("rules");
            Files.createDirectories(rules);
            Files.copy(Path.of("rules/policies.yaml"), rules.resolve("policies.yaml"));
            Files.writeString(rules.resolve("broken.drl"), "package minerals.advisor;\nrule \"x\" when then end end\n");
            assertThatThrownBy(() -> new RunningService(dir, Map.of(Setting.RULES, rules.toString())))
                    .isInstanceOf(StartupException.class).hasMessageContaining("rules/broken.drl:2:");
        }

        @Test
        void settings_come_from_flag_then_environment_then_config_file_then_default() throws Exception {
            Path config = dir.resolve("advisor.yaml");
            Files.writeString(config, "port: 1234\nworkers: 3\nmaxFirings: 99\n");
            Settings settings = Settings.resolve(Map.of(Setting.PORT, "4321"), Map.of("ADVISOR_WORKERS", "5"), config);
            assertThat(settings.integer(Setting.PORT)).isEqualTo(4321);
            assertThat(settings.integer(Setting.WORKERS)).isEqualTo(5);
            assertThat(settings.integer(Setting.MAX_FIRINGS)).isEqualTo(99);
            assertThat(settings.integer(Setting.EVALUATION_TIMEOUT_MS)).isEqualTo(5000);
            Files.writeString(config, "prot: 1\n");
            assertThatThrownBy(() -> Settings.resolve(Map.of(), Map.of(), config)).hasMessageContaining("unknown setting(s) [prot]");
        }
    }
}

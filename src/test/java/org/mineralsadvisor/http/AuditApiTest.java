package org.mineralsadvisor.http;

import org.mineralsadvisor.testing.Directories;
import org.mineralsadvisor.testing.StoredAdvice;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.audit.ActivationRequest;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.replay.Bundle;
import org.mineralsadvisor.replay.BundleCheck;
import org.mineralsadvisor.replay.BundleVerifier;
import org.mineralsadvisor.transparency.TrustedKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mineralsadvisor.http.HttpApiTest.assertProblem;

/** The auditors' views over HTTP: search, verify, replay, export; and their roles. */
class AuditApiTest {
    @TempDir
    Path dir;

    private static final String KEYS = String.join(",",
            "officer:o1:" + ApiKeys.sha256Hex("officer-secret"),
            "auditor:a1:" + ApiKeys.sha256Hex("auditor-secret"),
            "expert:e1:" + ApiKeys.sha256Hex("expert-secret"));

    @Test
    void search_pages_with_a_stable_cursor_and_filters() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            for (String sample : List.of("india", "japan", "germany", "singapore", "india")) {
                assertThat(service.post("/v1/advice", Files.readString(Path.of("samples", sample + ".json")), "officer-secret")
                        .status()).isEqualTo(201);
            }
            OpenApiContract openApi = new OpenApiContract(service.get("/openapi.json", null).json());
            RunningService.Reply page1 = service.get("/v1/audit/advice?limit=2", "auditor-secret");
            assertThat(page1.status()).isEqualTo(200);
            openApi.assertValid("AuditPage", page1.json());
            assertThat(countries(page1.json())).containsExactly("IND", "SGP");
            assertThat(page1.json().get("excluded")).isEmpty();
            String cursor = page1.json().get("nextCursor").asText();
            service.post("/v1/advice", Files.readString(Path.of("samples/japan.json")), "officer-secret");
            RunningService.Reply page2 = service.get("/v1/audit/advice?limit=2&cursor=" + cursor, "auditor-secret");
            assertThat(countries(page2.json())).containsExactly("DEU", "JPN");
            RunningService.Reply page3 = service.get("/v1/audit/advice?limit=2&cursor="
                    + page2.json().get("nextCursor").asText(), "auditor-secret");
            assertThat(countries(page3.json())).containsExactly("IND");
            assertThat(page3.json().get("nextCursor").isNull()).isTrue();

            assertThat(countries(service.get("/v1/audit/advice?country=IND", "auditor-secret").json())).containsExactly("IND", "IND");
            // India's corridors are the only TIER_1 (HIGH) corridors among the samples.
            assertThat(countries(service.get("/v1/audit/advice?type=CORRIDOR&priority=HIGH", "auditor-secret").json()))
                    .containsOnly("IND");
            assertThat(countries(service.get("/v1/audit/advice?policyId=COR-GATE", "auditor-secret").json()))
                    .containsOnly("IND", "DEU");
            String version = service.get("/v1/advice/" + page1.json().at("/items/0/id").asText(), "auditor-secret")
                    .json().at("/ruleSet/version").asText();
            assertThat(service.get("/v1/audit/advice?ruleSet=" + version, "auditor-secret").json().get("items")).hasSize(6);
            assertThat(service.get("/v1/audit/advice?from=2000-01-01&to=2001-01-01", "auditor-secret").json().get("items")).isEmpty();
            assertThat(service.get("/v1/audit/advice?from=2000-01-01", "auditor-secret").json().get("items")).hasSize(6);

            RunningService.Reply bad = service.get("/v1/audit/advice?limit=9999&type=MINE&cursor=zzz&colour=red", "auditor-secret");
            assertProblem(bad, 400);
            openApi.assertValid("Problem", bad.json());
            List<String> parameters = new ArrayList<>();
            bad.json().get("problems").forEach(p -> parameters.add(p.get("parameter").asText()));
            assertThat(parameters).containsExactlyInAnyOrder("colour", "type", "limit", "cursor");
        }
    }

    @Test
    void search_ids_match_whatever_their_case_and_a_malformed_country_is_a_400_naming_it() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), null);
            service.post("/v1/advice", Files.readString(Path.of("samples/japan.json")), null);
            assertThat(countries(service.get("/v1/audit/advice?country=ind", null).json())).containsExactly("IND");
            assertThat(countries(service.get("/v1/audit/advice?country=%20Jpn%20", null).json())).containsExactly("JPN");
            assertThat(countries(service.get("/v1/audit/advice?type=corridor&priority=high", null).json()))
                    .containsExactly("IND");

            RunningService.Reply bad = service.get("/v1/audit/advice?country=India", null);
            assertProblem(bad, 400);
            assertThat(bad.json().at("/problems/0/parameter").asText()).isEqualTo("country");
            assertThat(bad.json().at("/problems/0/code").asText()).isEqualTo("malformed_country");
            assertThat(bad.json().at("/problems/0/message").asText())
                    .isEqualTo("country 'India' is not an ISO 3166-1 alpha-3 code (three letters, e.g. IND)");
        }
    }

    @Test
    void a_repeated_query_parameter_is_a_400_naming_it_not_its_first_value() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), null);
            RunningService.Reply bad = service.get("/v1/audit/advice?country=IND&country=JPN&limit=5", null);
            assertProblem(bad, 400);
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("Problem", bad.json());
            assertThat(bad.json().get("problems")).hasSize(1);
            assertThat(bad.json().at("/problems/0/parameter").asText()).isEqualTo("country");
            assertThat(bad.json().at("/problems/0/code").asText()).isEqualTo("repeated_parameter");
            assertThat(bad.json().at("/problems/0/message").asText())
                    .isEqualTo("query parameter 'country' is given 2 times; give it once");
            // The same value twice is still twice: the caller's query is not what they think.
            assertThat(service.get("/v1/audit/advice?type=CORRIDOR&type=CORRIDOR", null).json().at("/problems/0/code").asText())
                    .isEqualTo("repeated_parameter");
            // A route that takes no parameters names a repeated one once, as unknown.
            RunningService.Reply twice = service.get("/v1/factbase/active?x=1&x=2", null);
            assertProblem(twice, 400);
            assertThat(twice.json().get("problems")).hasSize(1);
            assertThat(twice.json().at("/problems/0/code").asText()).isEqualTo("unknown_parameter");
        }
    }

    @Test
    void audit_views_are_for_auditors_and_admins() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            String id = service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), "officer-secret")
                    .json().get("id").asText();
            for (String key : List.of("officer-secret", "expert-secret")) {
                assertProblem(service.get("/v1/audit/advice", key), 403);
                assertProblem(service.get("/v1/audit/verify", key), 403);
                assertProblem(service.post("/v1/advice/" + id + "/replay", "", key), 403);
                assertProblem(service.get("/v1/audit/advice/" + id + "/export", key), 403);
            }
            assertProblem(service.get("/v1/audit/verify", null), 401);
            assertThat(service.get("/v1/audit/verify", "auditor-secret").status()).isEqualTo(200);
        }
    }

    @Test
    void verify_reports_a_valid_chain_and_names_a_hand_altered_record() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(service.post("/v1/advice", Files.readString(Path.of("samples/japan.json")), null).json().get("id").asText());
            }
            OpenApiContract openApi = new OpenApiContract(service.get("/openapi.json", null).json());
            JsonNode valid = service.get("/v1/audit/verify", null).json();
            openApi.assertValid("ChainStatus", valid);
            assertThat(valid.get("valid").asBoolean()).isTrue();
            // The rule set's first activation, the signing key and the three advice.
            assertThat(valid.get("records").asLong()).isEqualTo(5);
            assertThat(valid.get("firstBroken").isNull()).isTrue();

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 PreparedStatement s = c.prepareStatement("UPDATE advice_records SET country = 'CHN' WHERE id = ?")) {
                s.setString(1, ids.get(1));
                s.executeUpdate();
            }
            JsonNode broken = service.get("/v1/audit/verify", null).json();
            openApi.assertValid("ChainStatus", broken);
            assertThat(broken.get("valid").asBoolean()).isFalse();
            assertThat(broken.get("records").asLong()).isEqualTo(4);
            assertThat(broken.get("firstBroken").asText()).isEqualTo(ids.get(1));
        }
    }

    @Test
    void a_search_row_edited_in_the_database_is_named_by_verify_and_its_record_kept_out_of_the_search() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), null);
            String japan = service.post("/v1/advice", Files.readString(Path.of("samples/japan.json")), null).json()
                    .get("id").asText();
            OpenApiContract openApi = new OpenApiContract(service.get("/openapi.json", null).json());
            // A recommendation of Japan's advice, and a priority no recommendation of its type has there.
            JsonNode recommendations = service.get("/v1/advice/" + japan, null).json().get("recommendations");
            int position = 0;
            String priority = null;
            for (int i = 0; i < recommendations.size() && priority == null; i++) {
                String type = recommendations.get(i).get("type").asText();
                for (String candidate : List.of("HIGH", "MEDIUM", "LOW", "INFO")) {
                    boolean given = false;
                    for (JsonNode r : recommendations) {
                        given |= r.get("type").asText().equals(type) && r.get("priority").asText().equals(candidate);
                    }
                    if (!given) {
                        position = i + 1;
                        priority = candidate;
                        break;
                    }
                }
            }
            assertThat(priority).as("a priority Japan's advice does not give").isNotNull();
            JsonNode edited = recommendations.get(position - 1);
            String type = edited.get("type").asText();
            String search = "/v1/audit/advice?type=" + type + "&priority=" + priority;
            JsonNode before = service.get(search, null).json();
            assertThat(ids(before)).doesNotContain(japan);
            assertThat(before.get("excluded")).isEmpty();

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 PreparedStatement s = c.prepareStatement("UPDATE advice_recommendations SET priority = ? "
                         + "WHERE seq = (SELECT seq FROM advice_records WHERE id = ?) AND position = ?")) {
                s.setString(1, priority);
                s.setString(2, japan);
                s.setInt(3, position);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            // Japan's advice is the last record: after the service's own records and India's advice.
            long seq = service.get("/v1/audit/advice?country=JPN", null).json().at("/items/0/seq").asLong();
            String stored = type + " " + edited.get("subject").asText() + " " + priority + " "
                    + edited.get("policyId").asText();
            String given = type + " " + edited.get("subject").asText() + " " + edited.get("priority").asText() + " "
                    + edited.get("policyId").asText();
            String mismatch = "search rows do not match the record: recommendation " + position + " is stored as "
                    + stored + ", the advice has " + given;

            RunningService.Reply page = service.get(search, null);
            assertThat(page.status()).isEqualTo(200);
            openApi.assertValid("AuditPage", page.json());
            assertThat(ids(page.json())).doesNotContain(japan);
            assertThat(page.json().get("excluded")).hasSize(1);
            assertThat(page.json().at("/excluded/0/id").asText()).isEqualTo(japan);
            assertThat(page.json().at("/excluded/0/seq").asLong()).isEqualTo(seq);
            assertThat(page.json().at("/excluded/0/reason").asText()).isEqualTo(mismatch
                    + "; by its advice the record does not match this search");
            // Found by what its advice says, it is listed with the recommendations its advice has.
            JsonNode all = service.get("/v1/audit/advice?country=JPN", null).json();
            assertThat(ids(all)).containsExactly(japan);
            assertThat(all.at("/items/0/recommendations/" + (position - 1) + "/priority").asText())
                    .isEqualTo(edited.get("priority").asText());

            JsonNode verify = service.get("/v1/audit/verify", null).json();
            openApi.assertValid("ChainStatus", verify);
            assertThat(verify.get("valid").asBoolean()).isFalse();
            assertThat(verify.get("records").asLong()).isEqualTo(seq);
            assertThat(verify.get("firstBroken").asText()).isEqualTo(japan);
            assertThat(verify.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(verify.get("reason").asText()).isEqualTo(mismatch);
        }
    }

    @Test
    void a_stored_advice_that_no_longer_decompresses_is_a_problem_naming_the_record_and_verify_names_it() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            String id = service.post("/v1/advice", Files.readString(Path.of("samples/japan.json")), null).json()
                    .get("id").asText();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 PreparedStatement s = c.prepareStatement("UPDATE advice_records SET advice_z = ? WHERE id = ?")) {
                s.setBytes(1, "not a frame".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                s.setString(2, id);
                s.executeUpdate();
            }
            RunningService.Reply read = service.get("/v1/advice/" + id, null);
            assertThat(read.status()).isEqualTo(500);
            assertThat(read.contentType()).startsWith("application/problem+json");
            assertThat(read.json().get("type").asText()).endsWith("record-unreadable");
            assertThat(read.json().get("detail").asText()).contains(id).contains("seq 3")
                    .contains("cannot be decompressed").doesNotContain("Exception");
            JsonNode verify = service.get("/v1/audit/verify", null).json();
            assertThat(verify.get("valid").asBoolean()).isFalse();
            assertThat(verify.get("firstBroken").asText()).isEqualTo(id);
        }
    }

    @Test
    void replay_is_identical_for_advice_given_under_an_older_rule_set_after_the_rules_on_disk_changed() throws Exception {
        Path rules = Directories.copy(Path.of("rules"), dir.resolve("rules"));
        String oldId;
        String oldVersion;
        try (RunningService service = new RunningService(dir, Map.of(Setting.RULES, rules.toString()))) {
            JsonNode advice = service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), null).json();
            oldId = advice.get("id").asText();
            oldVersion = advice.at("/ruleSet/version").asText();
        }
        // A domain expert tightens the chokepoint threshold (its parameter in policies.yaml) and adds a
        // comment: a new rule-set version. (Its scenarios pin the old threshold, so they go: a rule set
        // whose tests fail never activates.)
        Directories.delete(rules.resolve("tests"));
        Path policies = rules.resolve("policies.yaml");
        String catalogue = Files.readString(policies);
        assertThat(catalogue).contains("      share: 0.60\n");
        Files.writeString(policies, catalogue.replace("      share: 0.60\n", "      share: 0.99\n"));
        Path stockpile = rules.resolve("stockpile.drl");
        Files.writeString(stockpile, Files.readString(stockpile) + "\n// tightened\n");
        try (RunningService service = new RunningService(dir, Map.of(Setting.RULES, rules.toString()))) {
            JsonNode fresh = service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), null).json();
            assertThat(fresh.at("/ruleSet/version").asText()).isNotEqualTo(oldVersion);
            // (nearMisses may still name the factor: that is what a tightened threshold puts there.)
            assertThat((fresh.get("recommendations").toString() + fresh.get("trace")).contains("GLOBAL_CHOKEPOINT"))
                    .as("no chokepoint under the new rules").isFalse();

            RunningService.Reply replay = service.post("/v1/advice/" + oldId + "/replay", "", null);
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.json().get("identical").asBoolean()).as(replay.body()).isTrue();
            assertThat(replay.json().get("ruleSet").asText()).isEqualTo(oldVersion);
            assertThat(replay.json().get("differences")).isEmpty();

            assertProblem(service.post("/v1/advice/adv_nope/replay", "", null), 404);
        }
    }

    @Test
    void replay_runs_within_the_firing_limit_the_service_was_started_with() throws Exception {
        String id;
        // A generous time limit: on a loaded machine the first evaluation must not time out.
        try (RunningService service = new RunningService(dir, Map.of(Setting.EVALUATION_TIMEOUT_MS, "120000"))) {
            RunningService.Reply created = service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), null);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().get("id").asText();
        }
        try (RunningService service = new RunningService(dir, Map.of(Setting.MAX_FIRINGS, "5",
                Setting.EVALUATION_TIMEOUT_MS, "120000"))) {
            RunningService.Reply replay = service.post("/v1/advice/" + id + "/replay", "", null);
            assertProblem(replay, 500);
            assertThat(replay.json().get("type").asText()).endsWith("/evaluation-limit");
            assertThat(replay.json().get("detail").asText()).contains("limit 5");
        }
    }

    @Test
    void replay_reports_the_difference_when_a_stored_advice_was_altered() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            String id = service.post("/v1/advice", Files.readString(Path.of("samples/germany.json")), null).json().get("id").asText();
            StoredAdvice.edit("jdbc:sqlite:" + dir.resolve("advisor.db"), id,
                    advice -> advice.replace("\"priority\":\"HIGH\"", "\"priority\":\"LOW\""));
            JsonNode replay = service.post("/v1/advice/" + id + "/replay", "", null).json();
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("ReplayResult", replay);
            assertThat(replay.get("identical").asBoolean()).isFalse();
            assertThat(replay.get("differences")).isNotEmpty()
                    .anySatisfy(d -> assertThat(d.get("pointer").asText()).endsWith("/priority"));
        }
    }

    @Test
    void export_gives_a_bundle_that_verifies_offline() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            // Sent compact: the input value gives the received text back, so no inputText is needed.
            String compactInput = RunningService.JSON.readTree(Files.readString(Path.of("samples/india.json"))).toString();
            String id = service.post("/v1/advice", compactInput, null).json().get("id").asText();
            service.post("/v1/advice", Files.readString(Path.of("samples/japan.json")), null);
            RunningService.Reply export = service.get("/v1/audit/advice/" + id + "/export", null);
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.header("Content-Disposition")).contains(id);
            JsonNode bundle = export.json();
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("AuditBundle", bundle);
            assertThat(bundle.get("format").asText()).isEqualTo("minerals-advisor/audit-bundle@4");
            assertThat(bundle.get("kind").asText()).isEqualTo("advice");
            assertThat(bundle.get("advice")).isEqualTo(service.get("/v1/advice/" + id, null).json());
            assertThat(bundle.at("/advice/recommendations").isArray()).isTrue();
            assertThat(bundle.get("input").toString()).isEqualTo(compactInput);
            assertThat(bundle.has("inputText")).isFalse();
            assertThat(bundle.at("/factBase/fileSha256/minerals.csv").asText()).hasSize(64);
            assertThat(bundle.at("/record/id").asText()).isEqualTo(id);
            assertThat(bundle.at("/ruleSet/files")).isNotEmpty();
            assertThat(bundle.at("/factBase/files/minerals.csv").asText()).startsWith("id,name");
            assertThat(bundle.at("/chain/links")).hasSize(1);
            assertThat(bundle.at("/chain/headSeq").asLong()).isEqualTo(4);
            // No stored checkpoint covered the advice (seq 3): the service signed one of the head.
            assertThat(bundle.at("/checkpoint/seq").asLong()).isEqualTo(4);
            assertThat(bundle.at("/checkpoint/headHash").asText()).isEqualTo(bundle.at("/chain/headHash").asText());
            JsonNode key = service.get("/v1/audit/key", null).json();
            assertThat(bundle.at("/checkpoint/keyId").asText()).isEqualTo(key.get("keyId").asText());
            assertThat(bundle.get("keys")).hasSize(1);
            assertThat(bundle.at("/keys/0/publicKey").asText()).isEqualTo(key.get("publicKey").asText());
            assertThat(service.get("/v1/audit/checkpoint", null).json().get("seq").asLong()).as("the checkpoint is stored")
                    .isEqualTo(4);

            Path pem = dir.resolve("key.pem");
            Files.writeString(pem, key.get("pem").asText());
            Bundle parsed = Bundle.read(export.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            List<BundleCheck> checks = new BundleVerifier().verify(parsed, false, TrustedKey.read(pem));
            assertThat(checks).as(checks.toString()).allMatch(BundleCheck::passed)
                    .extracting(BundleCheck::name).contains("keys", "checkpoint signature", "checkpoint covers record");
            assertThat(checks).anySatisfy(c -> assertThat(c.detail()).contains("checked against your key " + pem));
            assertThat(new BundleVerifier().verify(parsed, false)).allMatch(BundleCheck::passed)
                    .anySatisfy(c -> assertThat(c.detail()).contains("trust on first use"));
            assertProblem(service.get("/v1/audit/advice/adv_nope/export", null), 404);
        }
    }

    @Test
    void when_the_service_refuses_to_sign_the_export_carries_the_latest_checkpoint_and_does_not_verify() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            // The checkpoint the service signs on its start (seq 2: the activation and the key).
            assertThat(service.get("/v1/audit/checkpoint", null).json().get("seq").asLong()).isEqualTo(2);
            List<String> ids = new ArrayList<>();
            for (String sample : List.of("india", "japan")) {
                ids.add(service.post("/v1/advice", Files.readString(Path.of("samples", sample + ".json")), null).json()
                        .get("id").asText());
            }
            // Someone with write access to the database edits the second advice: the service signs no more.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 PreparedStatement s = c.prepareStatement("UPDATE advice_records SET country = 'CHN' WHERE id = ?")) {
                s.setString(1, ids.get(1));
                s.executeUpdate();
            }
            RunningService.Reply export = service.get("/v1/audit/advice/" + ids.get(0) + "/export", null);
            assertThat(export.status()).as(export.body()).isEqualTo(200);
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("AuditBundle", export.json());
            assertThat(export.json().at("/checkpoint/seq").asLong()).isEqualTo(2);
            List<BundleCheck> checks = new BundleVerifier().verify(
                    Bundle.read(export.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)), false);
            assertThat(checks).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("checkpoint covers record");
                assertThat(c.passed()).isFalse();
                assertThat(c.detail()).startsWith("the checkpoint (seq 2) does not cover this record (seq 3)");
            });
            assertThat(checks).filteredOn(c -> c.name().equals("checkpoint signature")).allMatch(BundleCheck::passed);
        }
    }

    @Test
    void an_activation_is_exported_by_its_id_through_the_same_route_and_the_chain_passes_over_it() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of())) {
            String id = service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), null).json().get("id").asText();
            String version = service.get("/v1/advice/" + id, null).json().at("/ruleSet/version").asText();
            // A second store on the same file, as a second instance would be: one chain.
            try (JdbcAuditStore other = JdbcAuditStore.open(dir.resolve("advisor.db").toString(), new SimpleMeterRegistry())) {
                assertThat(other.appendActivation(new ActivationRequest("act_http", Instant.parse("2026-11-25T09:00:00Z"),
                        version, version, "expert-a", List.of("expert-a", "expert-b"), "activated again",
                        "{\"tests\":{\"passed\":4}}"))).isEqualTo(4);
            }
            service.post("/v1/advice", Files.readString(Path.of("samples/japan.json")), null);
            OpenApiContract contract = new OpenApiContract(service.get("/openapi.json", null).json());

            JsonNode advice = service.get("/v1/audit/advice/" + id + "/export", null).json();
            contract.assertValid("AuditBundle", advice);
            assertThat(advice.at("/chain/links/0/kind").asText()).isEqualTo("activation");
            assertThat(advice.at("/chain/links/1/kind").asText()).isEqualTo("advice");

            RunningService.Reply export = service.get("/v1/audit/advice/act_http/export", null);
            assertThat(export.status()).isEqualTo(200);
            JsonNode activation = export.json();
            contract.assertValid("ActivationBundle", activation);
            assertThat(activation.get("kind").asText()).isEqualTo("activation");
            // seq 1 is the service's first activation of the rule set, 2 its signing key, 3 the advice.
            assertThat(activation.at("/record/seq").asLong()).isEqualTo(4);
            assertThat(activation.at("/summary/tests/passed").asInt()).isEqualTo(4);
            assertThat(activation.at("/chain/headSeq").asLong()).isEqualTo(5);
            var checks = new BundleVerifier().verify(Bundle.read(RunningService.JSON.writeValueAsBytes(activation)), false);
            assertThat(checks).allMatch(BundleCheck::passed);
            JsonNode verify = service.get("/v1/audit/verify", null).json();
            assertThat(verify.get("valid").asBoolean()).isTrue();
            assertThat(verify.get("records").asLong()).isEqualTo(5);
            assertThat(service.get("/v1/audit/advice/act_nope/export", null).json().get("detail").asText())
                    .contains("no advice or rule-set activation with id act_nope");
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static List<String> countries(JsonNode page) {
        List<String> countries = new ArrayList<>();
        page.get("items").forEach(item -> countries.add(item.get("country").asText()));
        return countries;
    }
}

package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.authoring.RuleSetFiles;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.testing.Directories;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule-set lifecycle end to end on a real service: uploads through the gate, two-person
 * activation, rollback, the activation records in the audit chain, and the watched rules
 * directory under load.
 */
class RuleSetLifecycleTest {
    private static final String E1 = "expert-one-secret";
    private static final String E2 = "expert-two-secret";
    private static final String OFFICER = "officer-secret";
    private static final String AUDITOR = "auditor-secret";
    private static final String KEYS = String.join(",",
            "expert:e1:" + ApiKeys.sha256Hex(E1),
            "expert:e2:" + ApiKeys.sha256Hex(E2),
            "officer:o1:" + ApiKeys.sha256Hex(OFFICER),
            "auditor:a1:" + ApiKeys.sha256Hex(AUDITOR));

    private static final byte[] INDIA = read(Path.of("samples/india.json"));

    @Test
    void an_upload_needs_a_second_experts_approval_and_a_rollback_needs_one(@TempDir Path dir) throws Exception {
        Path rules = Directories.copy(Path.of("rules"), dir.resolve("rules"));
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS,
                Setting.RULES, rules.toString(), Setting.WATCH_RULES, "false"))) {
            OpenApiContract openApi = new OpenApiContract(service.get("/openapi.json", null).json());
            JsonNode listed = service.get("/v1/rulesets", AUDITOR).json();
            openApi.assertValid("RuleSetList", listed);
            String original = listed.get("active").asText();
            assertThat(listed.get("approvalsRequired").asInt()).isEqualTo(2);
            assertThat(listed.get("ruleSets")).hasSize(1);
            assertThat(listed.get("ruleSets").get(0).get("status").asText()).isEqualTo("active");

            ObjectNode upload = upload(rules, "stockpile.drl", "// a reviewed comment\n", "clarify the stockpile rules");
            assertThat(service.post("/v1/rulesets", upload.toString(), OFFICER).status()).isEqualTo(403);

            RunningService.Reply proposed = service.post("/v1/rulesets", upload.toString(), E1);
            assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
            String candidate = proposed.json().get("ruleSet").get("version").asText();
            assertThat(candidate).isNotEqualTo(original);
            assertThat(proposed.header("Location")).endsWith(candidate.replace(":", "%3A"));
            assertThat(proposed.json().get("ruleSet").get("status").asText()).isEqualTo("ready");
            openApi.assertValid("RuleSetDetails", proposed.json());
            assertThat(proposed.json().get("tests").get("passed").asInt()).isGreaterThan(100);
            assertThat(proposed.json().get("tests").get("failed").asInt()).isZero();
            assertThat(service.get("/v1/rulesets/active", E1).json().get("version").asText()).isEqualTo(original);

            RunningService.Reply again = service.post("/v1/rulesets/" + candidate + "/approve", "", E1);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains("e1 has already approved");
            RunningService.Reply early = service.post("/v1/rulesets/" + candidate + "/activate", "", E1);
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.body()).contains("1 of the 2 approvals");

            RunningService.Reply approved = service.post("/v1/rulesets/" + candidate + "/approve", "", E2);
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().get("status").asText()).isEqualTo("active");
            openApi.assertValid("RuleSetEntry", approved.json());
            openApi.assertValid("Problem", again.json());
            assertThat(service.get("/v1/rulesets/active", E1).json().get("version").asText()).isEqualTo(candidate);
            JsonNode advice = service.post("/v1/advice", INDIA, OFFICER).json();
            assertThat(advice.get("ruleSet").get("version").asText()).isEqualTo(candidate);

            RunningService.Reply rollback = service.post("/v1/rulesets/" + original + "/activate",
                    "{\"reason\": \"back out while we review\"}", E2);
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
            assertThat(service.get("/v1/rulesets/active", E1).json().get("version").asText()).isEqualTo(original);
            JsonNode all = service.get("/v1/rulesets", AUDITOR).json();
            openApi.assertValid("RuleSetList", all);
            assertThat(statusOf(all, candidate)).isEqualTo("retired");
            assertThat(statusOf(all, original)).isEqualTo("active");

            assertThat(service.post("/v1/rulesets/" + candidate + "/activate", "{\"reasn\": \"x\"}", E1).status())
                    .isEqualTo(422);
            assertThat(service.post("/v1/rulesets/" + candidate + "/approve", "{\"reason\": \"x\"}", E1).status())
                    .isEqualTo(422);
            assertThat(service.get("/v1/rulesets/active", E1).json().get("version").asText()).isEqualTo(original);
            RunningService.Reply again2 = service.post("/v1/rulesets", upload.toString(), E2);
            assertThat(again2.status()).as("the same files again create nothing").isEqualTo(200);
            assertThat(again2.json().get("ruleSet").get("proposer").asText()).isEqualTo("e1");

            JsonNode verify = service.get("/v1/audit/verify", AUDITOR).json();
            assertThat(verify.get("valid").asBoolean()).as(verify.toString()).isTrue();
            // The first activation, the signing key, the upload's activation, the rollback's, and one advice.
            assertThat(verify.get("records").asLong()).isEqualTo(5);

            // Approving a version that was active before is a rollback: one expert suffices.
            RunningService.Reply back = service.post("/v1/rulesets/" + candidate + "/approve", "", E1);
            assertThat(back.status()).as(back.body()).isEqualTo(200);
            assertThat(back.json().get("status").asText()).isEqualTo("active");
            JsonNode latest = service.get("/v1/rulesets", AUDITOR).json().get("activations").get(0);
            assertThat(latest.get("approvers").toString()).isEqualTo("[\"e1\"]");
            assertThat(latest.get("reason").asText()).isEqualTo("rollback to an earlier active version");
            JsonNode rollbackRecord = all.get("activations").get(0);
            assertThat(rollbackRecord.get("version").asText()).isEqualTo(original);
            assertThat(rollbackRecord.get("previousVersion").asText()).isEqualTo(candidate);
            assertThat(rollbackRecord.get("approvers").toString()).isEqualTo("[\"e2\"]");
            assertThat(rollbackRecord.get("reason").asText()).isEqualTo("back out while we review");
            JsonNode upgrade = all.get("activations").get(1);
            assertThat(upgrade.get("proposer").asText()).isEqualTo("e1");
            assertThat(upgrade.get("approvers").toString()).isEqualTo("[\"e1\",\"e2\"]");
            RunningService.Reply exported = service.get("/v1/audit/advice/" + rollbackRecord.get("id").asText() + "/export",
                    AUDITOR);
            assertThat(exported.status()).as(exported.body()).isEqualTo(200);
            org.mineralsadvisor.replay.Bundle bundle = org.mineralsadvisor.replay.Bundle.read(
                    exported.body().getBytes(StandardCharsets.UTF_8));
            assertThat(new org.mineralsadvisor.replay.BundleVerifier().verify(bundle, false))
                    .allMatch(org.mineralsadvisor.replay.BundleCheck::passed).isNotEmpty();
        }
    }

    @Test
    void a_rejected_upload_lists_its_located_problems_and_changes_nothing(@TempDir Path dir) throws Exception {
        Path rules = Directories.copy(Path.of("rules"), dir.resolve("rules"));
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS,
                Setting.RULES, rules.toString(), Setting.WATCH_RULES, "false"))) {
            String active = service.get("/v1/rulesets/active", E1).json().get("version").asText();
            ObjectNode upload = upload(rules, "stockpile.drl", "rule \"broken\"\n    when\n        $x : \nthen\nend\n",
                    "a broken rule");
            RunningService.Reply rejected = service.post("/v1/rulesets", upload.toString(), E1);
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
            assertThat(rejected.json().get("problems").get(0).get("file").asText()).isEqualTo("rules/stockpile.drl");
            assertThat(rejected.json().get("problems").get(0).get("line").asInt()).isPositive();
            assertThat(rejected.json().get("problems").get(0).get("code").asText()).isEqualTo("drl_error");
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("Problem", rejected.json());
            String version = rejected.header("Location").substring("/v1/rulesets/".length()).replace("%3A", ":");
            JsonNode candidates = service.get("/v1/rulesets/candidates", AUDITOR).json().get("candidates");
            assertThat(candidates).hasSize(1);
            assertThat(candidates.get(0).get("problems").get(0).get("code").asText()).isEqualTo("drl_error");
            assertThat(candidates.get(0).get("ruleSet").get("status").asText()).isEqualTo("rejected");
            assertThat(candidates.get(0).get("problems").toString()).contains("rules/stockpile.drl");
            assertThat(service.post("/v1/rulesets/" + version + "/approve", "", E2).status()).isEqualTo(409);
            assertThat(service.get("/v1/rulesets/active", E1).json().get("version").asText()).isEqualTo(active);

            ObjectNode infinite = upload(rules, "stockpile.drl", "", "an infinite threshold");
            ((ObjectNode) infinite.get("files")).put("policies.yaml", infinite.get("files").get("policies.yaml").asText()
                    .replace("threshold: 0.50", "threshold: 1e999"));
            RunningService.Reply notFinite = service.post("/v1/rulesets", infinite.toString(), E1);
            assertThat(notFinite.status()).as(notFinite.body()).isEqualTo(422);
            assertThat(notFinite.json().get("problems").get(0).get("file").asText()).isEqualTo("rules/policies.yaml");
            assertThat(notFinite.json().get("problems").get(0).get("code").asText()).isEqualTo("parameter_not_numeric");

            RunningService.Reply badName = service.post("/v1/rulesets",
                    "{\"files\": {\"../evil.drl\": \"x\"}, \"reason\": \"r\"}", E1);
            assertThat(badName.status()).isEqualTo(422);
            assertThat(badName.json().get("problems").get(0).get("pointer").asText()).isEqualTo("/files/..~1evil.drl");
            assertThat(Files.exists(dir.resolve("evil.drl"))).isFalse();
            assertThat(service.post("/v1/rulesets", "{not json", E1).status()).isEqualTo(400);
            assertThat(service.get("/v1/rulesets/sha256:" + "0".repeat(64), E1).status()).isEqualTo(404);
        }
    }

    @Test
    void a_saved_change_is_gated_and_activated_while_requests_keep_succeeding(@TempDir Path dir) throws Exception {
        Path rules = Directories.copy(Path.of("rules"), dir.resolve("rules"));
        try (RunningService service = new RunningService(dir, Map.of(Setting.RULES, rules.toString()))) {
            String original = service.get("/v1/rulesets/active", null).json().get("version").asText();
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> versionsServed = new ConcurrentLinkedQueue<>();
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        RunningService.Reply reply = service.post("/v1/advice", INDIA, null);
                        if (reply.status() != 201) {
                            failures.add(reply.status() + " " + reply.body());
                        } else {
                            versionsServed.add(reply.json().get("ruleSet").get("version").asText());
                        }
                    }
                });
                t.start();
                load.add(t);
            }
            try {
                Path drl = rules.resolve("stockpile.drl");
                String good = Files.readString(drl);
                Files.writeString(drl, good.replace("rule \"Defence-critical mineral\"",
                        "rule \"Defence-critical mineral\" oops"));
                awaitTrue(Duration.ofSeconds(20), () -> service.get("/v1/rulesets/candidates", null).json()
                        .get("candidates").size() == 1);
                JsonNode rejected = service.get("/v1/rulesets/candidates", null).json().get("candidates").get(0);
                assertThat(rejected.get("ruleSet").get("status").asText()).isEqualTo("rejected");
                assertThat(rejected.get("problems").get(0).get("file").asText()).isEqualTo("rules/stockpile.drl");
                assertThat(rejected.get("problems").get(0).get("line").asInt()).isPositive();
                assertThat(service.get("/v1/rulesets/active", null).json().get("version").asText()).isEqualTo(original);

                Files.writeString(drl, "// saved by an expert\n" + good);
                Instant saved = Instant.now();
                awaitTrue(Duration.ofSeconds(20), () -> !service.get("/v1/rulesets/active", null).json()
                        .get("version").asText().equals(original));
                assertThat(Duration.between(saved, Instant.now())).isLessThan(Duration.ofSeconds(15));
            } finally {
                running.set(false);
                for (Thread t : load) {
                    t.join();
                }
            }
            assertThat(failures).isEmpty();
            String now = service.get("/v1/rulesets/active", null).json().get("version").asText();
            assertThat(versionsServed).contains(original);
            assertThat(service.post("/v1/advice", INDIA, null).json().get("ruleSet").get("version").asText())
                    .isEqualTo(now);
        }
    }

    @Test
    void the_impact_of_a_raised_tier_threshold_is_exactly_the_one_corridor_it_moves(@TempDir Path dir) throws Exception {
        Path rules = Directories.copy(Path.of("rules"), dir.resolve("rules"));
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS,
                Setting.RULES, rules.toString(), Setting.WATCH_RULES, "false"))) {
            for (String sample : List.of("india", "japan", "germany", "singapore")) {
                assertThat(service.post("/v1/advice", read(Path.of("samples", sample + ".json")), OFFICER).status())
                        .isEqualTo(201);
            }
            ObjectNode upload = upload(rules, "stockpile.drl", "", "tier 1 from 85 points");
            ObjectNode files = (ObjectNode) upload.get("files");
            String policies = files.get("policies.yaml").asText();
            assertThat(policies).contains("tier_1_min_score: 70\n");
            files.put("policies.yaml", policies.replace("tier_1_min_score: 70\n", "tier_1_min_score: 85\n"));
            // The scenarios pin the tier edges at 70, so the gate rejects it; its impact can still be read.
            RunningService.Reply rejected = service.post("/v1/rulesets", upload.toString(), E1);
            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.body()).contains("tier");
            String version = rejected.header("Location").substring("/v1/rulesets/".length());

            RunningService.Reply impact = service.get("/v1/rulesets/" + version + "/impact?against=active&limit=10", AUDITOR);
            assertThat(impact.status()).as(impact.body()).isEqualTo(200);
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("ImpactPreview", impact.json());
            JsonNode report = impact.json().get("impact");
            assertThat(report.get("profiles").asInt()).isEqualTo(4);
            assertThat(report.get("changed").asInt()).isEqualTo(1);
            JsonNode only = report.get("impacts");
            assertThat(only).hasSize(1);
            assertThat(only.toString()).contains("IND_REC_ANDHRA").contains("TIER_1").contains("TIER_2");
            assertThat(report.get("byType").toString()).isEqualTo("{\"CORRIDOR\":{\"added\":0,\"removed\":0,\"changed\":1}}");
            JsonNode ruleDiff = impact.json().get("rules");
            assertThat(ruleDiff.get("changed")).hasSize(1);
            assertThat(ruleDiff.toString()).contains("tier_1_min_score").contains("\"before\":\"70\"")
                    .contains("\"after\":\"85\"");
            assertThat(service.get("/v1/rulesets/" + version + "/impact?limit=0", E1).status()).isEqualTo(400);
            assertThat(service.get("/v1/rulesets/" + version + "/impact?since=x", E1).status()).isEqualTo(400);
            assertThat(service.get("/v1/rulesets/" + version + "/impact", OFFICER).status()).isEqualTo(403);
        }
    }

    @Test
    void hostile_uploads_are_rejected_naming_the_file_and_nothing_runs(@TempDir Path dir) throws Exception {
        Path marker = Path.of("target/hostile-marker");
        Files.deleteIfExists(marker);
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS, Setting.WATCH_RULES, "false"))) {
            String active = service.get("/v1/rulesets/active", E1).json().get("version").asText();
            for (String hostile : List.of("exit-in-function", "write-file", "runtime-exec", "forname-concatenated",
                    "metadata-expression", "endless-loop", "new-thread", "read-environment", "mvel-dialect")) {
                Path set = Path.of("src/test/resources/hostile", hostile, "rules");
                ObjectNode body = RunningService.JSON.createObjectNode();
                ObjectNode files = body.putObject("files");
                RuleSetFiles.read(set).forEach(files::put);
                body.put("reason", "hostile: " + hostile);
                RunningService.Reply reply = service.post("/v1/rulesets", body.toString(), E1);
                assertThat(reply.status()).as(hostile + ": " + reply.body()).isEqualTo(422);
                assertThat(reply.json().get("problems").toString()).as(hostile)
                        .contains("\"file\":\"rules/" + hostile + ".drl\"");
            }
            assertThat(marker).doesNotExist();
            assertThat(service.get("/v1/rulesets/active", E1).json().get("version").asText()).isEqualTo(active);
            assertThat(service.post("/v1/advice", INDIA, OFFICER).status()).isEqualTo(201);
            assertThat(service.get("/v1/rulesets/candidates", AUDITOR).json().get("candidates")).hasSize(9);
        }
    }

    @Test
    void a_restart_serves_the_last_activation_and_gates_a_changed_directory(@TempDir Path dir) throws Exception {
        Path rules = Directories.copy(Path.of("rules"), dir.resolve("rules"));
        Map<Setting, String> settings = Map.of(Setting.API_KEYS, KEYS, Setting.RULES, rules.toString(),
                Setting.WATCH_RULES, "false");
        String original;
        String uploaded;
        try (RunningService service = new RunningService(dir, settings)) {
            original = service.get("/v1/rulesets/active", E1).json().get("version").asText();
            ObjectNode upload = upload(rules, "coalitions.drl", "// reviewed\n", "a comment");
            uploaded = service.post("/v1/rulesets", upload.toString(), E1).json().get("ruleSet").get("version").asText();
            assertThat(service.post("/v1/rulesets/" + uploaded + "/approve", "", E2).status()).isEqualTo(200);
        }
        // The directory still holds the original files, but the store says the upload is active.
        try (RunningService service = new RunningService(dir, settings)) {
            assertThat(service.get("/v1/rulesets/active", E1).json().get("version").asText()).isEqualTo(uploaded);
        }
        Path drl = rules.resolve("diversification.drl");
        Files.writeString(drl, "// edited while the service was down\n" + Files.readString(drl));
        try (RunningService service = new RunningService(dir, settings)) {
            assertThat(service.get("/v1/rulesets/active", E1).json().get("version").asText()).isEqualTo(uploaded);
            awaitTrue(Duration.ofSeconds(30), () -> edited(service.get("/v1/rulesets/candidates", E1).json(),
                    original) != null);
            JsonNode fromDisk = edited(service.get("/v1/rulesets/candidates", E1).json(), original);
            assertThat(fromDisk.get("ruleSet").get("origin").asText()).isEqualTo("disk");
            assertThat(fromDisk.get("ruleSet").get("status").asText()).isEqualTo("ready");
            assertThat(fromDisk.get("ruleSet").get("proposer").asText()).isEqualTo("rules-directory");
            assertThat(fromDisk.get("ruleSet").get("approvals")).isEmpty();
        }
    }

    private static JsonNode edited(JsonNode candidates, String original) {
        for (JsonNode c : candidates.get("candidates")) {
            if (!c.get("ruleSet").get("version").asText().equals(original)) {
                return c;
            }
        }
        return null;
    }

    private static String statusOf(JsonNode list, String version) {
        for (JsonNode entry : list.get("ruleSets")) {
            if (entry.get("version").asText().equals(version)) {
                return entry.get("status").asText();
            }
        }
        return null;
    }

    /** The directory's files as an upload, with {@code prefix} put before one file's text. */
    private static ObjectNode upload(Path rules, String file, String prefix, String reason) {
        ObjectNode body = RunningService.JSON.createObjectNode();
        ObjectNode files = body.putObject("files");
        RuleSetFiles.read(rules).forEach((name, text) -> files.put(name, name.equals(file) ? prefix + text : text));
        body.put("reason", reason);
        return body;
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

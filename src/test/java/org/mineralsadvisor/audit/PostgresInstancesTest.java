package org.mineralsadvisor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mineralsadvisor.app.Application;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two service instances sharing one PostgreSQL: one gap-free, valid chain; either serves any advice. */
class PostgresInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String schema;
    private final List<Application> apps = new ArrayList<>();
    /** One key per deployment: the instances share this file (see KeyRing). */
    @org.junit.jupiter.api.io.TempDir
    Path keys;

    @BeforeAll
    static void reachable() {
        PostgresAuditStoreTest.requirePostgres();
    }

    @AfterEach
    void stop() throws Exception {
        apps.forEach(Application::close);
        try (Connection c = AuditStoreContract.connect(PostgresAuditStoreTest.BASE); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Application start(String db) {
        return start(db, keys.resolve("deployment-key.pem"));
    }

    private Application start(String db, Path signingKey) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.PORT, "0");
        flags.put(Setting.DB, db);
        flags.put(Setting.SIGNING_KEY, signingKey.toString());
        // This test is about one chain from two writers, not about load shedding: on a shared,
        // loaded machine 60 concurrent evaluations must queue rather than get 503.
        flags.put(Setting.QUEUE_WAIT_MS, "120000");
        flags.put(Setting.EVALUATION_TIMEOUT_MS, "120000");
        Application app = Application.start(Settings.resolve(flags, Map.of(), null));
        apps.add(app);
        return app;
    }

    @Test
    void two_instances_write_one_valid_chain_concurrently() throws Exception {
        schema = "advisor_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String db = PostgresAuditStoreTest.freshSchemaUrl(schema);
        Application a = start(db);
        Application b = start(db);
        String india = Files.readString(Path.of("samples/india.json"));
        String japan = Files.readString(Path.of("samples/japan.json"));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                Application target = i % 2 == 0 ? a : b;
                String body = i % 3 == 0 ? japan : india;
                replies.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(target.url() + "/v1/advice"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())));
            }
            Set<String> ids = new HashSet<>();
            for (Future<HttpResponse<String>> reply : replies) {
                HttpResponse<String> response = reply.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                ids.add(JSON.readTree(response.body()).get("id").asText());
            }
            assertThat(ids).hasSize(60);
            for (Application app : List.of(a, b)) {
                JsonNode verify = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(app.url() + "/v1/audit/verify")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(verify.get("valid").asBoolean()).isTrue();
                // The 60 advice, the first activation of the rule set and the deployment's signing key.
                assertThat(verify.get("records").asLong()).isEqualTo(62);
            }
            String anId = ids.iterator().next();
            for (Application app : List.of(a, b)) {
                HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/v1/advice/" + anId + "/replay"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(JSON.readTree(replay.body()).get("identical").asBoolean()).as(replay.body()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode get(Application app, String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(app.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(Application app, String path, String body) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(app.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void two_instances_sign_one_log_with_the_deployments_key_and_a_third_with_another_key_is_refused() throws Exception {
        schema = "advisor_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String db = PostgresAuditStoreTest.freshSchemaUrl(schema);
        Application a = start(db);
        Application b = start(db);
        String india = Files.readString(Path.of("samples/india.json"));
        post(a, "/v1/advice", india);
        JsonNode fromA = post(a, "/v1/audit/checkpoint", "");
        post(b, "/v1/advice", india);
        JsonNode fromB = post(b, "/v1/audit/checkpoint", "");
        // One log, one key: both instances' checkpoints name the same log and key, at their own heads.
        assertThat(fromB.get("logId").asText()).isEqualTo(fromA.get("logId").asText());
        assertThat(fromB.get("keyId").asText()).isEqualTo(fromA.get("keyId").asText())
                .isEqualTo(get(b, "/v1/audit/key").get("keyId").asText());
        assertThat(fromB.get("seq").asLong()).isEqualTo(fromA.get("seq").asLong() + 1);
        assertThat(get(a, "/v1/audit/keys").get("keys")).hasSize(1);
        // Either instance proves that the log extends the checkpoint the other signed.
        JsonNode proof = get(b, "/v1/audit/consistency?from=" + fromA.get("seq").asLong() + "&hash="
                + fromA.get("headHash").asText());
        assertThat(proof.get("consistent").asBoolean()).as(proof.toString()).isTrue();
        assertThat(proof.get("links")).hasSize(1);
        JsonNode verify = get(a, "/v1/audit/verify");
        assertThat(verify.get("valid").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.at("/checkpoints/checked").asInt()).isGreaterThanOrEqualTo(2);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(db, keys.resolve("another-key.pem")))
                .isInstanceOf(org.mineralsadvisor.app.StartupException.class)
                .hasMessageContaining("the audit log is signed with key " + fromA.get("keyId").asText());
    }

    @Test
    void audit_verify_on_a_schema_that_holds_no_store_says_so_and_creates_nothing() throws Exception {
        schema = "advisor_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String db = PostgresAuditStoreTest.freshSchemaUrl(schema);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = org.mineralsadvisor.cli.Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "audit", "verify", "--db", db);
        assertThat(code).as(out + " " + err).isEqualTo(2);
        assertThat(err.toString()).contains("no audit store at").contains("currentSchema=" + schema);
        try (Connection c = AuditStoreContract.connect(PostgresAuditStoreTest.BASE); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                     + schema + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("a read-only command created the schema").isZero();
        }
    }

    @Test
    void an_activation_on_one_instance_is_served_by_the_other_within_5_seconds() throws Exception {
        schema = "advisor_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String db = PostgresAuditStoreTest.freshSchemaUrl(schema);
        Application a = start(db);
        Application b = start(db);
        String original = a.service().knowledge().rules().version();
        assertThat(b.service().knowledge().rules().version()).isEqualTo(original);
        com.fasterxml.jackson.databind.node.ObjectNode upload = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode files = upload.putObject("files");
        org.mineralsadvisor.authoring.RuleSetFiles.read(Path.of("rules")).forEach((name, text) ->
                files.put(name, name.equals("corridors.drl") ? "// reviewed\n" + text : text));
        upload.put("reason", "a comment");
        // Local single-user mode: one approval (the uploader's) activates it on instance a.
        HttpResponse<String> proposed = http.send(HttpRequest.newBuilder(URI.create(a.url() + "/v1/rulesets"))
                .POST(HttpRequest.BodyPublishers.ofString(upload.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        String candidate = JSON.readTree(proposed.body()).get("ruleSet").get("version").asText();
        assertThat(a.service().knowledge().rules().version()).isEqualTo(candidate);
        long activated = System.nanoTime();
        while (!b.service().knowledge().rules().version().equals(candidate)) {
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - activated)).isLessThan(java.time.Duration.ofSeconds(5));
            Thread.sleep(50);
        }
        HttpResponse<String> advice = http.send(HttpRequest.newBuilder(URI.create(b.url() + "/v1/advice"))
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples/india.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(advice.body()).get("ruleSet").get("version").asText()).isEqualTo(candidate);
    }
}

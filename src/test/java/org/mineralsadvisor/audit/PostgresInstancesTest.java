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
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.PORT, "0");
        flags.put(Setting.DB, db);
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
                // The 60 advice and the first activation of the rule set.
                assertThat(verify.get("records").asLong()).isEqualTo(61);
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

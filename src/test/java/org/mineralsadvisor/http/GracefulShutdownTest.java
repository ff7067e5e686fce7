package org.mineralsadvisor.http;

import org.mineralsadvisor.testing.ServerProcess;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.JdbcAuditStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM to a real `advisor serve` process: in-flight requests finish, the store closes cleanly. */
class GracefulShutdownTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sigterm_lets_in_flight_requests_finish_and_keeps_every_given_advice() throws Exception {
        Path db = dir.resolve("advisor.db");
        Process server = ServerProcess.start("--db", db.toString(), "--workers", "2", "--queue-wait-ms", "30000");
        try {
            String base = ServerProcess.awaitListening(server);
            String profile = slowProfile();
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/advice"))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(profile)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(300); // the requests are now queued for, or running on, the two workers
            server.destroy(); // SIGTERM
            long stoppedAt = System.nanoTime();
            List<String> given = new ArrayList<>();
            int finishedAfterSigterm = 0;
            for (CompletableFuture<HttpResponse<String>> reply : replies) {
                HttpResponse<String> response = reply.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isIn(201, 503);
                if (response.statusCode() == 201) {
                    given.add(JSON.readTree(response.body()).get("id").asText());
                    finishedAfterSigterm += System.nanoTime() > stoppedAt ? 1 : 0;
                }
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(given).as("requests in flight at SIGTERM were answered").isNotEmpty();
            assertThat(finishedAfterSigterm).isPositive();
            try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
                ChainStatus chain = store.verify();
                assertThat(chain.valid()).isTrue();
                for (String id : given) {
                    assertThat(store.find(id)).as("advice " + id + " was recorded").isPresent();
                }
            }
        } finally {
            server.destroyForcibly(); // never leave a server behind, whatever failed
        }
    }

    /** 300 corridors make the ranking work for a while: long enough to be in flight. */
    private static String slowProfile() throws Exception {
        ObjectNode profile = (ObjectNode) JSON.readTree(Files.readString(Path.of("samples/india.json")));
        ArrayNode corridors = profile.putArray("corridors");
        for (int i = 0; i < 300; i++) {
            ObjectNode c = corridors.addObject();
            c.put("id", "C" + i);
            c.put("resourceTonnesReo", 1000 * i);
            c.put("separationCapacityTpa", i * 20);
            c.put("portDistanceKm", i);
            c.put("powerAvailable", i % 2 == 0);
            c.put("magnetPlantLinked", i % 3 == 0);
            c.put("clearance", i % 5 == 0 ? "PENDING" : "GRANTED");
        }
        return profile.toString();
    }
}

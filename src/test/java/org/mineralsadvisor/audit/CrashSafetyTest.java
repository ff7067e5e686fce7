package org.mineralsadvisor.audit;

import org.mineralsadvisor.testing.ServerProcess;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL in the middle of a write burst loses no acknowledged advice and leaves a valid chain. */
class CrashSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sigkill_mid_burst_loses_no_acknowledged_advice() throws Exception {
        Path db = dir.resolve("advisor.db");
        Process server = ServerProcess.start("--db", db.toString());
        try {
            String base = ServerProcess.awaitListening(server);
            String profile = Files.readString(Path.of("samples/japan.json"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 8; i++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/advice"))
                                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(profile)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 201) {
                                acknowledged.add(JSON.readTree(response.body()).get("id").asText());
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet(); // the server died under this request: it was never acknowledged
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            List<String> given = List.copyOf(acknowledged);
            assertThat(given).hasSizeGreaterThanOrEqualTo(40);
            try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new SimpleMeterRegistry())) {
                ChainStatus chain = store.verify();
                assertThat(chain.valid()).as(chain.toString()).isTrue();
                assertThat(chain.records()).isGreaterThanOrEqualTo(given.size());
                for (String id : given) {
                    assertThat(store.find(id)).as("acknowledged advice " + id).isPresent();
                }
            }
        } finally {
            server.destroyForcibly(); // never leave a server behind, whatever failed
        }
    }
}

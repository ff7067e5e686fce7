package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.testing.ServerProcess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real `advisor serve` process. Every request the server has taken in gets its
 * whole answer: those being evaluated finish, one still arriving gets a 503 problem document,
 * a client that went away holds nothing up; readyz turns 503; then the store closes. The test
 * waits on conditions the server reports (its active-request gauge, readyz), never on time.
 */
class GracefulShutdownTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACTIVE = Pattern.compile("^http_server_requests_active(?:\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);
    private static final int IN_FLIGHT = 8;

    @TempDir
    Path dir;

    @Test
    void sigterm_answers_every_request_taken_in_then_closes_the_store() throws Exception {
        Path db = dir.resolve("advisor.db");
        Path log = dir.resolve("server.log");
        // Limits far above what a loaded machine needs: this test is about the stop, not about them.
        Process server = ServerProcess.startLoggingTo(log, "--db", db.toString(), "--workers", "2", "--queue-wait-ms", "120000",
                "--evaluation-timeout-ms", "120000", "--shutdown-grace-ms", "120000");
        try {
            String base = ServerProcess.awaitListening(server, log);
            URI uri = URI.create(base);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String profile = slowProfile();

            // A client that goes away mid-request is uncounted: it cannot hold the stop up.
            try (RawConnection gone = new RawConnection(uri)) {
                gone.send("POST /v1/advice HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{");
                awaitActive(http, base, n -> n >= 2); // it and this scrape
            }
            awaitActive(http, base, n -> n == 1); // this scrape alone

            // Connections Jetty has accepted (each has had an answer) before the stop.
            RawConnection arriving = new RawConnection(uri);
            assertThat(arriving.exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(200);

            // Half of them ask for gzip: a compressed answer is finished in full too.
            List<CompletableFuture<HttpResponse<byte[]>>> replies = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/advice"))
                        .timeout(Duration.ofSeconds(180)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(profile));
                if (i % 2 == 1) {
                    request.header("Accept-Encoding", "gzip");
                }
                replies.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
            }
            awaitActive(http, base, n -> n >= IN_FLIGHT + 1); // all of them inside the server, and this scrape

            // A request still arriving at SIGTERM, and after: its head comes a byte at a time.
            byte[] body = profile.getBytes(StandardCharsets.UTF_8);
            arriving.send("POST /v1/advice HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nX-Slow: ");
            AtomicBoolean trickling = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Thread trickle = new Thread(() -> {
                try {
                    while (trickling.get()) {
                        arriving.send("a");
                        sent.incrementAndGet();
                        Thread.sleep(50); // pacing of a slow client, not a wait for anything
                    }
                } catch (Exception e) {
                    trickling.set(false);
                }
            });
            trickle.start();
            CompletableFuture<RawConnection.Response> notReady = CompletableFuture.supplyAsync(() -> probeReadyz(uri));

            server.destroy(); // SIGTERM

            // Jetty closes the listening socket at once (a new connection is refused) and answers
            // 503 on connections already open; a load balancer polling readyz sees one or the other.
            RawConnection.Response readyz = notReady.get(120, TimeUnit.SECONDS);

            List<String> given = new ArrayList<>();
            int gzipped = 0;
            for (CompletableFuture<HttpResponse<byte[]>> reply : replies) {
                HttpResponse<byte[]> response = reply.get(180, TimeUnit.SECONDS);
                byte[] advice = ResponseCompressionTest.decoded(response);
                assertThat(response.statusCode()).as(new String(advice, StandardCharsets.UTF_8)).isEqualTo(201);
                given.add(JSON.readTree(advice).get("id").asText());
                gzipped += ResponseCompressionTest.gzipped(response) ? 1 : 0;
            }
            assertThat(gzipped).isEqualTo(IN_FLIGHT / 2);
            // Every other request is answered now: a stop that counted only requests past its
            // filter would close the slow client's connection here. It goes on sending a while.
            int mark = sent.get();
            while (trickling.get() && sent.get() < mark + 20) {
                Thread.sleep(10); // poll interval
            }
            assertThat(trickling.getAndSet(false)).as("the slow client was still connected").isTrue();
            trickle.join();
            arriving.send("\r\n\r\n");
            arriving.send(body);
            assertShuttingDown(arriving.read());
            if (readyz != null) {
                assertShuttingDown(readyz);
            }
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits once all is answered").isTrue();
            arriving.close();

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).noneMatch(line -> line.contains("still in flight"));
            assertThat(lines).as("the client that went away is no failure").noneMatch(line -> line.contains("unexpected failure"));
            int stopped = indexOf(lines, line -> line.endsWith("advisor - stopped"));
            for (String id : given) {
                assertThat(indexOf(lines, line -> line.contains(id))).as("advice " + id + " answered before the store closed")
                        .isLessThan(stopped);
            }
            try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new SimpleMeterRegistry())) {
                ChainStatus chain = store.verify();
                assertThat(chain.valid()).isTrue();
                // The advice given, the rule set's first activation and the signing key.
                assertThat(chain.records()).isEqualTo(given.size() + 2);
                for (String id : given) {
                    assertThat(store.find(id)).as("advice " + id + " was recorded").isPresent();
                }
            }
        } finally {
            server.destroyForcibly(); // never leave a server behind, whatever failed
        }
    }

    private static String readyz() {
        return "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    private static int indexOf(List<String> lines, Predicate<String> wanted) {
        for (int i = 0; i < lines.size(); i++) {
            if (wanted.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in:\n" + String.join("\n", lines));
    }

    private static void assertShuttingDown(RawConnection.Response reply) throws IOException {
        assertThat(reply.status()).as(reply.text()).isEqualTo(503);
        assertThat(reply.header("content-type")).isEqualToIgnoringCase("application/problem+json; charset=utf-8");
        assertThat(reply.header("retry-after")).isEqualTo("1");
        assertThat(reply.header("connection")).isEqualToIgnoringCase("close");
        assertThat(JSON.readTree(reply.text()).get("type").asText()).endsWith("/shutting-down");
    }

    /**
     * Polls readyz as a load balancer would, on one kept-alive connection (a new one after the
     * server closes it), until it is not 200: that answer, or null when the connection was refused.
     */
    private static RawConnection.Response probeReadyz(URI base) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        RawConnection probe = null;
        try {
            while (System.nanoTime() < deadline) {
                if (probe == null) {
                    probe = new RawConnection(base);
                }
                RawConnection.Response reply;
                try {
                    reply = probe.exchange("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
                } catch (IOException | AssertionError closed) {
                    probe.close(); // closed while idle: ask again on a new connection
                    probe = null;
                    continue;
                }
                if (reply.status() != 200) {
                    return reply;
                }
                if ("close".equalsIgnoreCase(reply.header("connection"))) {
                    probe.close();
                    probe = null;
                }
                Thread.sleep(10); // poll interval
            }
        } catch (IOException refused) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
        throw new AssertionError("readyz stayed 200 after SIGTERM");
    }

    /** Polls the server's own gauge of requests it has taken in until {@code condition} holds. */
    private static void awaitActive(HttpClient http, String base, DoublePredicate condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = ACTIVE.matcher(metrics);
            if (m.find()) {
                last = m.group(1);
                if (condition.test(Double.parseDouble(last))) {
                    return;
                }
            }
            Thread.sleep(20); // poll interval
        }
        throw new AssertionError("http_server_requests_active never met the condition; last " + last);
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

    /** HTTP/1.1 over a plain socket: the test decides when each byte of a request is sent. */
    private static final class RawConnection implements AutoCloseable {
        record Response(int status, Map<String, String> headers, byte[] body) {
            String header(String name) {
                return headers.get(name.toLowerCase(Locale.ROOT));
            }

            String text() {
                return new String(body, StandardCharsets.UTF_8);
            }
        }

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawConnection(URI base) throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(180_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        Response exchange(String request) throws IOException {
            send(request);
            return read();
        }

        Response read() throws IOException {
            String statusLine = line();
            if (statusLine == null) {
                throw new AssertionError("the server closed the connection without an answer");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (headers.containsKey("content-length")) {
                int length = Integer.parseInt(headers.get("content-length"));
                byte[] bytes = in.readNBytes(length);
                assertThat(bytes).as("the whole body").hasSize(length);
                body.write(bytes);
            }
            return new Response(status, headers, body.toByteArray());
        }

        /** A CRLF-terminated line, or null at the end of the stream. */
        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is best effort
            }
        }
    }
}

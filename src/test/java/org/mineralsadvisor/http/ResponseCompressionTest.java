package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses are gzip-compressed when, and only when, the client's Accept-Encoding asks for gzip
 * (by its quality values), over real HTTP. java.net.http.HttpClient neither sends
 * Accept-Encoding nor decodes gzip by itself, so every header here is the test's own and every
 * body is the bytes as sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseCompressionTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RunningService service;
    OpenApiContract openApi;
    byte[] india;
    String adviceId;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        service = new RunningService(dir, Map.of());
        india = Files.readAllBytes(Path.of("samples/india.json"));
        openApi = new OpenApiContract(RunningService.JSON.readTree(service.get("/openapi.json", null).body()));
        adviceId = service.post("/v1/advice", india, null).json().get("id").asText();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, String acceptEncoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static boolean gzipped(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
    }

    /** The body as the client's decoder would see it: inflated when the response says gzip. */
    static byte[] decoded(HttpResponse<byte[]> response) {
        if (!gzipped(response)) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("Content-Encoding says gzip but the body is not: " + e, e);
        }
    }

    static JsonNode json(byte[] body) {
        try {
            return RunningService.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    static void assertVariesByEncoding(HttpResponse<byte[]> response) {
        assertThat(response.headers().allValues("Vary")).as("Vary").anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
    }

    @Test
    void advice_asked_for_with_gzip_is_gzip_and_decodes_to_exactly_the_stored_advice() {
        HttpResponse<byte[]> created = send("POST", "/v1/advice", india, "gzip");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(gzipped(created)).as("Content-Encoding: gzip").isTrue();
        assertVariesByEncoding(created);
        assertThat(created.headers().firstValue("Content-Type").orElse("")).containsIgnoringCase("application/json")
                .containsIgnoringCase("charset=utf-8");
        byte[] advice = decoded(created);
        assertThat(created.body().length).as("gzip of %d bytes", advice.length).isLessThan(advice.length / 4);
        JsonNode document = json(advice);
        openApi.assertValid("Advice", document);
        assertThat(document.get("recommendations").size()).isPositive();

        HttpResponse<byte[]> stored = send("GET", "/v1/advice/" + document.get("id").asText(), null, null);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(gzipped(stored)).isFalse();
        assertThat(advice).as("the decoded answer is the stored advice, byte for byte").isEqualTo(stored.body());
    }

    @Test
    void without_accept_encoding_nothing_is_compressed_but_the_answer_says_it_varies() {
        HttpResponse<byte[]> created = send("POST", "/v1/advice", india, null);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Encoding")).isEmpty();
        assertVariesByEncoding(created);
        openApi.assertValid("Advice", json(created.body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip;q=0", "identity", "br, deflate", "*;q=0, gzip;q=0", "x-gzip;q=0, gzip;q=0.000"})
    void an_accept_encoding_that_refuses_or_omits_gzip_gets_the_plain_body(String acceptEncoding) {
        HttpResponse<byte[]> reply = send("GET", "/v1/advice/" + adviceId, null, acceptEncoding);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Encoding")).as(acceptEncoding).isEmpty();
        assertThat(json(reply.body()).get("id").asText()).isEqualTo(adviceId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZIP", "gzip;q=0.5", "deflate, gzip; q=1.0", "br;q=1, gzip;q=0.1, identity;q=0"})
    void an_accept_encoding_that_takes_gzip_at_any_positive_quality_gets_gzip(String acceptEncoding) {
        HttpResponse<byte[]> reply = send("GET", "/v1/advice/" + adviceId, null, acceptEncoding);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(gzipped(reply)).as(acceptEncoding).isTrue();
        assertThat(json(decoded(reply)).get("id").asText()).isEqualTo(adviceId);
    }

    /** Jetty compresses only successful answers; a problem, however long, is sent as it is and reads as JSON. */
    @Test
    void a_large_problem_document_is_sent_plain_when_gzip_is_asked_for_and_reads_as_the_problem() {
        String profile = new String(india, StandardCharsets.UTF_8).replaceAll("\"stockTonnes\": (\\d)", "\"stockTonnes\": -$1");
        HttpResponse<byte[]> reply = send("POST", "/v1/advice", profile.getBytes(StandardCharsets.UTF_8), "gzip");
        assertThat(reply.statusCode()).isEqualTo(422);
        assertThat(reply.body().length).isGreaterThan(ResponseCompression.MIN_SIZE_BYTES);
        assertThat(reply.headers().firstValue("Content-Encoding")).isEmpty();
        assertVariesByEncoding(reply);
        assertThat(reply.headers().firstValue("Content-Type").orElse(""))
                .isEqualToIgnoringCase("application/problem+json; charset=utf-8");
        JsonNode problem = json(reply.body());
        openApi.assertValid("Problem", problem);
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("problems").size()).isGreaterThan(5);
        assertThat(problem.at("/problems/0/message").asText()).contains("≥ 0");
    }

    @Test
    void small_bodies_are_sent_as_they_are_even_when_gzip_is_asked_for() {
        HttpResponse<byte[]> malformed = send("POST", "/v1/advice", "{".getBytes(StandardCharsets.UTF_8), "gzip");
        HttpResponse<byte[]> missing = send("GET", "/v1/advice/adv_00000000000000000000000000", null, "gzip");
        HttpResponse<byte[]> health = send("GET", "/healthz", null, "gzip");
        for (HttpResponse<byte[]> reply : java.util.List.of(malformed, missing, health)) {
            assertThat(reply.body().length).as(reply.uri().toString()).isLessThan(ResponseCompression.MIN_SIZE_BYTES);
            assertThat(reply.headers().firstValue("Content-Encoding")).as(reply.uri().toString()).isEmpty();
            assertVariesByEncoding(reply);
            json(reply.body());
        }
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed.body()).get("type").asText()).endsWith("/malformed-json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void head_sends_no_body_and_no_content_encoding() {
        HttpResponse<byte[]> head = send("HEAD", "/v1/advice/" + adviceId, null, "gzip");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void metrics_compress_as_prometheus_text_with_its_content_type() {
        HttpResponse<byte[]> metrics = send("GET", "/metrics", null, "gzip");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(gzipped(metrics)).isTrue();
        assertThat(metrics.headers().firstValue("Content-Type").orElse(""))
                .isEqualToIgnoringCase("text/plain; version=0.0.4; charset=utf-8");
        String text = new String(decoded(metrics), StandardCharsets.UTF_8);
        assertThat(text).contains("# TYPE http_server_requests_seconds histogram").contains("advisor_evaluations_total");
    }
}

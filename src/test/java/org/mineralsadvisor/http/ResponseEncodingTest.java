package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.config.Setting;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Every text response over real HTTP says charset=utf-8 and is UTF-8, read by a strict decoder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseEncodingTest {
    private static final String KEYS = String.join(",",
            "officer:o1:" + ApiKeys.sha256Hex("officer-secret"),
            "auditor:a1:" + ApiKeys.sha256Hex("auditor-secret"));

    RunningService local;
    RunningService keyed;
    String india;

    @BeforeAll
    void start(@TempDir Path localDir, @TempDir Path keyedDir) throws Exception {
        local = new RunningService(localDir, Map.of());
        keyed = new RunningService(keyedDir, Map.of(Setting.API_KEYS, KEYS));
        india = Files.readString(Path.of("samples/india.json"));
    }

    @AfterAll
    void stop() {
        local.close();
        keyed.close();
    }

    /** Decodes as a strict client would: a byte that is not UTF-8 is an error, never a '?'. */
    static String strictUtf8(HttpResponse<byte[]> response) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(response.body())).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(response.request().method() + " " + response.uri() + ": the body is not UTF-8: " + e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return RunningService.JSON.readTree(strictUtf8(response));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + strictUtf8(response), e);
        }
    }

    static String contentType(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void a_422_keeps_the_greater_or_equal_sign() {
        String profile = india.replace("\"stockTonnes\": 4,", "\"stockTonnes\": -4,");
        HttpResponse<byte[]> reply = local.raw("POST", "/v1/advice", profile.getBytes(StandardCharsets.UTF_8), null);
        assertThat(reply.statusCode()).isEqualTo(422);
        assertThat(json(reply).at("/problems/0/message").asText()).contains("≥ 0").doesNotContain("?");
        assertThat(contentType(reply)).isEqualToIgnoringCase("application/problem+json; charset=utf-8");
    }

    @Test
    void a_422_echoing_a_non_ascii_country_is_valid_utf8_json() {
        String profile = india.replace("\"country\": \"IND\"", "\"country\": \"Côte\"");
        HttpResponse<byte[]> reply = local.raw("POST", "/v1/advice", profile.getBytes(StandardCharsets.UTF_8), null);
        assertThat(reply.statusCode()).isEqualTo(422);
        JsonNode problem = json(reply);
        assertThat(problem.at("/problems/0/pointer").asText()).isEqualTo("/country");
        assertThat(problem.at("/problems/0/message").asText()).contains("Côte");
        assertThat(contentType(reply)).isEqualToIgnoringCase("application/problem+json; charset=utf-8");
    }

    @Test
    void every_route_and_every_error_says_charset_utf8() {
        HttpResponse<byte[]> created = local.raw("POST", "/v1/advice", india.getBytes(StandardCharsets.UTF_8), null);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("id").asText();
        Map<String, HttpResponse<byte[]>> replies = new LinkedHashMap<>();
        replies.put("POST /v1/advice", created);
        replies.put("GET /v1/advice/{id}", local.raw("GET", "/v1/advice/" + id, null, null));
        replies.put("POST /v1/advice/{id}/replay", local.raw("POST", "/v1/advice/" + id + "/replay", null, null));
        replies.put("GET /v1/audit/advice", local.raw("GET", "/v1/audit/advice", null, null));
        replies.put("GET /v1/audit/advice/{id}/export", local.raw("GET", "/v1/audit/advice/" + id + "/export", null, null));
        replies.put("GET /v1/audit/verify", local.raw("GET", "/v1/audit/verify", null, null));
        replies.put("GET /v1/rulesets/active", local.raw("GET", "/v1/rulesets/active", null, null));
        replies.put("GET /v1/factbase/active", local.raw("GET", "/v1/factbase/active", null, null));
        replies.put("GET /healthz", local.raw("GET", "/healthz", null, null));
        replies.put("GET /readyz", local.raw("GET", "/readyz", null, null));
        replies.put("GET /metrics", local.raw("GET", "/metrics", null, null));
        replies.put("GET /openapi.json", local.raw("GET", "/openapi.json", null, null));
        replies.put("400 malformed", local.raw("POST", "/v1/advice", "{".getBytes(StandardCharsets.UTF_8), null));
        replies.put("400 query", local.raw("GET", "/healthz?verbose=1", null, null));
        replies.put("401", keyed.raw("GET", "/v1/audit/verify", null, null));
        replies.put("403", keyed.raw("GET", "/v1/audit/verify", null, "officer-secret"));
        replies.put("404", local.raw("GET", "/v2/nothing", null, null));
        replies.put("405", local.raw("DELETE", "/v1/advice", null, null));
        replies.put("413", local.raw("POST", "/v1/advice", new byte[2 * 1024 * 1024], null));
        replies.forEach((what, reply) -> {
            assertThat(contentType(reply)).as(what).containsIgnoringCase("charset=utf-8");
            strictUtf8(reply);
            if (!what.equals("GET /metrics")) {
                json(reply);
            }
        });
        assertThat(replies.get("GET /metrics").statusCode()).isEqualTo(200);
        replies.forEach((what, reply) -> {
            if (what.startsWith("4") && !contentType(reply).startsWith("application/problem+json")) {
                fail(what + " is not a problem document: " + contentType(reply));
            }
        });
    }
}

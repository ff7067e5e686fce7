package org.mineralsadvisor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mineralsadvisor.advice.AdviceJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export bundle carries the advice as a JSON value, yet its hash covers the advice's
 * bytes: that works only because writing the parsed advice with the same mapper gives the
 * very bytes that were hashed. This proves it for the advice of every sample and for the
 * values most likely to break it (long doubles, exponents, non-ASCII text, escapes).
 */
class AdviceBytesRoundTripTest {

    private static byte[] roundTrip(byte[] compact) throws IOException {
        JsonNode tree = AdviceJson.mapper().readTree(compact);
        return AdviceJson.compactBytes(tree);
    }

    @Test
    void the_advice_of_every_sample_re_serialises_to_identical_bytes() throws IOException {
        for (String file : List.of("samples-traced.jsonl", "samples-untraced.jsonl")) {
            List<String> lines = Files.readAllLines(Path.of("src/test/resources/golden", file), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(4);
            for (String line : lines) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                assertThat(roundTrip(bytes)).as(line.substring(0, 80)).isEqualTo(bytes);
            }
        }
    }

    @Test
    void long_doubles_exponents_non_ascii_text_and_escapes_re_serialise_to_identical_bytes() throws IOException {
        Map<String, Object> advice = new LinkedHashMap<>();
        advice.put("coverDays", 16.438356164383563);
        advice.put("share", 0.1 + 0.2);
        advice.put("tiny", 1.0e-7);
        advice.put("huge", 1.0e21);
        advice.put("whole", 2.0);
        advice.put("negativeZero", -0.0);
        advice.put("tonnes", Long.MAX_VALUE);
        advice.put("rank", 3);
        advice.put("country", "Côte d’Ivoire");
        advice.put("summary", "stockTonnes must be ≥ 0 — 日本, 🇯🇵");
        advice.put("escapes", "quote \" backslash \\ newline \n tab \t nul \u0000 slash /");
        advice.put("nothing", null);
        advice.put("list", List.of(1.5, "x", false));
        byte[] bytes = AdviceJson.compactBytes(advice);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("16.438356164383563").contains("Côte d’Ivoire");
        assertThat(roundTrip(bytes)).isEqualTo(bytes);
    }
}

package org.mineralsadvisor.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.mineralsadvisor.cli.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing the trace said before evidence was cited once is lost: the advice for each sample,
 * in today's compact form, is expanded back into the earlier full form (each step's cited
 * evidence written inline after its matched facts, profile values with {@code type:
 * ProfileValue}, rows with the bare file name) and compared, document by document, with the
 * full form that the earlier code wrote, recorded in {@code src/test/resources/full-form/}
 * together with the rules, facts and samples it was written from (so later edits of the
 * shipped pack do not move it).
 *
 * <p>The one thing the compact form does not keep, by design, is where a fact-base row stood
 * among a step's matched facts: rows are cited in {@code evidence}, in match order, before the
 * evidence behind the derived facts. The recorded form is compared with that order (its
 * evidence entries moved after its facts, relative order kept) and with a repeated entry (two
 * profile values of the same pointer and value in one step) listed once.
 */
class FullTraceFormTest {
    private static final Path RECORDED = Path.of("src/test/resources/full-form");
    private static final List<String> SAMPLES = List.of("germany.json", "india.json", "japan.json", "singapore.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_compact_advice_expands_to_the_full_form_the_earlier_code_wrote() throws IOException {
        List<String> args = new ArrayList<>(List.of("evaluate", "--rules", RECORDED.resolve("rules").toString(),
                "--facts", RECORDED.resolve("facts").toString()));
        SAMPLES.forEach(s -> args.add(RECORDED.resolve(s).toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        List<String> compact = out.toString().lines().toList();
        List<String> recorded = Files.readAllLines(RECORDED.resolve("samples-traced.jsonl"), StandardCharsets.UTF_8);
        assertThat(compact).hasSameSizeAs(recorded).hasSize(SAMPLES.size());
        for (int i = 0; i < SAMPLES.size(); i++) {
            // The fields added since the full form was recorded are no part of the trace's form.
            JsonNode advice = withoutLaterFields(JSON.readTree(compact.get(i)));
            assertThat(advice.get("evidence").size()).as("evidence listed once for %s", SAMPLES.get(i)).isPositive();
            assertThat(JSON.writeValueAsString(advice).length()).as("compact form of %s is smaller", SAMPLES.get(i))
                    .isLessThan(recorded.get(i).length());
            JsonNode expanded = expand(advice);
            JsonNode expected = inCitationOrder(JSON.readTree(recorded.get(i)));
            // The fixture's coalitions.csv lost its informative `founded` column when pack v1.1 gave
            // that column a meaning, so its fact-base version is no longer the recorded one.
            for (String masked : List.of("id", "evaluatedAt", "ruleSet", "factBase")) {
                ((ObjectNode) expanded).remove(masked);
                ((ObjectNode) expected).remove(masked);
            }
            assertThat(expanded.get("trace")).as("trace of %s", SAMPLES.get(i)).hasSameSizeAs(expected.get("trace"));
            for (int s = 0; s < expected.get("trace").size(); s++) {
                assertThat(expanded.get("trace").get(s)).as("%s, step %d", SAMPLES.get(i), s + 1)
                        .isEqualTo(expected.get("trace").get(s));
            }
            assertThat(expanded).as(SAMPLES.get(i)).isEqualTo(expected);
        }
    }

    /** The advice less the counterfactuals ({@code whatWouldChange}, {@code nearMisses}), which came later. */
    static JsonNode withoutLaterFields(JsonNode advice) {
        ObjectNode copy = advice.deepCopy();
        copy.remove("nearMisses");
        copy.remove("warnings");
        copy.get("recommendations").forEach(r -> ((ObjectNode) r).remove("whatWouldChange"));
        // So did the note on illustrative facts that a summary now ends with (pack v1.1).
        copy.get("recommendations").forEach(r -> ((ObjectNode) r).put("summary",
                r.get("summary").asText().replaceAll(" Rests on illustrative figures .*$", "")));
        return copy;
    }

    /** The compact advice with each step's cited evidence written inline again, as the earlier form did. */
    static JsonNode expand(JsonNode compact) {
        ObjectNode advice = compact.deepCopy();
        JsonNode evidence = advice.remove("evidence");
        for (JsonNode step : advice.get("trace")) {
            ArrayNode matched = (ArrayNode) step.get("matched");
            for (JsonNode id : ((ObjectNode) step).remove("evidence")) {
                JsonNode entry = evidence.get(id.asText());
                assertThat(entry).as("cited evidence %s is listed", id.asText()).isNotNull();
                ObjectNode inline = JSON.createObjectNode();
                if (id.asText().startsWith(EvidenceIds.PROFILE_PREFIX)) {
                    inline.put("type", "ProfileValue");
                    inline.setAll((ObjectNode) entry);
                } else {
                    inline.setAll((ObjectNode) entry);
                    inline.put("file", entry.get("file").asText().replaceFirst("^facts/", ""));
                }
                matched.add(inline);
            }
        }
        return advice;
    }

    /** The recorded full form with each step's evidence entries after its facts, a repeated entry once. */
    private static JsonNode inCitationOrder(JsonNode full) {
        for (JsonNode step : full.get("trace")) {
            ArrayNode matched = (ArrayNode) step.get("matched");
            List<JsonNode> facts = new ArrayList<>();
            List<JsonNode> evidence = new ArrayList<>();
            for (JsonNode m : matched) {
                boolean isEvidence = m.has("file") || "ProfileValue".equals(m.path("type").asText());
                if (!isEvidence) {
                    facts.add(m);
                } else if (!evidence.contains(m)) {
                    evidence.add(m);
                }
            }
            matched.removeAll();
            matched.addAll(facts);
            matched.addAll(evidence);
        }
        return full;
    }
}

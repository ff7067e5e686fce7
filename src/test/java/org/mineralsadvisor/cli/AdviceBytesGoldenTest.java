package org.mineralsadvisor.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * The advice JSON is a public interface: refactoring the code behind it must not change a
 * byte of it. Every sample is evaluated (traced and untraced) and compared, as bytes, with
 * the document recorded in {@code src/test/resources/golden/}; only {@code id} and
 * {@code evaluatedAt}, which differ by design, and the rule-set version, which is the hash of
 * the DRL text and so changes with any edit of it (a refactored rule set must still give the
 * same advice), are masked. After a deliberate change of the
 * format or the shipped rules/facts, rewrite the files with {@code -Dgolden.update=true}
 * and review the diff.
 */
class AdviceBytesGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final List<String> SAMPLES = List.of("samples/germany.json", "samples/india.json",
            "samples/japan.json", "samples/singapore.json");

    @ParameterizedTest
    @ValueSource(strings = {"traced", "untraced"})
    void advice_for_every_sample_is_byte_identical_to_the_recorded_one(String mode) throws IOException {
        List<String> args = new ArrayList<>(List.of("evaluate"));
        if (mode.equals("untraced")) {
            args.add("--no-trace");
        }
        args.addAll(SAMPLES);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        String actual = mask(out.toString());
        Path golden = GOLDEN.resolve("samples-" + mode + ".jsonl");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        assertThat(actual.lines().count()).isEqualTo(SAMPLES.size());
        List<String> actualLines = actual.lines().toList();
        List<String> expectedLines = expected.lines().toList();
        for (int i = 0; i < SAMPLES.size(); i++) {
            assertThat(actualLines.get(i)).as("advice for %s (%s) differs from %s", SAMPLES.get(i), mode, golden)
                    .isEqualTo(expectedLines.get(i));
        }
    }

    private static String mask(String jsonl) {
        return jsonl.replaceAll("\"id\":\"adv_[0-9A-Z]+\"", "\"id\":\"ADVICE-ID\"")
                .replaceAll("\"evaluatedAt\":\"[^\"]+\"", "\"evaluatedAt\":\"EVALUATED-AT\"")
                .replaceAll("\"ruleSet\":\\{\"version\":\"sha256:[0-9a-f]{64}\"}", "\"ruleSet\":{\"version\":\"RULE-SET-VERSION\"}");
    }
}

package org.mineralsadvisor.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Byte-for-byte determinism across JVMs, not only within one: hash-salted collections (Set.of,
 * Map.of) iterate differently in each process, so one process cannot catch them.
 */
class CrossProcessDeterminismTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void two_processes_give_the_same_advice_apart_from_id_and_evaluated_at() throws Exception {
        List<String> first = evaluateInNewJvm();
        List<String> second = evaluateInNewJvm();
        assertThat(first).hasSize(4);
        assertThat(second).isEqualTo(first);
    }

    private static List<String> evaluateInNewJvm() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.mineralsadvisor.cli.Main", "evaluate",
                "samples/india.json", "samples/japan.json", "samples/germany.json", "samples/singapore.json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out.lines().map(line -> {
            try {
                ObjectNode advice = (ObjectNode) JSON.readTree(line);
                advice.remove("id");
                advice.remove("evaluatedAt");
                return advice.toString();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}

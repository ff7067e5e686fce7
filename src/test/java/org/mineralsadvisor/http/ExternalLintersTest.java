package org.mineralsadvisor.http;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Real clients must accept what the service publishes: the OpenAPI document passes Redocly
 * CLI's linter, /metrics passes Prometheus' promtool. .ci/run installs both; elsewhere the
 * test is skipped with a message when a tool is missing, but under CI=true it fails instead.
 */
class ExternalLintersTest {
    @TempDir
    Path dir;

    @Test
    void the_openapi_document_passes_redocly_lint() throws Exception {
        Path redocly = tool("redocly", Path.of(".tools/node_modules/.bin/redocly"));
        try (RunningService service = new RunningService(dir, Map.of())) {
            Path document = dir.resolve("openapi.json");
            Files.writeString(document, service.get("/openapi.json", null).body());
            Result result = run(List.of(redocly.toString(), "lint", "--config", "redocly.yaml", document.toString()));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).as(result.output()).doesNotContainPattern("You have \\d+ warning");
        }
    }

    @Test
    void the_metrics_pass_promtool_check_metrics() throws Exception {
        Path promtool = tool("promtool", Path.of("/usr/bin/promtool"));
        try (RunningService service = new RunningService(dir, Map.of())) {
            service.post("/v1/advice", Files.readString(Path.of("samples/india.json")), null);
            service.post("/v1/advice", "{}", null);
            service.get("/v1/nothing", null);
            Path metrics = dir.resolve("metrics.txt");
            Files.writeString(metrics, service.get("/metrics", null).body());
            ProcessBuilder check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(metrics.toFile()).redirectErrorStream(true);
            Result result = run(check);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output().strip()).as("promtool findings").isEmpty();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        return run(new ProcessBuilder(command).redirectErrorStream(true));
    }

    private static Result run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + builder.command());
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The tool on PATH or at {@code fallback}; skipped (or, under CI, failed) when absent. */
    private static Path tool(String name, Path fallback) {
        Optional<Path> found = onPath(name).or(() -> Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty());
        if (found.isEmpty()) {
            String why = name + " is not installed (.ci/run installs it: see the README's testing section)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return found.get();
    }

    private static Optional<Path> onPath(String name) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(dir, name));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}

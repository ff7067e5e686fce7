package org.mineralsadvisor.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code results.json} and {@code results.md} from what {@link BenchRun} left in its
 * directory (default {@code target/bench}):
 *
 * <ul>
 *   <li>{@code settings.env}, {@code machine.env}, {@code steps.env}, {@code steps-load.env} (the load
 *       average as each step started): {@code key=value} lines;</li>
 *   <li>{@code java-version.txt}: {@code java -version} with the run's flags;</li>
 *   <li>{@code jmh.json}: JMH's {@code -rf json} result;</li>
 *   <li>{@code coldstart.json}: {@link ColdStart}'s result;</li>
 *   <li>{@code batch.json}: {@link BatchEvaluate}'s result;</li>
 *   <li>{@code load/{service,echo}-{warmup,c<N>}.txt}: wrk's output, whose {@code BENCH}
 *       line ({@code bench/post.lua}) holds the numbers;</li>
 *   <li>{@code load/service-memory.env}: RSS and heap after the service's load test;</li>
 *   <li>{@code failures.txt}: one failed step a line.</li>
 * </ul>
 *
 * Whatever is missing (a step that failed or was skipped) is left out, so a failed run still
 * reports what it measured.
 *
 * <pre>java -cp target/benchmarks.jar org.mineralsadvisor.bench.load.Report [DIR]</pre>
 */
public final class Report {
    static final int TARGET_CONCURRENCY = 32;
    static final double TARGET_RATIO = 0.35;
    /** The service at {@link #TARGET_CONCURRENCY} connections against one thread evaluating untraced in batch. */
    static final double TARGET_SERVICE_OVER_BATCH = 1.0;

    private final Path dir;
    private final ObjectMapper mapper = new ObjectMapper();

    private Report(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "target/bench"));
    }

    /** Writes DIR/results.json and DIR/results.md from what a run left in DIR. */
    static void write(Path dir) throws IOException {
        Report report = new Report(dir);
        ObjectNode results = report.results();
        Files.writeString(report.dir.resolve("results.json"),
                report.mapper.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        Files.writeString(report.dir.resolve("results.md"), report.markdown(results));
    }

    // ---------------------------------------------------------------- results.json

    private ObjectNode results() throws IOException {
        Map<String, String> settings = env("settings.env");
        Map<String, String> machineEnv = env("machine.env");
        Map<String, String> steps = env("steps.env");
        ObjectNode r = mapper.createObjectNode();
        r.put("date", settings.getOrDefault("started", ""));
        r.put("mode", settings.getOrDefault("mode", "full"));
        List<String> failures = lines("failures.txt");
        r.put("ok", failures.isEmpty());
        ArrayNode f = r.putArray("failures");
        failures.forEach(f::add);

        ObjectNode git = r.putObject("source");
        git.put("commit", settings.getOrDefault("git_commit", ""));
        git.put("dirty", Boolean.parseBoolean(settings.getOrDefault("git_dirty", "false")));
        git.put("advisorJarSha256", settings.getOrDefault("advisor_jar_sha256", ""));

        ObjectNode machine = r.putObject("machine");
        machine.put("nproc", intOr(machineEnv.get("nproc"), 0));
        machine.put("cpuModel", cpuModel());
        machine.put("memTotalBytes", memTotalBytes());
        machine.put("os", osName());
        machine.put("kernel", machineEnv.getOrDefault("uname", ""));
        machine.put("java", String.join("\n", lines("java-version.txt")));
        machine.put("wrk", machineEnv.getOrDefault("wrk", ""));

        ObjectNode s = r.putObject("settings");
        s.put("javaOpts", settings.getOrDefault("java_opts", ""));
        s.put("serviceJavaOpts", settings.getOrDefault("service_java_opts", settings.getOrDefault("java_opts", "")));
        s.put("cds", settings.getOrDefault("cds", ""));
        s.put("serviceArgs", settings.getOrDefault("service_args", ""));
        s.put("warmupSeconds", intOr(settings.get("warmup"), 0));
        s.put("durationSeconds", intOr(settings.get("duration"), 0));
        s.put("warmupConcurrency", intOr(settings.get("warmup_concurrency"), 0));
        ArrayNode conc = s.putArray("concurrency");
        concurrency(settings).forEach(conc::add);
        s.put("wrkTimeoutSeconds", intOr(settings.get("wrk_timeout"), 0));
        s.put("coldStartRuns", intOr(settings.get("cold_runs"), 0));
        s.put("jmhArgs", settings.getOrDefault("jmh_args", ""));
        s.put("batchSmall", intOr(settings.get("batch_small"), 0));
        s.put("batchLarge", intOr(settings.get("batch_large"), 0));
        s.put("batchWarm", intOr(settings.get("batch_warm"), 0));
        s.put("batchRuns", intOr(settings.get("batch_runs"), 0));
        s.put("servicePort", intOr(settings.get("service_port"), 0));
        s.put("echoPort", intOr(settings.get("echo_port"), 0));
        s.put("auditStore", "SQLite (default durable settings), fresh file in " + settings.getOrDefault("tmp", ""));

        ObjectNode durations = r.putObject("stepSeconds");
        steps.forEach((k, v) -> durations.put(k, intOr(v, 0)));
        ObjectNode stepLoad = r.putObject("loadAverageAtStepStart");
        env("steps-load.env").forEach(stepLoad::put);

        Path jmh = dir.resolve("jmh.json");
        if (Files.exists(jmh) && Files.size(jmh) > 0) {
            r.set("jmh", mapper.readTree(jmh.toFile()));
        }
        Path cold = dir.resolve("coldstart.json");
        if (Files.exists(cold)) {
            r.set("coldStart", mapper.readTree(cold.toFile()));
        }
        Path coldNoCds = dir.resolve("coldstart-nocds.json");
        if (Files.exists(coldNoCds)) {
            r.set("coldStartWithoutCds", mapper.readTree(coldNoCds.toFile()));
        }
        Path batch = dir.resolve("batch.json");
        if (Files.exists(batch)) {
            r.set("batch", mapper.readTree(batch.toFile()));
        }

        ObjectNode load = r.putObject("load");
        ObjectNode service = load.putObject("service");
        ObjectNode echo = load.putObject("echo");
        ObjectNode ratio = load.putObject("ratio");
        putWrk(service, "warmup", "service-warmup");
        putWrk(echo, "warmup", "echo-warmup");
        ObjectNode sc = service.putObject("byConcurrency");
        ObjectNode ec = echo.putObject("byConcurrency");
        for (int c : concurrency(settings)) {
            JsonNode sv = putWrk(sc, Integer.toString(c), "service-c" + c);
            JsonNode ev = putWrk(ec, Integer.toString(c), "echo-c" + c);
            if (sv != null && ev != null && ev.path("rps").asDouble() > 0) {
                ratio.put(Integer.toString(c), sv.path("rps").asDouble() / ev.path("rps").asDouble());
            }
        }
        ObjectNode target = load.putObject("target");
        target.put("concurrency", TARGET_CONCURRENCY);
        target.put("minRatio", TARGET_RATIO);
        JsonNode at = ratio.get(Integer.toString(TARGET_CONCURRENCY));
        if (at != null) {
            target.put("ratio", at.asDouble());
            target.put("met", at.asDouble() >= TARGET_RATIO);
        }
        JsonNode serviceAt = sc.get(Integer.toString(TARGET_CONCURRENCY));
        JsonNode batchPerSecond = r.path("batch").path("untracedAdvicePerSecond");
        if (serviceAt != null && batchPerSecond.asDouble() > 0) {
            ObjectNode vs = r.putObject("serviceOverBatch");
            vs.put("note", "the service's POST /v1/advice req/s at " + TARGET_CONCURRENCY + " connections (full "
                    + "trace, durable audit store) over the advice/s of one thread evaluating untraced in batch");
            vs.put("concurrency", TARGET_CONCURRENCY);
            vs.put("serviceRps", serviceAt.path("rps").asDouble());
            vs.put("batchUntracedAdvicePerSecond", batchPerSecond.asDouble());
            double ratioToBatch = serviceAt.path("rps").asDouble() / batchPerSecond.asDouble();
            vs.put("ratio", ratioToBatch);
            vs.put("minRatio", TARGET_SERVICE_OVER_BATCH);
            vs.put("met", ratioToBatch >= TARGET_SERVICE_OVER_BATCH);
        }

        Map<String, String> mem = env("load/service-memory.env");
        if (!mem.isEmpty()) {
            ObjectNode memory = r.putObject("memory");
            memory.put("note", "the service, right after its load test");
            putLong(memory, "rssBytes", mem.get("rss_kb"), 1024);
            putLong(memory, "peakRssBytes", mem.get("hwm_kb"), 1024);
            putLong(memory, "heapUsedBytes", mem.get("heap_used_bytes"), 1);
            putLong(memory, "heapCommittedBytes", mem.get("heap_committed_bytes"), 1);
            putLong(memory, "heapMaxBytes", mem.get("heap_max_bytes"), 1);
            putLong(memory, "liveDataBytes", mem.get("live_data_bytes"), 1);
            ObjectNode gc = r.putObject("gc");
            gc.put("note", "GC pauses of the service: since it started, and during the measured runs "
                    + "(after the warm-up)");
            putDouble(gc, "pauseSecondsTotal", mem.get("gc_pause_seconds_total"));
            putLong(gc, "pausesTotal", mem.get("gc_pauses_total"), 1);
            putDouble(gc, "pauseSecondsMeasured", mem.get("gc_pause_seconds_measured"));
            putLong(gc, "pausesMeasured", mem.get("gc_pauses_measured"), 1);
            double measured = 0;
            for (JsonNode v : sc) {
                measured += v.path("durationUs").asDouble() / 1e6;
            }
            gc.put("measuredSeconds", measured);
            if (measured > 0 && gc.has("pauseSecondsMeasured")) {
                gc.put("pauseFractionMeasured", gc.path("pauseSecondsMeasured").asDouble() / measured);
            }
        }
        return r;
    }

    /** The BENCH line of a wrk output file, as numbers; null when absent. */
    private JsonNode putWrk(ObjectNode into, String key, String file) throws IOException {
        for (String line : lines("load/" + file + ".txt")) {
            if (line.startsWith("BENCH ")) {
                ObjectNode n = into.putObject(key);
                for (String kv : line.substring(6).trim().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String k = camel(kv.substring(0, eq));
                    String v = kv.substring(eq + 1);
                    if (v.contains(".")) {
                        n.put(k, Double.parseDouble(v));
                    } else {
                        n.put(k, Long.parseLong(v));
                    }
                }
                return n;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- results.md

    private String markdown(JsonNode r) {
        StringBuilder md = new StringBuilder();
        md.append("# Minerals Advisor benchmarks\n\n");
        JsonNode m = r.path("machine");
        JsonNode s = r.path("settings");
        md.append(String.format(Locale.ROOT, "%s run, %s, commit `%s`%s.%n%n", r.path("mode").asText(),
                r.path("date").asText(), r.path("source").path("commit").asText(),
                r.path("source").path("dirty").asBoolean() ? " + uncommitted changes" : ""));
        if ("smoke".equals(r.path("mode").asText())) {
            md.append("**Smoke run**: every step ran end to end, but with seconds of warm-up and measurement; "
                    + "the numbers below are not measurements.\n\n");
        }
        if (!r.path("ok").asBoolean()) {
            md.append("**FAILED**:\n\n");
            r.path("failures").forEach(f -> md.append("- ").append(f.asText()).append('\n'));
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "Machine: %d × %s, %s memory, %s (%s); %s; %s.%n%n",
                m.path("nproc").asInt(), m.path("cpuModel").asText(), gib(m.path("memTotalBytes").asLong()),
                m.path("os").asText(), m.path("kernel").asText(),
                m.path("java").asText().lines().findFirst().orElse("java ?"), m.path("wrk").asText()));
        md.append(String.format(Locale.ROOT, "JVM flags: the service `%s`; the echo server and JMH (forks "
                        + "included) `%s`.%n%n", s.path("serviceJavaOpts").asText(), s.path("javaOpts").asText()));

        md.append("## JMH\n\n");
        JsonNode jmh = r.path("jmh");
        if (!jmh.isArray() || jmh.isEmpty()) {
            md.append("No JMH results.\n\n");
        } else {
            md.append("| benchmark | params | mode | score | error (99.9%) | unit |\n");
            md.append("| --- | --- | --- | ---: | ---: | --- |\n");
            for (JsonNode b : jmh) {
                String name = shortName(b.path("benchmark").asText());
                String params = params(b.path("params"));
                JsonNode pm = b.path("primaryMetric");
                md.append(row(name, params, b.path("mode").asText(), num(pm.path("score").asDouble()),
                        err(pm.path("scoreError").asDouble()), pm.path("scoreUnit").asText()));
                b.path("secondaryMetrics").properties().forEach(e -> {
                    if (e.getKey().startsWith("·gc.alloc.rate.norm") || e.getKey().equals("gc.alloc.rate.norm")) {
                        md.append(row("  " + name + " " + e.getKey(), params, b.path("mode").asText(),
                                num(e.getValue().path("score").asDouble()),
                                err(e.getValue().path("scoreError").asDouble()),
                                e.getValue().path("scoreUnit").asText()));
                    }
                });
            }
            md.append("\nMode `avgt`: average time per operation (lower is better); `thrpt`: operations per "
                    + "time unit (higher is better). The error is JMH's 99.9% confidence half-interval "
                    + "(— when there was a single iteration).\n\n");
        }

        md.append("## Cold start\n\n");
        JsonNode cold = r.path("coldStart");
        if (cold.isMissingNode()) {
            md.append("No cold-start results.\n\n");
        } else {
            md.append("Launch of `java <flags> -jar target/advisor.jar serve` with a fresh audit store to the "
                    + "first 200 from `/readyz` (polled every 10 ms), and then the first `POST /v1/advice`.\n\n");
            md.append(String.format(Locale.ROOT, "| flags | | median | runs |%n| --- | --- | ---: | --- |%n"));
            coldRows(md, "`" + s.path("serviceJavaOpts").asText() + "`", cold);
            JsonNode noCds = r.path("coldStartWithoutCds");
            if (!noCds.isMissingNode()) {
                coldRows(md, "`" + s.path("javaOpts").asText() + "` (no CDS archive)", noCds);
            }
            md.append('\n');
        }

        md.append("## Batch\n\n");
        JsonNode batch = r.path("batch");
        if (batch.isMissingNode()) {
            md.append("No batch results.\n\n");
        } else {
            JsonNode per = batch.path("perAdvice");
            md.append(String.format(Locale.ROOT, "`java <service flags> -jar advisor.jar evaluate [--no-trace] %s "
                            + "…`, one JVM given the profile N times (JSON Lines into a file, every line checked); "
                            + "time per advice = (t(N₂) − t(N₁)) / (N₂ − N₁), which leaves out the JVM start and the "
                            + "rule compile: from N₁ = %d to N₂ = %d, a batch (the JIT's warm-up included)%s. The "
                            + "median of %d run(s) each, modes alternating; every run in brackets. Load average "
                            + "(1, 5, 15 min) before: %s; after: %s.%n%n",
                    batch.path("body").asText(), batch.path("small").asInt(), batch.path("large").asInt(),
                    per.has("warm") ? String.format(Locale.ROOT, "; from %d to %d, warmed up", batch.path("large")
                            .asInt(), batch.path("warm").asInt()) : "",
                    batch.path("runs").asInt(), batch.path("loadAverageBefore").asText("?"),
                    batch.path("loadAverageAfter").asText("?")));
            md.append("| mode | µs per advice, batch | µs per advice, warmed up | advice/s, one thread |\n"
                    + "| --- | ---: | ---: | ---: |\n");
            batchRow(md, "untraced (`--no-trace`)", per, "untraced");
            batchRow(md, "traced", per, "traced");
            md.append(String.format(Locale.ROOT, "%nAdvice/s from the %s figure.%n",
                    per.has("warm") ? "warmed-up" : "batch"));
            if (batch.has("met")) {
                md.append(String.format(Locale.ROOT, "%nTarget: traced ≤ %.1f× untraced (%s) — %.2f×, **%s**.%n",
                        batch.path("maxTracedOverUntraced").asDouble(),
                        "warm".equals(batch.path("basis").asText()) ? "warmed up" : "batch",
                        batch.path("tracedOverUntraced").asDouble(),
                        batch.path("met").asBoolean() ? "met" : "not met"));
            }
            md.append('\n');
        }

        md.append("## Load test\n\n");
        JsonNode load = r.path("load");
        md.append(String.format(Locale.ROOT,
                "`wrk -t<min(c,2)> -c<c> -d%ds --latency -s bench/post.lua` posting `samples/india.json`, after a "
                        + "%d s warm-up at c=%d; the service with its default SQLite audit store (durable: WAL, "
                        + "synchronous=FULL), the echo server (`EchoServer`: Javalin + Jackson parse and "
                        + "re-serialise, nothing else) as the ceiling of the HTTP stack on this machine. Latency in "
                        + "ms.%n%n",
                s.path("durationSeconds").asInt(), s.path("warmupSeconds").asInt(),
                s.path("warmupConcurrency").asInt()));
        md.append("| concurrency | service req/s | p50 | p99 | echo req/s | p50 | p99 | service/echo |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (JsonNode cNode : s.path("concurrency")) {
            String c = cNode.asText();
            JsonNode sv = load.path("service").path("byConcurrency").path(c);
            JsonNode ev = load.path("echo").path("byConcurrency").path(c);
            JsonNode ratio = load.path("ratio").path(c);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", c,
                    rps(sv), ms(sv, "p50Us"), ms(sv, "p99Us"), rps(ev), ms(ev, "p50Us"), ms(ev, "p99Us"),
                    ratio.isMissingNode() ? "—" : String.format(Locale.ROOT, "%.3f", ratio.asDouble())));
        }
        JsonNode target = load.path("target");
        md.append('\n');
        if (target.has("met")) {
            md.append(String.format(Locale.ROOT, "Target: service/echo ≥ %.2f at concurrency %d — %.3f, **%s**.%n%n",
                    target.path("minRatio").asDouble(), target.path("concurrency").asInt(),
                    target.path("ratio").asDouble(), target.path("met").asBoolean() ? "met" : "not met"));
        }
        JsonNode vs = r.path("serviceOverBatch");
        if (vs.has("met")) {
            md.append(String.format(Locale.ROOT, "Target: the service at %d connections ≥ %.1f× one thread "
                            + "evaluating untraced in batch (%s) — %,.0f req/s / %,.0f advice/s = %.2f×, **%s**.%n%n",
                    vs.path("concurrency").asInt(), vs.path("minRatio").asDouble(),
                    "warm".equals(r.path("batch").path("basis").asText()) ? "warmed up" : "batch of "
                            + r.path("batch").path("large").asInt(), vs.path("serviceRps").asDouble(),
                    vs.path("batchUntracedAdvicePerSecond").asDouble(), vs.path("ratio").asDouble(),
                    vs.path("met").asBoolean() ? "met" : "not met"));
        }

        md.append("## Memory\n\n");
        JsonNode mem = r.path("memory");
        if (mem.isMissingNode()) {
            md.append("No memory figures.\n");
        } else {
            md.append("The service right after its load test (RSS from `/proc/PID/status`; heap from `/metrics` "
                    + "`jvm_memory_used_bytes{area=\"heap\"}` summed over the pools, garbage included; live data: "
                    + "`jvm_gc_live_data_size_bytes`, the old generation after the last full collection).\n\n");
            md.append("| RSS | peak RSS | heap used | heap committed | heap max | live data |\n"
                    + "| ---: | ---: | ---: | ---: | ---: | ---: |\n");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", mib(mem.path("rssBytes")),
                    mib(mem.path("peakRssBytes")), mib(mem.path("heapUsedBytes")), mib(mem.path("heapCommittedBytes")),
                    mib(mem.path("heapMaxBytes")), mib(mem.path("liveDataBytes"))));
            JsonNode gc = r.path("gc");
            if (gc.has("pauseFractionMeasured")) {
                md.append(String.format(Locale.ROOT, "%nGC during the measured runs: %d pauses, %.2f s in all, "
                                + "%.1f%% of %.0f s (since start: %d pauses, %.2f s).%n",
                        gc.path("pausesMeasured").asLong(), gc.path("pauseSecondsMeasured").asDouble(),
                        100 * gc.path("pauseFractionMeasured").asDouble(), gc.path("measuredSeconds").asDouble(),
                        gc.path("pausesTotal").asLong(), gc.path("pauseSecondsTotal").asDouble()));
            }
        }
        JsonNode steps = r.path("stepSeconds");
        if (steps.size() > 0) {
            List<String> parts = new ArrayList<>();
            steps.properties().forEach(e -> parts.add(e.getKey() + " " + e.getValue().asInt() + " s"));
            md.append("\nSteps: ").append(String.join(", ", parts)).append(".\n");
        }
        JsonNode stepLoad = r.path("loadAverageAtStepStart");
        if (stepLoad.size() > 0) {
            List<String> parts = new ArrayList<>();
            stepLoad.properties().forEach(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
            md.append("\nLoad average (1, 5, 15 min) as each step started: ").append(String.join("; ", parts))
                    .append(".\n");
        }
        return md.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static void coldRows(StringBuilder md, String flags, JsonNode cold) {
        List<String> ready = new ArrayList<>();
        List<String> first = new ArrayList<>();
        cold.path("runs").forEach(run -> {
            ready.add(String.format(Locale.ROOT, "%.0f", run.path("readyMs").asDouble()));
            first.add(String.format(Locale.ROOT, "%.0f", run.path("firstAdviceMs").asDouble()));
        });
        md.append(String.format(Locale.ROOT, "| %s | ready (ms) | %.0f | %s |%n", flags,
                cold.path("medianReadyMs").asDouble(), String.join(", ", ready)));
        md.append(String.format(Locale.ROOT, "| | first advice (ms) | %.0f | %s |%n",
                cold.path("medianFirstAdviceMs").asDouble(), String.join(", ", first)));
    }

    private static void batchRow(StringBuilder md, String mode, JsonNode per, String key) {
        JsonNode basis = per.has("warm") ? per.path("warm") : per.path("batch");
        double us = basis.path(key + "Us").asDouble();
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", mode, usRuns(per.path("batch"), key),
                usRuns(per.path("warm"), key), us > 0 ? String.format(Locale.ROOT, "%,.0f", 1e6 / us) : "—"));
    }

    /** "median (run, run, …)" in µs, or — when the segment is absent. */
    private static String usRuns(JsonNode segment, String key) {
        if (segment.isMissingNode()) {
            return "—";
        }
        List<String> each = new ArrayList<>();
        segment.path(key + "UsRuns").forEach(v -> each.add(String.format(Locale.ROOT, "%,.0f", v.asDouble())));
        return String.format(Locale.ROOT, "%,.0f (%s)", segment.path(key + "Us").asDouble(), String.join(", ", each));
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String shortName(String benchmark) {
        String prefix = "org.mineralsadvisor.bench.";
        return benchmark.startsWith(prefix) ? benchmark.substring(prefix.length()) : benchmark;
    }

    private static String params(JsonNode params) {
        if (params.isMissingNode() || params.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        params.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(", ", parts);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String err(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "—" : "± " + num(v);
    }

    private static String rps(JsonNode wrk) {
        return wrk.isMissingNode() ? "—" : String.format(Locale.ROOT, "%,.0f", wrk.path("rps").asDouble());
    }

    private static String ms(JsonNode wrk, String field) {
        return wrk.isMissingNode() ? "—" : String.format(Locale.ROOT, "%.2f", wrk.path(field).asDouble() / 1000);
    }

    private static String mib(JsonNode bytes) {
        return bytes.isMissingNode() || bytes.asLong() <= 0 ? "—" : String.format(Locale.ROOT, "%.0f MiB", bytes.asDouble() / (1 << 20));
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    private static void putLong(ObjectNode into, String key, String value, long factor) {
        if (value != null && !value.isBlank()) {
            into.put(key, Long.parseLong(value.trim()) * factor);
        }
    }

    private static void putDouble(ObjectNode into, String key, String value) {
        if (value != null && !value.isBlank()) {
            into.put(key, Double.parseDouble(value.trim()));
        }
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static List<Integer> concurrency(Map<String, String> settings) {
        List<Integer> list = new ArrayList<>();
        for (String c : settings.getOrDefault("concurrency", "").trim().split("[\\s,]+")) {
            if (!c.isEmpty()) {
                list.add(Integer.parseInt(c));
            }
        }
        return list;
    }

    private List<String> lines(String file) throws IOException {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return List.of();
        }
        return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList();
    }

    private Map<String, String> env(String file) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                map.put(line.substring(0, eq).trim(), line.substring(eq + 1));
            }
        }
        return map;
    }

    private static String cpuModel() throws IOException {
        Path p = Path.of("/proc/cpuinfo");
        if (Files.exists(p)) {
            for (String key : List.of("model name", "Hardware", "cpu model", "Processor")) {
                for (String line : Files.readAllLines(p)) {
                    if (line.startsWith(key) && line.contains(":")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        }
        return System.getProperty("os.arch");
    }

    private static long memTotalBytes() throws IOException {
        Path p = Path.of("/proc/meminfo");
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        return 0;
    }

    private static String osName() throws IOException {
        Path p = Path.of("/etc/os-release");
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}

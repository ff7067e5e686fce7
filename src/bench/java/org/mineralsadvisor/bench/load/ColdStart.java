package org.mineralsadvisor.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cold start of the service, as {@code bench/run} measures it: the time from launching
 * {@code JAVA JAVA_OPTS -jar JAR serve --port PORT --db <fresh file>} to the first 200 from
 * {@code GET /readyz}, polled every 10 ms over loopback. After that it also times the first
 * {@code POST /v1/advice} (the first evaluation of a cold JVM), then stops the service with
 * SIGTERM. Each run gets a fresh audit-store file in its own directory under WORK.
 *
 * <p>{@link BenchRun} calls {@link #measure} in its own JVM; the command line runs it alone:
 *
 * <pre>
 * java -cp target/benchmarks.jar org.mineralsadvisor.bench.load.ColdStart --java JAVA
 *      --java-opts "-XX:+UseSerialGC -Xmx256m" --jar target/advisor.jar --port 18070
 *      --runs 5 --work target/bench/tmp --out target/bench/coldstart.json
 *      [--body samples/india.json] [--timeout-s 120] [-- SERVE_ARGS...]
 * </pre>
 *
 * The poller is a JVM started beforehand, not a shell loop of {@code curl}, so that polling
 * costs the starting service (on a 2-core machine) next to nothing and the clock is
 * {@link System#nanoTime()}. JAVA_OPTS is split on whitespace. Fails when a run fails (the
 * service exits or is not ready in time, or the first advice is not a 201), naming its log.
 */
public final class ColdStart {
    private static final long POLL_MILLIS = 10;

    /** What to launch, how often, and where its files go. */
    record Plan(String java, String javaOpts, Path jar, int port, int runs, Path work, Path body,
                long timeoutSeconds, List<String> serveArgs) {
    }

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String java = "java";
        String javaOpts = "";
        Path jar = Path.of("target/advisor.jar");
        int port = 18070;
        int runs = 5;
        Path work = Path.of("target/bench/tmp");
        Path out = null;
        Path body = Path.of("samples/india.json");
        long timeoutSeconds = 120;
        List<String> serveArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                serveArgs.addAll(Arrays.asList(args).subList(i + 1, args.length));
                break;
            }
            if (i + 1 >= args.length) {
                usage("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--java" -> java = v;
                case "--java-opts" -> javaOpts = v;
                case "--jar" -> jar = Path.of(v);
                case "--port" -> port = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--work" -> work = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--body" -> body = Path.of(v);
                case "--timeout-s" -> timeoutSeconds = Long.parseLong(v);
                default -> usage("unknown option " + a);
            }
        }
        try {
            String json = measure(new Plan(java, javaOpts, jar, port, runs, work, body, timeoutSeconds, serveArgs));
            if (out != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, json);
            } else {
                System.out.print(json);
            }
        } catch (StepFailure e) {
            System.err.println("cold start: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the plan; the result as JSON (every run, the medians, the command). */
    static String measure(Plan plan) throws IOException, InterruptedException, StepFailure {
        byte[] profile = Files.readAllBytes(plan.body());
        Files.createDirectories(plan.work());
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode result = mapper.createObjectNode();
        ArrayNode runNodes = result.putArray("runs");
        List<Double> ready = new ArrayList<>();
        List<Double> firstAdvice = new ArrayList<>();
        List<String> command = List.of();
        for (int run = 1; run <= plan.runs(); run++) {
            Path dir = plan.work().resolve("cold-" + run);
            deleteTree(dir);
            Files.createDirectories(dir);
            Path log = dir.resolve("service.log");
            command = new ArrayList<>();
            command.add(plan.java());
            command.addAll(BenchSettings.split(plan.javaOpts()));
            command.addAll(List.of("-jar", plan.jar().toString(), "serve", "--host", "127.0.0.1", "--port",
                    Integer.toString(plan.port()), "--db", dir.resolve("advisor.db").toString()));
            command.addAll(plan.serveArgs());
            double readyMs;
            double firstAdviceMs;
            int adviceStatus;
            try (ServerProcess service = ServerProcess.start("cold start: the service", command, log, plan.port(),
                    "SERVICE_PORT")) {
                readyMs = service.awaitReady(plan.timeoutSeconds(), POLL_MILLIS);
                long postStart = System.nanoTime();
                adviceStatus = Http.status(plan.port(), "POST", "/v1/advice", profile);
                firstAdviceMs = (System.nanoTime() - postStart) / 1e6;
            }
            ObjectNode node = runNodes.addObject();
            node.put("run", run);
            node.put("readyMs", round(readyMs));
            node.put("firstAdviceMs", round(firstAdviceMs));
            node.put("firstAdviceStatus", adviceStatus);
            ready.add(readyMs);
            firstAdvice.add(firstAdviceMs);
            System.out.printf("cold start %d/%d: ready after %.0f ms, first advice %.0f ms (HTTP %d)%n", run,
                    plan.runs(), readyMs, firstAdviceMs, adviceStatus);
            if (adviceStatus != 201) {
                throw new StepFailure("cold start run " + run + ": the first POST /v1/advice answered " + adviceStatus
                        + ", not 201 (see " + log + ")");
            }
        }
        result.put("medianReadyMs", round(median(ready)));
        result.put("medianFirstAdviceMs", round(median(firstAdvice)));
        result.put("pollIntervalMs", POLL_MILLIS);
        ArrayNode cmd = result.putArray("command");
        command.forEach(cmd::add);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void usage(String message) {
        System.err.println("ColdStart: " + message);
        System.err.println("usage: ColdStart [--java JAVA] [--java-opts OPTS] [--jar JAR] [--port P] [--runs N] "
                + "[--work DIR] [--out FILE] [--body FILE] [--timeout-s S] [-- SERVE_ARGS...]");
        System.exit(2);
    }
}

package org.mineralsadvisor.bench.load;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The driver of {@code bench/run} (which builds the jars and starts it from the repository
 * root): copies and checks the jars, trains the CDS archive, runs JMH, the cold start,
 * {@code evaluate} in batch ({@link BatchEvaluate}), the load test (wrk against the service,
 * then against {@link EchoServer}) and reads the service's memory after it, and writes {@code target/bench/results.json} and
 * {@code results.md} with {@link Report}. A failed step is recorded and the run goes on
 * with the next; the exit code is 1 when any failed, 2 for a usage error or a missing
 * tool. Every process it starts is stopped before it exits ({@link Children}).
 *
 * <pre>java -cp target/benchmarks.jar org.mineralsadvisor.bench.load.BenchRun [--smoke] [--no-jmh] …</pre>
 */
public final class BenchRun {
    private static final long READY_TIMEOUT_SECONDS = 120;
    private static final long READY_POLL_MILLIS = 100;
    private static final Path BODY = Path.of("samples/india.json");

    private final BenchSettings settings;
    private final Path out = Path.of("target/bench");
    private final Path tmp = out.resolve("tmp");
    private final Path jars = out.resolve("jars");
    private final Path loadDir = out.resolve("load");
    private final Map<String, String> recorded = new LinkedHashMap<>();
    private final Map<String, Long> stepSeconds = new LinkedHashMap<>();
    /** The machine's load average as each step starts: the figures of a shared machine need it. */
    private final Map<String, String> stepLoad = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private String serviceOpts;

    private BenchRun(BenchSettings settings) {
        this.settings = settings;
        this.serviceOpts = settings.javaOpts();
    }

    public static void main(String[] args) throws Exception {
        // The driver's own output is UTF-8 whatever the locale (results.md has ≥ and µs in it).
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("-h") || arguments.contains("--help")) {
            System.out.print(BenchSettings.HELP);
            System.exit(0);
        }
        BenchSettings settings;
        try {
            settings = BenchSettings.of(arguments, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("bench/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (onPath("wrk") == null) {
            System.err.println("bench/run: wrk is not installed. Install it with:\n  sudo apt-get install -y wrk");
            System.exit(2);
        }
        System.exit(new BenchRun(settings).run());
    }

    private int run() throws IOException, InterruptedException {
        Instant start = Instant.now();
        prepareOutput(start);
        System.out.printf("bench/run: %s run; JAVA_OPTS=\"%s\", CDS=%s; %d processors; results in %s/%n",
                settings.mode(), settings.javaOpts(), settings.cds() ? "on" : "off",
                Runtime.getRuntime().availableProcessors(), out);
        if (settings.buildSeconds() != null) {
            stepSeconds.put("build", settings.buildSeconds().longValue());
        }
        try {
            copyJars();
        } catch (StepFailure e) {
            fail(e.getMessage());
            writeEnvFiles();
            return 1;
        }
        if (settings.cds()) {
            step("cds", this::trainCds);
        }
        recorded.put("service_java_opts", serviceOpts);
        System.out.println("bench/run: the service runs with: java " + serviceOpts + " -jar advisor.jar serve");
        if (settings.jmh()) {
            step("jmh", this::jmh);
        }
        if (settings.coldStart()) {
            step("coldStart", this::coldStart);
        }
        if (settings.batch()) {
            step("batch", this::batch);
        }
        if (settings.load()) {
            step("loadService", this::loadService);
            step("loadEcho", this::loadEcho);
        }
        stepSeconds.put("total", Duration.between(start, Instant.now()).toSeconds()
                + (settings.buildSeconds() == null ? 0 : settings.buildSeconds()));
        writeEnvFiles();
        log("report: " + out.resolve("results.json") + ", " + out.resolve("results.md"));
        Report.write(out);
        System.out.println();
        System.out.print(Files.readString(out.resolve("results.md")));
        if (!failures.isEmpty()) {
            System.err.println("\nbench/run: FAILED:");
            failures.forEach(f -> System.err.println("  " + f));
            return 1;
        }
        System.out.printf("%nbench/run: OK (%d s)%n", stepSeconds.get("total"));
        return 0;
    }

    // ---------------------------------------------------------------- steps

    private interface Step {
        void run() throws IOException, InterruptedException, StepFailure;
    }

    /** Runs a step and records its time; a failure is recorded and the run goes on. */
    private void step(String name, Step body) throws IOException, InterruptedException {
        Instant start = Instant.now();
        stepLoad.put(name, BatchEvaluate.loadAverage());
        try {
            body.run();
        } catch (StepFailure e) {
            fail(e.getMessage());
        } catch (IOException e) {
            fail(name + ": " + e);
        } finally {
            stepSeconds.put(name, Duration.between(start, Instant.now()).toSeconds());
        }
    }

    /**
     * Private copies of the jars, so that a rebuild in target/ during the run cannot change
     * what is measured; checked whole, with the classes the run needs.
     */
    private void copyJars() throws IOException, StepFailure {
        for (String jar : List.of("advisor", "benchmarks")) {
            Path built = Path.of("target", jar + ".jar");
            if (!Files.isRegularFile(built)) {
                throw new StepFailure(built + " is missing (build with ./mvnw -q -B -Pbench package -DskipTests, "
                        + "or drop --no-build)");
            }
            Files.copy(built, jars.resolve(jar + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!JarCheck.check(jars.resolve("advisor.jar"), jars.resolve("benchmarks.jar"))) {
            throw new StepFailure("the jars in target/ are incomplete (is another build running in this checkout? "
                    + "rebuild with ./mvnw -q -B -Pbench package -DskipTests)");
        }
        recorded.put("advisor_jar_sha256", sha256(jars.resolve("advisor.jar")));
    }

    /**
     * The build's target/advisor.jsa only fits target/advisor.jar at that path, so the archive
     * is trained again for the private copy, the way the pom and the Dockerfile train theirs.
     */
    private void trainCds() throws IOException, InterruptedException, StepFailure {
        Path archive = jars.resolve("advisor.jsa");
        Path log = out.resolve("cds-train.log");
        log("CDS: java -XX:ArchiveClassesAtExit=" + archive + " " + settings.javaOpts() + " -jar " + jars
                + "/advisor.jar train");
        List<String> train = java("-XX:ArchiveClassesAtExit=" + archive + " " + settings.javaOpts(),
                "-Djava.io.tmpdir=" + tmp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-jar", jars.resolve("advisor.jar").toString(), "train");
        Path check = tmp.resolve("cds-check.log");
        boolean ok = Children.run(train, Map.of(), log, false) == 0
                && Children.run(java("-XX:SharedArchiveFile=" + archive + " -Xshare:on " + settings.javaOpts(), "-jar",
                jars.resolve("advisor.jar").toString(), "--version"), Map.of(), check, false) == 0;
        if (Files.exists(check)) {
            Files.write(log, Files.readAllBytes(check), StandardOpenOption.APPEND);
        }
        if (!ok) {
            throw new StepFailure("CDS: no usable class-data-sharing archive (see " + log + "; CDS=off measures without)");
        }
        serviceOpts = "-XX:SharedArchiveFile=" + archive + " " + settings.javaOpts();
    }

    /** The forks inherit the host JVM's flags (JAVA_OPTS) unless a benchmark's @Fork says otherwise. */
    private void jmh() throws IOException, InterruptedException, StepFailure {
        Path result = out.resolve("jmh.json");
        Path log = out.resolve("jmh.log");
        log("JMH: java " + settings.javaOpts() + " -jar target/benchmarks.jar " + settings.jmhArgs()
                + " -foe true -rf json -rff " + result);
        List<String> command = java(settings.javaOpts(), "-jar", jars.resolve("benchmarks.jar").toString());
        command.addAll(BenchSettings.split(settings.jmhArgs()));
        command.addAll(List.of("-foe", "true", "-rf", "json", "-rff", result.toString()));
        if (Children.run(command, Map.of(), log, true) != 0) {
            throw new StepFailure("JMH (see " + log + ")");
        }
        if (!Files.exists(result) || !Files.readString(result).contains("\"primaryMetric\"")) {
            throw new StepFailure("JMH wrote no results (see " + log + ")");
        }
    }

    private void coldStart() throws IOException, InterruptedException, StepFailure {
        log("cold start: " + settings.coldRuns() + " run(s) of java " + serviceOpts + " -jar advisor.jar serve --port "
                + settings.servicePort() + " --db <fresh file>");
        coldStart(serviceOpts, "coldstart.json", tmp);
        if (!serviceOpts.equals(settings.javaOpts())) {
            log("cold start without the CDS archive, for comparison: java " + settings.javaOpts()
                    + " -jar advisor.jar serve");
            coldStart(settings.javaOpts(), "coldstart-nocds.json", tmp.resolve("nocds"));
        }
    }

    private void coldStart(String javaOpts, String file, Path work) throws IOException, InterruptedException,
            StepFailure {
        ColdStart.Plan plan = new ColdStart.Plan(settings.java(), javaOpts, jars.resolve("advisor.jar"),
                settings.servicePort(), settings.coldRuns(), work, BODY, READY_TIMEOUT_SECONDS,
                BenchSettings.split(settings.serviceArgs()));
        Files.writeString(out.resolve(file), ColdStart.measure(plan));
    }

    /**
     * The CLI in batch, with the service's flags (the CDS archive included: a user's batch
     * starts the same jar the same way), untraced and traced.
     */
    private void batch() throws IOException, InterruptedException, StepFailure {
        log("batch: java " + serviceOpts + " -jar advisor.jar evaluate [--no-trace] " + BODY + " × N, N = "
                + settings.batchSmall() + ", " + settings.batchLarge()
                + (settings.batchWarm() > 0 ? " and " + settings.batchWarm() : "") + ", " + settings.batchRuns()
                + " time(s) each");
        BatchEvaluate.Plan plan = new BatchEvaluate.Plan(settings.java(), serviceOpts, jars.resolve("advisor.jar"),
                BODY, settings.batchSmall(), settings.batchLarge(), settings.batchWarm(), settings.batchRuns(),
                tmp.resolve("batch"));
        Files.writeString(out.resolve("batch.json"), BatchEvaluate.measure(plan));
    }

    /** The service with a fresh SQLite audit store under wrk, then its memory. */
    private void loadService() throws IOException, InterruptedException, StepFailure {
        log("load: the service (java " + serviceOpts + " -jar advisor.jar serve, fresh SQLite audit store)");
        Files.createDirectories(tmp.resolve("service"));
        List<String> command = java(serviceOpts, "-jar", jars.resolve("advisor.jar").toString(), "serve",
                "--host", "127.0.0.1", "--port", Integer.toString(settings.servicePort()),
                "--db", tmp.resolve("service/advisor.db").toString());
        command.addAll(BenchSettings.split(settings.serviceArgs()));
        try (ServerProcess service = ServerProcess.start("load: the service", command, loadDir.resolve("service.log"),
                settings.servicePort(), "SERVICE_PORT")) {
            service.awaitReady(READY_TIMEOUT_SECONDS, READY_POLL_MILLIS);
            Path warm = loadDir.resolve("service-metrics-warm.txt");
            // /metrics after the warm-up too, for the GC time of the measured runs alone.
            loadTest("service", service, () -> scrape(service, warm));
            if (!service.alive()) {
                throw new StepFailure("load: the service died during the load test (see " + service.log() + ")");
            }
            Path metrics = loadDir.resolve("service-metrics.txt");
            scrape(service, metrics);
            String memory = ServiceMemory.env(service.pid(), lines(metrics), lines(warm));
            Files.writeString(loadDir.resolve("service-memory.env"), memory);
            memory.lines().forEach(line -> System.out.println("service memory: " + line));
            if (!memory.lines().anyMatch(line -> line.matches("heap_used_bytes=[1-9].*"))) {
                throw new StepFailure("load: no jvm_memory_used_bytes{area=\"heap\"} in /metrics (see " + metrics + ")");
            }
        }
    }

    /** The echo server, alone on the machine: the ceiling of the HTTP stack. */
    private void loadEcho() throws IOException, InterruptedException, StepFailure {
        log("load: the echo server (org.mineralsadvisor.bench.load.EchoServer)");
        List<String> command = java(settings.javaOpts(), "-cp", jars.resolve("benchmarks.jar").toString(),
                EchoServer.class.getName(), Integer.toString(settings.echoPort()));
        try (ServerProcess echo = ServerProcess.start("load: the echo server", command, loadDir.resolve("echo.log"),
                settings.echoPort(), "ECHO_PORT")) {
            echo.awaitReady(READY_TIMEOUT_SECONDS, READY_POLL_MILLIS);
            loadTest("echo", echo, () -> { });
            if (!echo.alive()) {
                throw new StepFailure("load: the echo server died during the load test (see " + echo.log() + ")");
            }
        }
    }

    /**
     * Warm-up, AFTER_WARMUP, then each concurrency level; a failed wrk run is recorded and the
     * other levels still run.
     */
    private void loadTest(String name, ServerProcess server, Step afterWarmup) throws IOException,
            InterruptedException, StepFailure {
        Wrk.Target target = new Wrk.Target("wrk", Path.of("bench/post.lua"), BODY, settings.wrkTimeout());
        System.out.println(name + ": warm-up " + settings.warmup() + " s at c=" + settings.warmupConcurrency());
        wrk(target, name, "warmup", settings.warmupConcurrency(), settings.warmup(), server);
        afterWarmup.run();
        for (int c : settings.concurrency()) {
            wrk(target, name, "c" + c, c, settings.duration(), server);
        }
    }

    private void wrk(Wrk.Target target, String name, String label, int connections, int seconds,
                     ServerProcess server) throws IOException, InterruptedException {
        try {
            Wrk.run(target, name, label, connections, seconds, server.port(),
                    loadDir.resolve(name + "-" + label + ".txt"));
        } catch (StepFailure e) {
            fail(e.getMessage());
        }
    }

    private static void scrape(ServerProcess server, Path into) throws InterruptedException {
        try {
            Files.writeString(into, Http.get(server.port(), "/metrics", Duration.ofSeconds(10)));
        } catch (IOException e) {
            System.err.println("bench/run: GET /metrics: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- files

    /** Removes this driver's own outputs of an earlier run (bench/scale-out writes to target/bench/ too). */
    private void prepareOutput(Instant start) throws IOException, InterruptedException {
        for (String dir : List.of("load", "tmp", "jars")) {
            ColdStart.deleteTree(out.resolve(dir));
        }
        for (String file : List.of("results.json", "results.md", "jmh.json", "jmh.log", "coldstart.json",
                "coldstart-nocds.json", "batch.json", "settings.env", "machine.env", "steps.env", "steps-load.env", "failures.txt",
                "java-version.txt", "cds-train.log")) {
            Files.deleteIfExists(out.resolve(file));
        }
        Files.createDirectories(loadDir);
        Files.createDirectories(tmp);
        Files.createDirectories(jars);
        Files.writeString(out.resolve("failures.txt"), "");
        recorded.put("mode", settings.mode());
        recorded.put("started", start.truncatedTo(ChronoUnit.SECONDS).toString());
        recorded.put("java_opts", settings.javaOpts());
        recorded.put("cds", settings.cds() ? "on" : "off");
        recorded.put("service_args", settings.serviceArgs());
        recorded.put("warmup", Integer.toString(settings.warmup()));
        recorded.put("warmup_concurrency", Integer.toString(settings.warmupConcurrency()));
        recorded.put("duration", Integer.toString(settings.duration()));
        recorded.put("concurrency", settings.concurrency().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        recorded.put("wrk_timeout", Integer.toString(settings.wrkTimeout()));
        recorded.put("cold_runs", Integer.toString(settings.coldRuns()));
        recorded.put("jmh_args", settings.jmhArgs());
        recorded.put("batch_small", Integer.toString(settings.batchSmall()));
        recorded.put("batch_large", Integer.toString(settings.batchLarge()));
        recorded.put("batch_warm", Integer.toString(settings.batchWarm()));
        recorded.put("batch_runs", Integer.toString(settings.batchRuns()));
        recorded.put("service_port", Integer.toString(settings.servicePort()));
        recorded.put("echo_port", Integer.toString(settings.echoPort()));
        recorded.put("tmp", tmp.toString());
        String commit = capture(List.of("git", "rev-parse", "HEAD")).trim();
        recorded.put("git_commit", commit);
        recorded.put("git_dirty", Boolean.toString(!commit.isEmpty() && !capture(List.of("git", "status",
                "--porcelain", "--", "src", "pom.xml", "rules", "facts", "samples")).isBlank()));
        Files.writeString(out.resolve("machine.env"),
                "nproc=" + Runtime.getRuntime().availableProcessors() + "\n"
                        + "uname=" + capture(List.of("uname", "-srm")).trim() + "\n"
                        + "wrk=" + capture(List.of("wrk", "-v")).lines().findFirst().orElse("")
                        .replaceAll(" *Copyright.*", "") + "\n");
        List<String> version = java(settings.javaOpts(), "-version");
        Files.writeString(out.resolve("java-version.txt"), capture(version));
    }

    /** The key=value files {@link Report} reads. */
    private void writeEnvFiles() throws IOException {
        Files.writeString(out.resolve("settings.env"), envLines(recorded));
        Map<String, String> steps = new LinkedHashMap<>();
        stepSeconds.forEach((k, v) -> steps.put(k, Long.toString(v)));
        Files.writeString(out.resolve("steps.env"), envLines(steps));
        Files.writeString(out.resolve("steps-load.env"), envLines(stepLoad));
    }

    private void fail(String message) throws IOException {
        System.err.println("bench/run: FAILED: " + message);
        failures.add(message);
        // One line each: a message that quotes a log may have several.
        Files.writeString(out.resolve("failures.txt"), message.lines().findFirst().orElse(message) + "\n",
                StandardOpenOption.APPEND);
    }

    // ---------------------------------------------------------------- helpers

    /** JAVA, the JVM flags FLAGS (split on whitespace, as the shell split JAVA_OPTS), then ARGS as they are. */
    private List<String> java(String flags, String... args) {
        List<String> command = new ArrayList<>();
        command.add(settings.java());
        command.addAll(BenchSettings.split(flags));
        command.addAll(List.of(args));
        return command;
    }

    /** The output (stdout and stderr) of a short command; empty when it cannot run. */
    private String capture(List<String> command) throws InterruptedException {
        Path file = tmp.resolve("capture.txt");
        try {
            Children.run(command, Map.of(), file, false);
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static String envLines(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void log(String message) {
        System.out.printf("%n== %s%n", message);
    }
}

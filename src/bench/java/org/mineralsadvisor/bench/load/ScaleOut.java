package org.mineralsadvisor.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The driver of {@code bench/scale-out}: one service instance on PostgreSQL under wrk, then two
 * instances sharing that database with the same connections split between them; the audit
 * chain must still verify. Writes {@code target/bench/scale-out.json} and {@code scale-out.md}
 * and drops its PostgreSQL schema when done (KEEP_SCHEMA=1 keeps it), however the run ends.
 * Exit code 1 when a step fails, 2 for a usage error or a missing wrk.
 *
 * <pre>
 * java -cp target/benchmarks.jar org.mineralsadvisor.bench.load.ScaleOut [--smoke]
 *   env: PG (JDBC URL, jdbc:postgresql://127.0.0.1:5432/test), WARMUP (s, 30 / smoke 2),
 *        DURATION (s, 20 / smoke 2), CONNECTIONS (32), JAVA_OPTS, JAVA, WRK_TIMEOUT (10),
 *        SCALE_OUT_PORT (7271; the second instance the next port), KEEP_SCHEMA
 * </pre>
 */
public final class ScaleOut {
    private static final Path OUT = Path.of("target/bench");
    private static final Path BODY = Path.of("samples/india.json");

    private final Map<String, String> env;
    private final int warmup;
    private final int duration;
    private final int connections;
    private final int port;
    private final String pg;
    private final String schema;
    private final Wrk.Target target;

    private ScaleOut(Map<String, String> env, boolean smoke) {
        this.env = env;
        this.warmup = number("WARMUP", smoke ? 2 : 30);
        this.duration = number("DURATION", smoke ? 2 : 20);
        this.connections = number("CONNECTIONS", 32);
        this.port = number("SCALE_OUT_PORT", 7271);
        this.pg = env.getOrDefault("PG", "jdbc:postgresql://127.0.0.1:5432/test");
        this.schema = "advisor_scale_" + System.currentTimeMillis() / 1000 + "_" + ProcessHandle.current().pid();
        this.target = new Wrk.Target("wrk", Path.of("bench/post.lua"), BODY, number("WRK_TIMEOUT", 10));
    }

    public static void main(String[] args) throws Exception {
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        boolean smoke = false;
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else {
                System.err.println("bench/scale-out: unknown option " + arg
                        + " (usage: bench/scale-out [--smoke]; see bench/README.md)");
                System.exit(2);
            }
        }
        if (BenchRun.onPath("wrk") == null) {
            System.err.println("bench/scale-out: wrk is not installed. Install it with:\n  sudo apt-get install -y wrk");
            System.exit(2);
        }
        ScaleOut run;
        try {
            run = new ScaleOut(System.getenv(), smoke);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/scale-out: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run.run();
        } catch (StepFailure e) {
            System.err.println("bench/scale-out: FAILED: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws IOException, InterruptedException, StepFailure {
        Files.createDirectories(OUT);
        String db = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            measure(db);
        } finally {
            dropSchema();
        }
    }

    private void measure(String db) throws IOException, InterruptedException, StepFailure {
        double one;
        double two;
        JsonNode chain;
        try (ServerProcess first = start(port, db)) {
            wrk("one", "warmup", first, connections, warmup, OUT.resolve("scale-out-warmup-one.txt"));
            one = wrk("one", "c" + connections, first, connections, duration, OUT.resolve("scale-out-one.txt")).rps();
            try (ServerProcess second = start(port + 1, db)) {
                int half = connections / 2;
                wrk("two", "warmup", second, half, warmup, OUT.resolve("scale-out-warmup-two.txt"));
                two = inParallel(
                        () -> wrk("two-a", "c" + half, first, half, duration, OUT.resolve("scale-out-a.txt")),
                        () -> wrk("two-b", "c" + half, second, half, duration, OUT.resolve("scale-out-b.txt")));
                chain = verify(first);
            }
        }
        write(one, two, chain);
    }

    private ServerProcess start(int instancePort, String db) throws IOException, InterruptedException, StepFailure {
        List<String> command = new ArrayList<>();
        command.add(env.getOrDefault("JAVA", "java"));
        command.addAll(BenchSettings.split(env.getOrDefault("JAVA_OPTS",
                "-XX:SharedArchiveFile=target/advisor.jsa -XX:+UseSerialGC -Xmx256m")));
        command.addAll(List.of("-jar", "target/advisor.jar", "serve", "--host", "127.0.0.1", "--port",
                Integer.toString(instancePort), "--db", db));
        ServerProcess server = ServerProcess.start("scale-out: the instance on port " + instancePort, command,
                OUT.resolve("scale-out-" + instancePort + ".log"), instancePort, "SCALE_OUT_PORT");
        try {
            server.awaitReady(120, 100);
        } catch (StepFailure | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private Wrk wrk(String name, String label, ServerProcess server, int c, int seconds, Path output)
            throws IOException, InterruptedException, StepFailure {
        return Wrk.run(target, name, label, c, seconds, server.port(), output);
    }

    private interface WrkRun {
        Wrk run() throws IOException, InterruptedException, StepFailure;
    }

    /** Both runs at once; the sum of their requests/s. */
    private static double inParallel(WrkRun a, WrkRun b) throws IOException, InterruptedException, StepFailure {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Wrk> fa = pool.submit(a::run);
            Future<Wrk> fb = pool.submit(b::run);
            return fa.get().rps() + fb.get().rps();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StepFailure f) {
                throw f;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode verify(ServerProcess server) throws InterruptedException, StepFailure {
        String body;
        try {
            body = Http.get(server.port(), "/v1/audit/verify", Duration.ofSeconds(300));
        } catch (IOException e) {
            throw new StepFailure("GET /v1/audit/verify failed: " + e.getMessage());
        }
        JsonNode chain;
        try {
            chain = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new StepFailure("GET /v1/audit/verify did not answer JSON: " + body);
        }
        if (!chain.path("valid").asBoolean(false)) {
            throw new StepFailure("audit chain broken after the run: " + body);
        }
        return chain;
    }

    private void write(double one, double two, JsonNode chain) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        double ratio = two / one;
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("connections", connections);
        json.put("warmupSeconds", warmup);
        json.put("durationSeconds", duration);
        json.put("cores", cores);
        json.put("oneInstanceRequestsPerSecond", round(one));
        json.put("twoInstancesRequestsPerSecond", round(two));
        json.put("ratio", round(ratio));
        json.set("auditChain", chain);
        Files.writeString(OUT.resolve("scale-out.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json)
                + "\n");
        String md = String.format(Locale.ROOT, """
                | instances (one PostgreSQL, %d connections in all, %d cores) | requests/s |
                | --- | ---: |
                | 1 | %.2f |
                | 2 | %.2f (%.2f×) |

                Audit chain after the run: valid, %d records.
                """, connections, cores, one, two, ratio, chain.path("records").asLong());
        Files.writeString(OUT.resolve("scale-out.md"), md);
        System.out.print(md);
    }

    /** The run's schema goes whatever happened, so that runs do not pile up in the database. */
    private void dropSchema() {
        if (env.get("KEEP_SCHEMA") != null && !env.get("KEEP_SCHEMA").isEmpty()) {
            System.out.println("(schema " + schema + " kept, as KEEP_SCHEMA asks: drop it with DROP SCHEMA " + schema
                    + " CASCADE)");
            return;
        }
        try (Connection connection = DriverManager.getConnection(pg);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            System.out.println("(schema " + schema + " dropped; KEEP_SCHEMA=1 keeps it)");
        } catch (SQLException e) {
            System.err.println("bench/scale-out: could not drop schema " + schema + " (" + e.getMessage()
                    + "): drop it with DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private int number(String name, int fallback) {
        return BenchSettings.number(env, name, fallback);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

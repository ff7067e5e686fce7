package org.mineralsadvisor.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the service, as {@code bench/run} measures it: the time from launching
 * {@code JAVA JAVA_OPTS -jar JAR serve --port PORT --db <fresh file>} to the first 200 from
 * {@code GET /readyz}, polled every 10 ms over loopback. After that it also times the first
 * {@code POST /v1/advice} (the first evaluation of a cold JVM), then stops the service with
 * SIGTERM. Each run gets a fresh audit-store file in its own directory under WORK.
 *
 * <pre>
 * java -cp target/benchmarks.jar org.mineralsadvisor.bench.load.ColdStart --java JAVA
 *      --java-opts "-XX:+UseSerialGC -Xmx256m" --jar target/advisor.jar --port 18070
 *      --runs 5 --work target/bench/tmp --out target/bench/coldstart.json
 *      [--pid-file FILE] [--body samples/india.json] [--timeout-s 120] [-- SERVE_ARGS...]
 * </pre>
 *
 * The poller is this small JVM, not a shell loop of {@code curl}, so that polling costs the
 * starting service (on a 2-core machine) next to nothing and the clock is
 * {@link System#nanoTime()}. JAVA_OPTS is split on whitespace. Exits 1 when a run fails (the
 * service exits or is not ready in time), naming its log.
 */
public final class ColdStart {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String java = "java";
        String javaOpts = "";
        String jar = "target/advisor.jar";
        int port = 18070;
        int runs = 5;
        Path work = Path.of("target/bench/tmp");
        Path out = null;
        Path pidFile = null;
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
                case "--jar" -> jar = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--work" -> work = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--pid-file" -> pidFile = Path.of(v);
                case "--body" -> body = Path.of(v);
                case "--timeout-s" -> timeoutSeconds = Long.parseLong(v);
                default -> usage("unknown option " + a);
            }
        }
        byte[] profile = Files.readAllBytes(body);
        Files.createDirectories(work);

        ObjectMapper mapper = new ObjectMapper();
        ObjectNode result = mapper.createObjectNode();
        ArrayNode runNodes = result.putArray("runs");
        List<Double> ready = new ArrayList<>();
        List<Double> firstAdvice = new ArrayList<>();
        List<String> command = null;
        for (int run = 1; run <= runs; run++) {
            Path dir = work.resolve("cold-" + run);
            deleteTree(dir);
            Files.createDirectories(dir);
            Path db = dir.resolve("advisor.db");
            Path log = dir.resolve("service.log");
            command = new ArrayList<>();
            command.add(java);
            for (String opt : javaOpts.trim().split("\\s+")) {
                if (!opt.isEmpty()) {
                    command.add(opt);
                }
            }
            command.addAll(List.of("-jar", jar, "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--db", db.toString()));
            command.addAll(serveArgs);
            Measurement m = measure(command, log, port, profile, pidFile, timeoutSeconds);
            ObjectNode node = runNodes.addObject();
            node.put("run", run);
            node.put("readyMs", round(m.readyMs));
            node.put("firstAdviceMs", round(m.firstAdviceMs));
            node.put("firstAdviceStatus", m.firstAdviceStatus);
            ready.add(m.readyMs);
            firstAdvice.add(m.firstAdviceMs);
            System.out.printf("cold start %d/%d: ready after %.0f ms, first advice %.0f ms (HTTP %d)%n", run, runs,
                    m.readyMs, m.firstAdviceMs, m.firstAdviceStatus);
            if (m.firstAdviceStatus != 201) {
                fail("run " + run + ": the first POST /v1/advice answered " + m.firstAdviceStatus + ", not 201; see "
                        + log);
            }
        }
        result.put("medianReadyMs", round(median(ready)));
        result.put("medianFirstAdviceMs", round(median(firstAdvice)));
        result.put("pollIntervalMs", 10);
        ArrayNode cmd = result.putArray("command");
        command.forEach(cmd::add);
        String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json + "\n");
        } else {
            System.out.println(json);
        }
    }

    private record Measurement(double readyMs, double firstAdviceMs, int firstAdviceStatus) {
    }

    private static Measurement measure(List<String> command, Path log, int port, byte[] profile, Path pidFile,
                                       long timeoutSeconds) throws Exception {
        if (status(port, "GET", "/readyz", null) != -1) {
            fail("port " + port + " is already in use on 127.0.0.1");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        if (pidFile != null) {
            Files.writeString(pidFile, process.pid() + "\n");
        }
        Thread killer = new Thread(process::destroyForcibly, "cold-start-cleanup");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long next = start;
            double readyMs;
            while (true) {
                int s = status(port, "GET", "/readyz", null);
                long now = System.nanoTime();
                if (s == 200) {
                    readyMs = (now - start) / 1e6;
                    break;
                }
                if (!process.isAlive()) {
                    fail("the service exited with " + process.exitValue() + " before it was ready; see " + log);
                }
                if (now > deadline) {
                    fail("the service was not ready after " + timeoutSeconds + " s; see " + log);
                }
                next += POLL_NANOS;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } else {
                    next = System.nanoTime();
                }
            }
            long postStart = System.nanoTime();
            int adviceStatus = status(port, "POST", "/v1/advice", profile);
            double firstAdviceMs = (System.nanoTime() - postStart) / 1e6;
            return new Measurement(readyMs, firstAdviceMs, adviceStatus);
        } finally {
            stop(process);
            Runtime.getRuntime().removeShutdownHook(killer);
            if (pidFile != null) {
                Files.deleteIfExists(pidFile);
            }
        }
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * One HTTP/1.1 request on a fresh loopback connection ({@code Connection: close});
     * the response's status, or -1 when nothing listens on the port.
     */
    static int status(int port, String method, String path, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException e) {
                return -1;
            }
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream os = socket.getOutputStream();
            os.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                os.write(body);
            }
            os.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            // Read the rest so that the status is that of a complete response.
            in.transferTo(OutputStream.nullOutputStream());
            String[] parts = line.toString().trim().split(" ");
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                return 0;
            }
            return Integer.parseInt(parts[1]);
        } catch (java.net.SocketException e) {
            // Accepted, then reset while the server was still starting: not ready.
            return 0;
        }
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

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void fail(String message) {
        System.err.println("cold start: " + message);
        System.exit(1);
    }

    private static void usage(String message) {
        System.err.println("ColdStart: " + message);
        System.err.println("usage: ColdStart [--java JAVA] [--java-opts OPTS] [--jar JAR] [--port P] [--runs N] "
                + "[--work DIR] [--out FILE] [--pid-file FILE] [--body FILE] [--timeout-s S] [-- SERVE_ARGS...]");
        System.exit(2);
    }
}

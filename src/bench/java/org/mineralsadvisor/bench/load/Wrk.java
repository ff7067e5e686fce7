package org.mineralsadvisor.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One wrk run posting a profile with {@code bench/post.lua}, and the numbers of the
 * {@code BENCH key=value …} line that script prints. wrk stays the load generator: it is a
 * closed loop with a fixed number of connections, measuring latency from its own send.
 *
 * @param fields the BENCH line's values, by key ({@code requests}, {@code rps}, {@code p50_us} …)
 */
record Wrk(String name, String label, Path output, Map<String, String> fields) {

    /** Where wrk runs and what it posts. */
    record Target(String wrkCommand, Path script, Path body, int timeoutSeconds) {
    }

    /**
     * Runs {@code wrk -t<min(c,2)> -c<c> -d<seconds>s --timeout <t>s --latency -s post.lua} against
     * 127.0.0.1:PORT with its output in OUTPUT; fails on a wrk error, a missing BENCH line, no
     * completed request, a socket error, a timeout or any non-2xx response.
     */
    static Wrk run(Target target, String name, String label, int connections, int seconds, int port, Path output)
            throws IOException, InterruptedException, StepFailure {
        int threads = Math.min(connections, 2);
        List<String> command = List.of(target.wrkCommand(), "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", target.timeoutSeconds() + "s", "--latency", "-s", target.script().toString(),
                "http://127.0.0.1:" + port);
        Files.createDirectories(output.toAbsolutePath().getParent());
        int exit = Children.run(command, Map.of("BENCH_BODY", target.body().toString()), output, false);
        String where = name + " " + label + ": ";
        if (exit != 0) {
            System.err.print(Files.readString(output));
            throw new StepFailure(where + "wrk exited with " + exit + " (see " + output + ")");
        }
        Wrk run = new Wrk(name, label, output, parse(Files.readAllLines(output)));
        if (run.fields().isEmpty()) {
            throw new StepFailure(where + "no BENCH line in wrk's output (see " + output + ")");
        }
        System.out.println(run.summary(connections));
        run.check(where);
        return run;
    }

    /** The BENCH line's key=value pairs; empty when there is none. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("BENCH ")) {
                for (String pair : line.substring(6).trim().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
        }
        return fields;
    }

    double rps() {
        return Double.parseDouble(fields.getOrDefault("rps", "0"));
    }

    long count(String key) {
        return (long) Double.parseDouble(fields.getOrDefault(key, "0"));
    }

    long socketErrors() {
        return count("errors_connect") + count("errors_read") + count("errors_write") + count("errors_timeout");
    }

    private void check(String where) throws StepFailure {
        if (count("requests") == 0) {
            throw new StepFailure(where + "no request completed (see " + output + ")");
        }
        if (count("non2xx") != 0) {
            throw new StepFailure(where + count("non2xx") + " non-2xx response(s), the first "
                    + fields.get("first_non2xx") + " (see " + output + ")");
        }
        if (socketErrors() != 0) {
            throw new StepFailure(where + socketErrors() + " socket error(s) or timeout(s) (see " + output + ")");
        }
    }

    private String summary(int connections) {
        return String.format(Locale.ROOT,
                "%-8s %-7s c=%-3d %9s req/s  p50 %8.2f ms  p99 %8.2f ms  requests %d  non-2xx %d  "
                        + "socket errors/timeouts %d",
                name, label, connections, fields.get("rps"), count("p50_us") / 1000.0, count("p99_us") / 1000.0,
                count("requests"), count("non2xx"), socketErrors());
    }
}

package org.mineralsadvisor.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code bench/run} runs: its flags and environment variables, with the defaults of a
 * full run or of {@code --smoke}. See {@link #HELP}.
 */
record BenchSettings(boolean smoke, boolean jmh, boolean coldStart, boolean batch, boolean load, String javaOpts,
                     boolean cds,
                     String java, int warmup, int duration, List<Integer> concurrency, int warmupConcurrency,
                     int coldRuns, String jmhArgs, int wrkTimeout, int servicePort, int echoPort,
                     String serviceArgs, int batchSmall, int batchLarge, int batchWarm, int batchRuns, Integer buildSeconds) {

    static final String HELP = """
            bench/run: build, then run the JMH benchmarks, the cold-start measurement, `evaluate` in batch
            and the load test (the service and the echo-server ceiling under wrk), and write
            target/bench/results.json and target/bench/results.md. See bench/README.md.

              bench/run [--smoke] [--no-build] [--no-jmh] [--no-cold-start] [--no-batch] [--no-load]

            Needs: Java 17 (java on PATH or JAVA=...), the Maven wrapper's downloads, wrk
            (apt-get install -y wrk). Installs nothing. Binds 127.0.0.1 only; every process it starts
            is stopped when it exits, however it exits.

            Options:
              --smoke           seconds, not minutes: every step end to end with tiny durations
              --no-build        use the jars already in target/
              --no-jmh, --no-cold-start, --no-batch, --no-load
                                skip a step (its section of the results stays empty)

            Environment (defaults: full run / --smoke):
              JAVA_OPTS         JVM flags of the service, echo server and JMH   (-XX:+UseSerialGC -Xmx256m)
              CDS               on: the service also gets -XX:SharedArchiveFile (on)
              JAVA              the java command                                 (java)
              WARMUP            load-test warm-up seconds per server             (30 / 2)
              DURATION          seconds per concurrency level                    (20 / 2)
              CONCURRENCY       concurrency levels                               ("1 8 32 64")
              WARMUP_CONCURRENCY  connections during the warm-up                 (32)
              COLD_RUNS         cold starts                                      (5 / 1)
              BATCH_SMALL, BATCH_LARGE, BATCH_WARM  profiles per `evaluate` launch; the time per
                                advice is the difference of two launches' times over the
                                difference of their counts: SMALL to LARGE for a batch, LARGE
                                to WARM warmed up (0: no WARM launch)    (20, 3000, 10000 / 5, 20, 50)
              BATCH_RUNS        repetitions of the batch launches, each mode     (3 / 1)
              JMH_ARGS          JMH options and benchmark regex; "" runs every benchmark with its own annotations
                                (full: "" / smoke: "-f 1 -wi 1 -w 1s -i 1 -r 1s -p profile=india -p pack=shipped")
              WRK_TIMEOUT       seconds before wrk counts a request as timed out (10)
              SERVICE_PORT, ECHO_PORT  loopback ports                            (18070, 18071)
              SERVICE_ARGS      extra arguments to `advisor.jar serve`           ("")
            """;

    static final String SMOKE_JMH_ARGS = "-f 1 -wi 1 -w 1s -i 1 -r 1s -p profile=india -p pack=shipped";

    /** The settings of ARGS and ENV; a usage error as an {@link IllegalArgumentException}. */
    static BenchSettings of(List<String> args, Map<String, String> env) {
        boolean smoke = false;
        boolean jmh = true;
        boolean cold = true;
        boolean batch = true;
        boolean load = true;
        for (String arg : args) {
            switch (arg) {
                case "--smoke" -> smoke = true;
                case "--no-build" -> {
                    // bench/run builds (or not) before it starts this driver.
                }
                case "--no-jmh" -> jmh = false;
                case "--no-cold-start" -> cold = false;
                case "--no-batch" -> batch = false;
                case "--no-load" -> load = false;
                default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
        }
        String cds = env.getOrDefault("CDS", "on");
        if (!cds.equals("on") && !cds.equals("off")) {
            throw new IllegalArgumentException("CDS must be on or off, not " + cds);
        }
        // An empty JMH_ARGS is a choice (every benchmark with its annotations); only an unset one takes the default.
        String jmhArgs = env.containsKey("JMH_ARGS") ? env.get("JMH_ARGS") : smoke ? SMOKE_JMH_ARGS : "";
        String build = env.get("BENCH_BUILD_SECONDS");
        int batchSmall = number(env, "BATCH_SMALL", smoke ? 5 : 20);
        int batchLarge = number(env, "BATCH_LARGE", smoke ? 20 : 3000);
        int batchWarm = number(env, "BATCH_WARM", smoke ? 50 : 10000);
        int batchRuns = number(env, "BATCH_RUNS", smoke ? 1 : 3);
        // One profile prints pretty JSON, not a line; and each time per advice needs a longer launch than the last.
        if (batchSmall < 2 || batchLarge <= batchSmall || (batchWarm != 0 && batchWarm <= batchLarge) || batchRuns < 1) {
            throw new IllegalArgumentException("the batch step needs 2 ≤ BATCH_SMALL < BATCH_LARGE < BATCH_WARM "
                    + "(or BATCH_WARM=0) and BATCH_RUNS ≥ 1, not " + batchSmall + ", " + batchLarge + ", " + batchWarm
                    + ", " + batchRuns);
        }
        return new BenchSettings(smoke, jmh, cold, batch, load,
                nonEmpty(env, "JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m"), cds.equals("on"),
                nonEmpty(env, "JAVA", "java"),
                number(env, "WARMUP", smoke ? 2 : 30), number(env, "DURATION", smoke ? 2 : 20),
                concurrency(nonEmpty(env, "CONCURRENCY", "1 8 32 64")), number(env, "WARMUP_CONCURRENCY", 32),
                number(env, "COLD_RUNS", smoke ? 1 : 5), jmhArgs, number(env, "WRK_TIMEOUT", 10),
                number(env, "SERVICE_PORT", 18070), number(env, "ECHO_PORT", 18071),
                env.getOrDefault("SERVICE_ARGS", ""), batchSmall, batchLarge, batchWarm, batchRuns,
                build == null || build.isBlank() ? null : Integer.valueOf(build));
    }

    String mode() {
        return smoke ? "smoke" : "full";
    }

    /** Flags as the shell split them: on whitespace, no quoting. */
    static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private static String nonEmpty(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** A whole-number variable, or the fallback when unset; shared with {@link ScaleOut}. */
    static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not \"" + value + "\"");
        }
    }

    private static List<Integer> concurrency(String levels) {
        List<Integer> list = new ArrayList<>();
        for (String level : split(levels.replace(',', ' '))) {
            try {
                list.add(Integer.parseInt(level));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CONCURRENCY must be whole numbers, not \"" + levels + "\"");
            }
        }
        return list;
    }
}

package org.mineralsadvisor.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The CLI in batch, as {@code bench/run} measures it: {@code JAVA JAVA_OPTS -jar JAR evaluate
 * [--no-trace] BODY BODY …} with the profile BODY given N times, one advice per line (JSON
 * Lines) into a file. A run's wall time includes starting the JVM, loading the facts and
 * compiling the rules; the difference between a run of LARGE and one of SMALL profiles does
 * not, so the time per advice is {@code (t(LARGE) − t(SMALL)) / (LARGE − SMALL)}. That is a
 * batch user's steady cost: the JIT's warm-up is inside it, spread over LARGE − SMALL advice.
 *
 * <p>Each repetition runs both modes, untraced and traced, in alternating order (so that a
 * drift in the machine's load does not favour one mode), and the medians over the
 * repetitions are reported. Every run's output is checked before it counts: exit code 0, N
 * lines, each an advice with recommendations and, when traced, a non-empty trace (an
 * untraced one has none), so that a failure cannot pass for a fast run. The outputs (about
 * 100 KB an advice with the trace) are deleted once checked; the JVM's stderr stays in a log.
 */
final class BatchEvaluate {
    /** The target of issue 10: traced at most this many times untraced. */
    static final double MAX_TRACED_OVER_UNTRACED = 1.2;

    /** What to launch, how often, and where its files go. */
    record Plan(String java, String javaOpts, Path jar, Path body, int small, int large, int runs, Path work) {
    }

    /** One launch: its mode, its number of profiles, its wall time. */
    private record Launch(boolean traced, int count, double seconds) {
    }

    private BatchEvaluate() {
    }

    /** Runs the plan; the result as JSON (every launch, the medians, the command). */
    static String measure(Plan plan) throws IOException, InterruptedException, StepFailure {
        if (plan.small() < 2 || plan.large() <= plan.small() || plan.runs() < 1) {
            // One input prints pretty JSON, not a line: the count check needs two at least.
            throw new StepFailure("batch: needs 2 ≤ BATCH_SMALL < BATCH_LARGE and BATCH_RUNS ≥ 1, not "
                    + plan.small() + ", " + plan.large() + ", " + plan.runs());
        }
        ColdStart.deleteTree(plan.work());
        Files.createDirectories(plan.work());
        ObjectMapper mapper = new ObjectMapper();
        String loadBefore = loadAverage();
        List<Launch> launches = new ArrayList<>();
        List<Double> untraced = new ArrayList<>();
        List<Double> traced = new ArrayList<>();
        for (int run = 1; run <= plan.runs(); run++) {
            // Untraced first in odd repetitions, traced first in even ones.
            for (boolean trace : run % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                Launch small = launch(plan, trace, plan.small(), run, mapper);
                Launch large = launch(plan, trace, plan.large(), run, mapper);
                launches.add(small);
                launches.add(large);
                double us = (large.seconds() - small.seconds()) * 1e6 / (plan.large() - plan.small());
                (trace ? traced : untraced).add(us);
                System.out.printf("batch %d/%d %s: %d advice %.2f s, %d advice %.2f s: %.0f µs per advice%n", run,
                        plan.runs(), trace ? "traced  " : "untraced", plan.small(), small.seconds(), plan.large(),
                        large.seconds(), us);
            }
        }
        ObjectNode result = mapper.createObjectNode();
        result.put("body", plan.body().toString());
        result.put("small", plan.small());
        result.put("large", plan.large());
        result.put("runs", plan.runs());
        // On a shared machine the figures mean little without the load they were taken under.
        result.put("loadAverageBefore", loadBefore);
        result.put("loadAverageAfter", loadAverage());
        double untracedUs = ColdStart.median(untraced);
        double tracedUs = ColdStart.median(traced);
        result.put("untracedUsPerAdvice", round(untracedUs));
        result.put("tracedUsPerAdvice", round(tracedUs));
        putAll(result.putArray("untracedUsPerAdviceRuns"), untraced);
        putAll(result.putArray("tracedUsPerAdviceRuns"), traced);
        if (untracedUs > 0) {
            result.put("tracedOverUntraced", tracedUs / untracedUs);
            result.put("maxTracedOverUntraced", MAX_TRACED_OVER_UNTRACED);
            result.put("met", tracedUs / untracedUs <= MAX_TRACED_OVER_UNTRACED);
            result.put("untracedAdvicePerSecond", 1e6 / untracedUs);
        }
        ArrayNode runs = result.putArray("launches");
        for (Launch l : launches) {
            ObjectNode n = runs.addObject();
            n.put("traced", l.traced());
            n.put("advice", l.count());
            n.put("seconds", Math.round(l.seconds() * 1000) / 1000.0);
        }
        // The traced command without its files; untraced adds --no-trace after evaluate.
        ArrayNode cmd = result.putArray("command");
        command(plan, true, 0).forEach(cmd::add);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n";
    }

    /** One launch of the CLI, timed from the start of the JVM to its exit, then its output checked. */
    private static Launch launch(Plan plan, boolean traced, int count, int run, ObjectMapper mapper)
            throws IOException, InterruptedException, StepFailure {
        String name = (traced ? "traced" : "untraced") + "-" + count + "-" + run;
        Path output = plan.work().resolve(name + ".jsonl");
        Path log = plan.work().resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command(plan, traced, count))
                .redirectOutput(output.toFile()).redirectError(log.toFile());
        long start = System.nanoTime();
        Process process = Children.start(builder);
        int exit;
        try {
            exit = process.waitFor();
        } finally {
            Children.stop(process);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new StepFailure("batch: evaluate " + (traced ? "" : "--no-trace ") + "of " + count
                    + " profiles exited with " + exit + " (see " + log + " and " + output + ")");
        }
        check(output, traced, count, mapper);
        Files.delete(output);
        return new Launch(traced, count, seconds);
    }

    /** Every line an advice with recommendations, a trace exactly when TRACED, and COUNT lines. */
    private static void check(Path output, boolean traced, int count, ObjectMapper mapper)
            throws IOException, StepFailure {
        int lines = 0;
        try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                JsonNode advice;
                try {
                    advice = mapper.readTree(line);
                } catch (IOException e) {
                    throw new StepFailure("batch: line " + lines + " of " + output + " is not JSON: " + e.getMessage());
                }
                String wrong = !advice.path("recommendations").isArray() || advice.path("recommendations").isEmpty()
                        ? "no recommendations"
                        : traced != (advice.path("trace").isArray() && !advice.path("trace").isEmpty())
                        ? (traced ? "no trace" : "a trace, though --no-trace was given")
                        : null;
                if (wrong != null) {
                    throw new StepFailure("batch: line " + lines + " of " + output + " has " + wrong + ": "
                            + line.substring(0, Math.min(200, line.length())));
                }
            }
        }
        if (lines != count) {
            throw new StepFailure("batch: " + output + " has " + lines + " lines for " + count + " profiles");
        }
    }

    private static List<String> command(Plan plan, boolean traced, int count) {
        List<String> command = new ArrayList<>();
        command.add(plan.java());
        command.addAll(BenchSettings.split(plan.javaOpts()));
        command.addAll(List.of("-jar", plan.jar().toString(), "evaluate"));
        if (!traced) {
            command.add("--no-trace");
        }
        command.addAll(Collections.nCopies(count, plan.body().toString()));
        return command;
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg; empty where there is none. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", List.of(fields).subList(0, Math.min(3, fields.length)));
        } catch (IOException e) {
            return "";
        }
    }

    private static void putAll(ArrayNode into, List<Double> values) {
        values.forEach(v -> into.add(round(v)));
    }

    private static double round(double us) {
        return Math.round(us * 10) / 10.0;
    }
}

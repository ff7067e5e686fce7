package org.mineralsadvisor.bench.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.Locale;

/**
 * The CLI in batch, as {@code bench/run} measures it: {@code JAVA JAVA_OPTS -jar JAR evaluate
 * [--no-trace] BODY BODY …} with the profile BODY given N times, one advice per line (JSON
 * Lines) into a file. A launch's wall time includes starting the JVM, loading the facts and
 * compiling the rules; the difference between a launch of LARGE and one of SMALL profiles does
 * not, so the time per advice of a batch is {@code (t(LARGE) − t(SMALL)) / (LARGE − SMALL)}.
 * The JIT's warm-up is inside that, spread over LARGE − SMALL advice, and on two cores it is
 * most of it; so a third launch of WARM profiles gives the warmed-up time per advice,
 * {@code (t(WARM) − t(LARGE)) / (WARM − LARGE)}, which the targets use (the service they are
 * compared with is measured after its warm-up). WARM = 0 leaves it out.
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
    record Plan(String java, String javaOpts, Path jar, Path body, int small, int large, int warm, int runs,
                Path work) {
    }

    /** One launch: its mode, its number of profiles, its wall time. */
    private record Launch(boolean traced, int count, double seconds) {
    }

    private BatchEvaluate() {
    }

    /** Runs the plan; the result as JSON (every launch, the medians, the command). */
    static String measure(Plan plan) throws IOException, InterruptedException, StepFailure {
        if (plan.small() < 2 || plan.large() <= plan.small() || (plan.warm() != 0 && plan.warm() <= plan.large())
                || plan.runs() < 1) {
            // One input prints pretty JSON, not a line: the count check needs two at least.
            throw new StepFailure("batch: needs 2 ≤ BATCH_SMALL < BATCH_LARGE < BATCH_WARM (or BATCH_WARM=0) and "
                    + "BATCH_RUNS ≥ 1, not " + plan.small() + ", " + plan.large() + ", " + plan.warm() + ", "
                    + plan.runs());
        }
        ColdStart.deleteTree(plan.work());
        Files.createDirectories(plan.work());
        ObjectMapper mapper = new ObjectMapper();
        String loadBefore = loadAverage();
        List<Launch> launches = new ArrayList<>();
        Segment batch = new Segment(plan.small(), plan.large());
        Segment warm = new Segment(plan.large(), plan.warm());
        for (int run = 1; run <= plan.runs(); run++) {
            // Untraced first in odd repetitions, traced first in even ones.
            for (boolean trace : run % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                Launch small = launch(plan, trace, plan.small(), run, mapper);
                Launch large = launch(plan, trace, plan.large(), run, mapper);
                launches.add(small);
                launches.add(large);
                double batchUs = batch.add(trace, small, large);
                String warmText = "";
                if (plan.warm() > 0) {
                    Launch longer = launch(plan, trace, plan.warm(), run, mapper);
                    launches.add(longer);
                    warmText = String.format(Locale.ROOT, "; %d advice %.2f s: %.0f µs per advice warmed up",
                            plan.warm(), longer.seconds(), warm.add(trace, large, longer));
                }
                System.out.printf(Locale.ROOT, "batch %d/%d %s: %d advice %.2f s, %d advice %.2f s: %.0f µs per "
                                + "advice%s%n", run, plan.runs(), trace ? "traced  " : "untraced", plan.small(),
                        small.seconds(), plan.large(), large.seconds(), batchUs, warmText);
            }
        }
        ObjectNode result = mapper.createObjectNode();
        result.put("body", plan.body().toString());
        result.put("small", plan.small());
        result.put("large", plan.large());
        result.put("warm", plan.warm());
        result.put("runs", plan.runs());
        // On a shared machine the figures mean little without the load they were taken under.
        result.put("loadAverageBefore", loadBefore);
        result.put("loadAverageAfter", loadAverage());
        ObjectNode segments = result.putObject("perAdvice");
        batch.put(segments.putObject("batch"));
        if (plan.warm() > 0) {
            warm.put(segments.putObject("warm"));
        }
        // The targets compare warmed-up costs (the service is measured after its warm-up) when there are any.
        Segment basis = plan.warm() > 0 ? warm : batch;
        result.put("basis", plan.warm() > 0 ? "warm" : "batch");
        double untracedUs = ColdStart.median(basis.untraced);
        double tracedUs = ColdStart.median(basis.traced);
        result.put("untracedUsPerAdvice", round(untracedUs));
        result.put("tracedUsPerAdvice", round(tracedUs));
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

    /**
     * The time per advice between two launch sizes, FROM and TO, in every repetition and mode:
     * {@code (t(TO) − t(FROM)) / (TO − FROM)}.
     */
    private static final class Segment {
        private final int from;
        private final int to;
        private final List<Double> untraced = new ArrayList<>();
        private final List<Double> traced = new ArrayList<>();

        Segment(int from, int to) {
            this.from = from;
            this.to = to;
        }

        /** Adds one repetition's figure; it, in µs. */
        double add(boolean trace, Launch shorter, Launch longer) {
            double us = (longer.seconds() - shorter.seconds()) * 1e6 / (longer.count() - shorter.count());
            (trace ? traced : untraced).add(us);
            return us;
        }

        void put(ObjectNode into) {
            into.put("from", from);
            into.put("to", to);
            double u = ColdStart.median(untraced);
            double t = ColdStart.median(traced);
            into.put("untracedUs", round(u));
            into.put("tracedUs", round(t));
            putAll(into.putArray("untracedUsRuns"), untraced);
            putAll(into.putArray("tracedUsRuns"), traced);
            if (u > 0) {
                into.put("tracedOverUntraced", t / u);
            }
        }
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

    /**
     * Every line an advice with recommendations, a trace exactly when TRACED, and COUNT lines.
     * Read with Jackson's streaming parser: a traced launch can write a gigabyte.
     */
    private static void check(Path output, boolean traced, int count, ObjectMapper mapper)
            throws IOException, StepFailure {
        int lines = 0;
        try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                int recommendations = -1;
                int trace = -1;
                try (JsonParser json = mapper.getFactory().createParser(line)) {
                    if (json.nextToken() != JsonToken.START_OBJECT) {
                        throw new StepFailure("batch: line " + lines + " of " + output + " is not a JSON object: "
                                + line.substring(0, Math.min(200, line.length())));
                    }
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String field = json.currentName();
                        json.nextToken();
                        if (field.equals("recommendations")) {
                            recommendations = elements(json);
                        } else if (field.equals("trace")) {
                            trace = elements(json);
                        } else {
                            json.skipChildren();
                        }
                    }
                } catch (JsonProcessingException e) {
                    throw new StepFailure("batch: line " + lines + " of " + output + " is not JSON: "
                            + e.getOriginalMessage());
                }
                String wrong = recommendations <= 0 ? "no recommendations"
                        : traced != trace > 0 ? (traced ? "no trace" : "a trace, though --no-trace was given")
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

    /** The elements of the array at the parser (skipped), or -1 when it is not an array. */
    private static int elements(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return -1;
        }
        int n = 0;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            json.skipChildren();
            n++;
        }
        return n;
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

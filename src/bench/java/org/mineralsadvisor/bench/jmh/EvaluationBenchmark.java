package org.mineralsadvisor.bench.jmh;

import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One evaluation (fresh KieSession of the shared, compiled KieBase; facts built; rules fired;
 * advice assembled) of one profile, with and without the trace ({@code traced}).
 *
 * <p>Cases ({@code profile}):
 * <ul>
 *   <li>{@code india}: {@code samples/india.json} against the shipped {@code facts/} (11 minerals,
 *       2 profile corridors);</li>
 *   <li>{@code generated-10}, {@code generated-100}, {@code generated-500}: a {@link ProfileGenerator}
 *       profile of 10, 100 or 500 minerals (3, 10 and 50 profile corridors: N/10, at least 3) against a
 *       {@link FactBaseGenerator} fact base of 500 minerals written to a temp dir in {@code @Setup}.</li>
 * </ul>
 * The shipped {@code rules/} are compiled once per trial, as the service does.
 *
 * <p>{@link #evaluate} reports the average time in µs/op; {@link #evaluateThroughput} the same work
 * as ops/s (single-threaded it is ≈ 1e6 / µs·op; add {@code -t N} to see how it scales over
 * N threads sharing the KieBase).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class EvaluationBenchmark {
    /** Minerals in the generated fact base the generated profiles draw from. */
    static final int GENERATED_FACT_BASE_MINERALS = 500;

    @Param({"india", "generated-10", "generated-100", "generated-500"})
    String profile;

    @Param({"true", "false"})
    boolean traced;

    RuleSet rules;
    FactBase facts;
    CountryProfile input;
    Advisor evaluator;
    Path tempDir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        rules = new RuleSetCompiler().compile(BenchFiles.rules());
        byte[] json;
        if (profile.equals("india")) {
            facts = new FactBaseLoader().load(BenchFiles.facts());
            json = Files.readAllBytes(BenchFiles.indiaSample());
        } else if (profile.startsWith("generated-")) {
            int minerals = Integer.parseInt(profile.substring("generated-".length()));
            tempDir = Files.createTempDirectory("advisor-bench-facts");
            FactBaseGenerator.write(tempDir, Math.max(GENERATED_FACT_BASE_MINERALS, minerals));
            facts = new FactBaseLoader().load(tempDir);
            json = ProfileGenerator.generate(facts, minerals);
        } else {
            throw new IllegalArgumentException("unknown profile case " + profile);
        }
        input = new ProfileParser(facts).parse(json);
        evaluator = new Advisor();
        Advice advice = evaluator.evaluate(rules, facts, input, traced);
        System.out.println("\n# case " + profile + " traced=" + traced + ": " + input.minerals().size() + " minerals, "
                + input.corridors().size() + " profile corridors, " + advice.recommendations().size()
                + " recommendations, " + (advice.trace() == null ? 0 : advice.trace().size()) + " trace steps");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        BenchFiles.deleteRecursively(tempDir);
    }

    @Benchmark
    public Advice evaluate() {
        return evaluator.evaluate(rules, facts, input, traced);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Advice evaluateThroughput() {
        return evaluator.evaluate(rules, facts, input, traced);
    }
}

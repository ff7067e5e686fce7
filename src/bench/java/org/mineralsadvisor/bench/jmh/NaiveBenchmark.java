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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The naive design, for comparison: every evaluation compiles a KieBase from the DRL files
 * ({@code new RuleSetCompiler().compile(rules/)}, reading the files too) and then evaluates the
 * India sample against it ({@link #naiveCompilePerEvaluation}); next to the shipped design, one
 * KieBase compiled in {@code @Setup} and shared by every evaluation ({@link #sharedKieBase}, the
 * same work as {@code EvaluationBenchmark.evaluate} with {@code profile=india}). Average time in
 * µs/op; {@code traced} defaults to true (the service's advice carries its trace).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NaiveBenchmark {
    @Param({"true"})
    boolean traced;

    Path rulesDir;
    RuleSet shared;
    FactBase facts;
    CountryProfile india;
    Advisor evaluator;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        rulesDir = BenchFiles.rules();
        shared = new RuleSetCompiler().compile(rulesDir);
        facts = new FactBaseLoader().load(BenchFiles.facts());
        india = new ProfileParser(facts).parse(Files.readAllBytes(BenchFiles.indiaSample()));
        evaluator = new Advisor();
    }

    @Benchmark
    public Advice naiveCompilePerEvaluation() {
        RuleSet rules = new RuleSetCompiler().compile(rulesDir);
        return evaluator.evaluate(rules, facts, india, traced);
    }

    @Benchmark
    public Advice sharedKieBase() {
        return evaluator.evaluate(shared, facts, india, traced);
    }
}

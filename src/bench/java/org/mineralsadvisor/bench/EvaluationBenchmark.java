package org.mineralsadvisor.bench;

import org.mineralsadvisor.evaluation.Evaluator;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** One evaluation of the India sample, with and without the trace. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvaluationBenchmark {
    @Param({"true", "false"})
    boolean traced;

    RuleSet rules;
    FactBase facts;
    CountryProfile india;
    Evaluator evaluator;

    @Setup
    public void setUp() throws Exception {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
        facts = new FactBaseLoader().load(Path.of("facts"));
        india = new ProfileParser(facts).parse(Files.readAllBytes(Path.of("samples/india.json")));
        evaluator = new Evaluator();
    }

    @Benchmark
    public Object india() {
        return evaluator.evaluate(rules, facts, india, traced);
    }
}

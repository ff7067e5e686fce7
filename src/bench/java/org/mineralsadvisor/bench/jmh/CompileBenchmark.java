package org.mineralsadvisor.bench.jmh;

import org.mineralsadvisor.rules.RuleProblem;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Compiling a rule set into a KieBase, in memory, with every check of
 * {@code RuleSetCompiler.compile(Path, Map, List)} (policy ids, explanations, catalogue coverage):
 * what a service start or a rule-set reload costs.
 *
 * <p>Cases ({@code pack}): {@code shipped} (the 30 rules of {@code rules/}), {@code 1000} and
 * {@code 5000} (a {@link RulePackGenerator} pack of that many rules: the shipped files plus clones
 * of their rules with unique names and varied thresholds, and the shipped {@code policies.yaml}).
 * The sources are generated in {@code @Setup}; each operation compiles them and fails if the
 * compiler reports an error. One compile per operation ({@code SingleShotTime}), in ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class CompileBenchmark {
    @Param({"shipped", "1000", "5000"})
    String pack;

    Path rulesDir;
    Map<String, String> sources;

    @Setup(Level.Trial)
    public void setUp() {
        rulesDir = BenchFiles.rules();
        Map<String, String> shipped = RulePackGenerator.readShipped(rulesDir);
        sources = pack.equals("shipped") ? shipped : RulePackGenerator.generate(shipped, Integer.parseInt(pack));
        System.out.println("# pack " + pack + ": " + RulePackGenerator.countRules(sources) + " rules in "
                + sources.keySet().stream().filter(f -> f.endsWith(".drl")).count() + " DRL files");
    }

    @Benchmark
    public RuleSet compile() {
        return compileChecked(rulesDir, sources);
    }

    /** Compiles and throws with the first errors unless the rule set compiled cleanly. */
    static RuleSet compileChecked(Path rulesDir, Map<String, String> sources) {
        List<RuleProblem> problems = new ArrayList<>();
        RuleSet ruleSet = new RuleSetCompiler().compile(rulesDir, sources, problems);
        List<RuleProblem> errors = problems.stream().filter(RuleProblem::isError).toList();
        if (ruleSet == null || !errors.isEmpty()) {
            throw new IllegalStateException("the rule set did not compile: " + errors.size() + " error(s), first: "
                    + errors.subList(0, Math.min(5, errors.size())));
        }
        return ruleSet;
    }
}

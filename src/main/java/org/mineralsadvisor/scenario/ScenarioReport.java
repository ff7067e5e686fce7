package org.mineralsadvisor.scenario;

import org.mineralsadvisor.scenario.ScenarioResult.Mismatch;
import org.mineralsadvisor.service.Knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of a rule set's scenario tests and their coverage, in the form both
 * {@code advisor rules test} and the service's upload gate show (Jackson writes it as is).
 */
public record ScenarioReport(int passed, int failed, List<Outcome> scenarios, Coverage coverage,
                             @com.fasterxml.jackson.annotation.JsonIgnore java.util.Map<String, List<String>> coveredBy) {

    /** One scenario: where it is, whether it passed, and each mismatch as expected against actual. */
    public record Outcome(String file, int line, String name, boolean passed, double seconds, List<Mismatch> failures) {
    }

    public boolean allPassed() {
        return failed == 0;
    }

    /** Runs every scenario file under {@code testsDir} (a rule set's {@code tests/}); names are relative to its parent. */
    public static ScenarioReport run(Knowledge knowledge, Path testsDir) {
        Path rulesDir = testsDir.toAbsolutePath().normalize().getParent();
        return run(knowledge, knowledge.facts().directory(), rulesDir, ScenarioFiles.select(List.of(testsDir)));
    }

    /**
     * Runs the given scenario files.
     *
     * @param baseFacts where the fact base was loaded from (a case's fact overrides replace files of it)
     * @param rulesDir  the rules directory, against which file names are shown
     */
    public static ScenarioReport run(Knowledge knowledge, Path baseFacts, Path rulesDir, List<Path> files) {
        ScenarioRunner runner = new ScenarioRunner(knowledge, baseFacts);
        List<ScenarioResult> results = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files) {
            for (Scenario scenario : ScenarioFiles.read(rulesDir, file)) {
                long start = System.nanoTime();
                ScenarioResult result = runner.run(scenario);
                double seconds = (System.nanoTime() - start) / 1e9;
                results.add(result);
                outcomes.add(new Outcome(scenario.file(), scenario.line(), scenario.note(), result.passed(), seconds,
                        result.mismatches()));
            }
        }
        return of(knowledge, results, outcomes);
    }

    private static ScenarioReport of(Knowledge knowledge, List<ScenarioResult> results, List<Outcome> outcomes) {
        int passed = (int) outcomes.stream().filter(Outcome::passed).count();
        // Per rule (by name), the scenarios that fired it: what a rule diff shows as "covered by".
        java.util.Map<String, List<String>> coveredBy = new java.util.TreeMap<>();
        for (ScenarioResult result : results) {
            String label = result.scenario().file() + " \"" + result.scenario().note() + "\"";
            for (String key : result.firedRules()) {
                coveredBy.computeIfAbsent(key.substring(key.indexOf('#') + 1), k -> new ArrayList<>()).add(label);
            }
        }
        return new ScenarioReport(passed, outcomes.size() - passed, List.copyOf(outcomes),
                Coverage.of(knowledge.rules(), results), coveredBy);
    }
}

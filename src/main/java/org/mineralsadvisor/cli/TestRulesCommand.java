package org.mineralsadvisor.cli;

import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.rules.InvalidRuleSetException;
import org.mineralsadvisor.scenario.Scenario;
import org.mineralsadvisor.scenario.ScenarioFiles;
import org.mineralsadvisor.scenario.ScenarioResult;
import org.mineralsadvisor.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        header = "Runs the rule set's scenario tests and reports each failing case.",
        description = {"The scenarios run against the rules and the fact base; without FILE, every scenario file "
                + "under <rules>/tests/ runs.",
                "Each failing case prints as file:line: note, followed by what was wrong, then a summary line.",
                "Exit codes: 0 all passed; 1 a case failed or the rules or facts did not load."})
final class TestRulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleSet rules;
        try {
            rules = new RuleSetCompiler().compile(locations.rules);
        } catch (InvalidRuleSetException e) {
            e.problems().forEach(out::println);
            return 1;
        }
        ScenarioRunner runner = new ScenarioRunner(rules, locations.facts);
        int passed = 0;
        int failed = 0;
        for (Path file : ScenarioFiles.find(locations.rules)) {
            for (Scenario scenario : ScenarioFiles.read(locations.rules, file)) {
                ScenarioResult result = runner.run(scenario);
                if (result.passed()) {
                    passed++;
                } else {
                    failed++;
                    out.println("FAIL " + scenario.name());
                    result.failures().forEach(f -> out.println("  " + f));
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}

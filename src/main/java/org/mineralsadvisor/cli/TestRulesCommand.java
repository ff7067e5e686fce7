package org.mineralsadvisor.cli;

import org.mineralsadvisor.scenario.Scenario;
import org.mineralsadvisor.scenario.ScenarioFiles;
import org.mineralsadvisor.scenario.ScenarioResult;
import org.mineralsadvisor.scenario.ScenarioRunner;
import org.mineralsadvisor.service.Knowledge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Scenario files (YAML) or directories of them to run instead of all.")
    List<Path> selected = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!selectedExist(err)) {
            return 1;
        }
        Knowledge knowledge = EvaluateCommand.load(locations, err);
        if (knowledge == null) {
            return 1;
        }
        ScenarioRunner runner = new ScenarioRunner(knowledge, locations.facts);
        List<Path> files = selected.isEmpty() ? ScenarioFiles.find(locations.rules) : ScenarioFiles.select(selected);
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            for (Scenario scenario : ScenarioFiles.read(locations.rules, file)) {
                ScenarioResult result = runner.run(scenario);
                if (result.passed()) {
                    passed++;
                } else {
                    failed++;
                    out.println("FAIL " + scenario.name());
                    result.failures().forEach(f -> out.println("  " + f.replace("\n", "\n  ")));
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed" + (files.isEmpty() ? " (no scenario files found)" : ""));
        out.flush();
        return failed == 0 && !(files.isEmpty() && !selected.isEmpty()) ? 0 : 1;
    }

    private boolean selectedExist(PrintWriter err) {
        boolean all = true;
        for (Path path : selected) {
            if (!Files.exists(path)) {
                err.println("error: no scenario file or directory at " + path.toAbsolutePath().normalize());
                all = false;
            }
        }
        err.flush();
        return all;
    }
}

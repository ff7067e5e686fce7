package org.mineralsadvisor.cli;

import org.mineralsadvisor.scenario.JUnitXml;
import org.mineralsadvisor.scenario.ScenarioFiles;
import org.mineralsadvisor.scenario.ScenarioReport;
import org.mineralsadvisor.service.Knowledge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        header = "Runs the rule set's scenario tests, reports each failing case and the rules no case fires.",
        description = {"The scenarios run against the rules and the fact base; without FILE, every scenario file "
                + "under <rules>/tests/ runs.",
                "Each failing case prints as file:line: note, followed by what was expected against what came, then "
                        + "a summary line and the coverage table: every rule with its policy id, file:line and how many "
                        + "scenarios fired it, the rules and catalogued policies that none fires listed first.",
                "Exit codes: 0 all passed; 1 a case failed or the rules or facts did not load."})
final class TestRulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the results as JUnit XML (one testsuite per scenario file) for a CI server.")
    Path junit;

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
        List<Path> files = selected.isEmpty() ? ScenarioFiles.find(locations.rules) : ScenarioFiles.select(selected);
        ScenarioReport report = ScenarioReport.run(knowledge, locations.facts, locations.rules, files);
        for (ScenarioReport.Outcome outcome : report.scenarios()) {
            if (!outcome.passed()) {
                out.println("FAIL " + outcome.file() + ":" + outcome.line() + ": " + outcome.name());
                outcome.failures().forEach(f -> out.println("  " + f.message().replace("\n", "\n  ")));
            }
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed"
                + (files.isEmpty() ? " (no scenario files found)" : ""));
        out.println();
        report.coverage().table().forEach(out::println);
        out.flush();
        if (junit != null) {
            try {
                Files.writeString(junit, JUnitXml.write(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: cannot write the JUnit report to " + junit.toAbsolutePath().normalize() + ": " + e);
                err.flush();
                return 1;
            }
        }
        return report.allPassed() && !(files.isEmpty() && !selected.isEmpty()) ? 0 : 1;
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

package org.mineralsadvisor.authoring;

import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.provenance.ContentHash;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.scenario.ScenarioFiles;
import org.mineralsadvisor.scenario.ScenarioReport;
import org.mineralsadvisor.service.Knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The gate every candidate passes before it may serve: compile, the checks of {@code rules
 * check} (policy ids, explanations, stages, the safety policy for rule code) and every
 * scenario test in its {@code tests/}, against the active fact base.
 */
public final class RuleSetGate {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("advisor.rulesets");
    private final RuleSetCompiler compiler = new RuleSetCompiler();

    /** @param shownAs the directory the compiled rule set reports (the rules directory, or a name for an upload) */
    public GateResult run(Map<String, String> allFiles, FactBase facts, Path factsDir, Path shownAs) {
        SortedMap<String, String> files = new TreeMap<>(allFiles);
        SortedMap<String, String> versioned = RuleSetFiles.versioned(files);
        List<RuleProblem> problems = new ArrayList<>();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("advisor-candidate-");
            RuleSetFiles.write(dir, files);
            RuleSet rules;
            try {
                rules = compiler.compile(shownAs, versioned, problems);
            } catch (RuntimeException e) {
                // Whatever a candidate holds, it is rejected with a reason, never a failed request or a
                // save the watcher drops: a compiler failure is one more problem of the candidate.
                LOG.warn("compiling a rule-set candidate failed", e);
                problems.add(RuleProblem.error("rules", 1, 1, "compile_failed: the rule set could not be compiled ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
                rules = null;
            }
            ScenarioReport report = rules == null ? null : runTests(rules, facts, factsDir, dir);
            return new GateResult(version(versioned), files, rules, List.copyOf(problems),
                    report == null ? TestSummary.NOT_RUN : TestSummary.of(report), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            RuleSetFiles.deleteTree(dir);
        }
    }

    /** The version the compiler gives these files, also when they do not compile. */
    static String version(SortedMap<String, String> versioned) {
        List<byte[]> contents = new ArrayList<>();
        versioned.values().forEach(text -> contents.add(text.getBytes(StandardCharsets.UTF_8)));
        return ContentHash.ofContents(contents);
    }

    private static ScenarioReport runTests(RuleSet rules, FactBase facts, Path factsDir, Path rulesDir) {
        return ScenarioReport.run(Knowledge.of(rules, facts), factsDir, rulesDir, ScenarioFiles.find(rulesDir));
    }
}

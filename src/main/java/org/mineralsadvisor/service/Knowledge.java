package org.mineralsadvisor.service;

import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.InvalidFactBaseException;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.InvalidRuleSetException;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The active rule set and fact base, with the profile parser that validates against that fact base.
 * {@link #load} is the one place that reads them from disk, for the service and every CLI command.
 */
public record Knowledge(RuleSet rules, FactBase facts, ProfileParser parser) {

    public static Knowledge of(RuleSet rules, FactBase facts) {
        return new Knowledge(rules, facts, new ProfileParser(facts));
    }

    /**
     * Loads the fact base while the rules compile (the compile dominates start-up), and reports
     * every problem of both at once rather than stopping at the first file that fails.
     *
     * @throws InvalidKnowledgeException with each problem located as {@code file:line:column: message}
     */
    public static Knowledge load(Path rulesDir, Path factsDir) {
        CompletableFuture<FactBase> facts = loadFacts(factsDir);
        List<String> problems = new ArrayList<>();
        RuleSet rules = null;
        try {
            rules = new RuleSetCompiler().compile(rulesDir);
        } catch (InvalidRuleSetException e) {
            e.problems().stream().filter(RuleProblem::isError).forEach(p -> problems.add(p.toString()));
        }
        FactBase factBase = joinFacts(facts, factsDir, problems);
        if (!problems.isEmpty()) {
            throw new InvalidKnowledgeException(problems);
        }
        return of(rules, factBase);
    }

    /** Starts loading the fact base in the background. */
    public static CompletableFuture<FactBase> loadFacts(Path factsDir) {
        return CompletableFuture.supplyAsync(() -> new FactBaseLoader().load(factsDir));
    }

    /** The loaded fact base, or null with its problems (located as {@code facts/x.csv:line:column: …}) added. */
    public static FactBase joinFacts(CompletableFuture<FactBase> loading, Path factsDir, List<String> problems) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InvalidFactBaseException invalid) {
                invalid.problems().forEach(p -> problems.add(factsDir + "/" + p));
            } else {
                problems.add("cannot load the fact base from " + factsDir + ": " + e.getCause().getMessage());
            }
            return null;
        }
    }
}

package org.mineralsadvisor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSetCompiler;

/** Rule sets that tests change in a known way. */
public final class RuleSets {
    private RuleSets() {
    }

    /** A copy of the shipped rules with the TIER_1 line raised from 70 to 85 points (one corridor of India moves). */
    public static Path raisedTier1(Path into) throws IOException {
        Path rules = Directories.copy(Path.of("rules"), into);
        Path policies = rules.resolve("policies.yaml");
        String text = Files.readString(policies);
        if (!text.contains("tier_1_min_score: 70\n")) {
            throw new AssertionError("the TIER_1 threshold this test raises is no longer tier_1_min_score: 70");
        }
        Files.writeString(policies, text.replace("tier_1_min_score: 70\n", "tier_1_min_score: 85\n"));
        return rules;
    }

    /** Writes {@code catalogue} and {@code drl} (as stockpile.drl) into {@code rules}, compiles, and returns the problems. */
    public static List<RuleProblem> compileProblems(Path rules, String catalogue, String drl) throws IOException {
        Files.writeString(rules.resolve("policies.yaml"), catalogue);
        Files.writeString(rules.resolve("stockpile.drl"), drl);
        List<RuleProblem> problems = new ArrayList<>();
        new RuleSetCompiler().compile(rules, problems);
        return problems;
    }
}

package org.mineralsadvisor.impact;

import org.mineralsadvisor.advice.RecommendationChange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.testing.Directories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The impact diff reports exactly what a known change to the rules does to the samples, and nothing else. */
class ImpactDiffTest {
    private static RuleSet base;
    private static FactBase facts;

    @TempDir
    Path tmp;

    @BeforeAll
    static void shipped() {
        base = new RuleSetCompiler().compile(Path.of("rules"));
        facts = new FactBaseLoader().load(Path.of("facts"));
    }

    static List<ProfileInput> samples() throws IOException {
        List<ProfileInput> inputs = new ArrayList<>();
        for (String name : List.of("germany.json", "india.json", "japan.json", "singapore.json")) {
            inputs.add(new ProfileInput(name, Files.readString(Path.of("samples", name))));
        }
        return inputs;
    }

    /** The shipped rules with TIER_1 starting at 85 points instead of 70. */
    static Path raisedTier1(Path into) throws IOException {
        return org.mineralsadvisor.testing.RuleSets.raisedTier1(into);
    }

    @Test
    void raising_the_tier_1_threshold_moves_one_corridor_of_india_to_tier_2_and_nothing_else() throws IOException {
        RuleSet candidate = new RuleSetCompiler().compile(raisedTier1(tmp.resolve("rules")));
        List<ProfileInput> inputs = new ArrayList<>(samples());
        inputs.add(1, new ProfileInput("bad.json", "{\"country\": \"IND\", \"asOf\": \"2026-02-04\", \"minerals\": "
                + "[{\"mineral\": \"galium\", \"annualDemandTonnes\": 1}]}"));
        List<int[]> progress = new CopyOnWriteArrayList<>();
        ImpactReport report = new ImpactDiff().run(base, candidate, facts, inputs,
                (done, total) -> progress.add(new int[]{done, total}));

        assertThat(report.profiles()).isEqualTo(5);
        assertThat(report.changed()).isEqualTo(1);
        assertThat(report.invalid()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(3);
        assertThat(report.impacts()).extracting(ProfileImpact::label).containsExactly("bad.json", "india.json");
        ProfileImpact bad = report.impacts().get(0);
        assertThat(bad.status()).isEqualTo(ProfileImpact.Status.INVALID);
        assertThat(bad.problems()).singleElement().asString().startsWith("/minerals/0/mineral: unknown_mineral: ");
        ProfileImpact india = report.impacts().get(1);
        assertThat(india.changes()).hasSize(1);
        RecommendationChange andhra = india.changes().get(0);
        assertThat(ImpactText.change(andhra))
                .isEqualTo("~ CORRIDOR IND_REC_ANDHRA priority HIGH → MEDIUM; tier TIER_1 → TIER_2");
        assertThat(andhra.policyId()).isEqualTo("COR-RANK");
        assertThat(report.byType()).containsOnlyKeys("CORRIDOR");
        assertThat(report.byType().get("CORRIDOR")).isEqualTo(new ImpactReport.Totals(0, 0, 1));
        assertThat(report.byPolicy()).containsExactly(Map.entry("COR-RANK", new ImpactReport.Totals(0, 0, 1)));
        assertThat(report.baseVersion()).isEqualTo(base.version()).isNotEqualTo(report.candidateVersion());

        assertThat(progress).hasSize(5).allMatch(p -> p[1] == 5);
        assertThat(progress).extracting(p -> p[0]).containsExactlyInAnyOrder(1, 2, 3, 4, 5);

        assertThat(ImpactText.lines(report)).containsExactly(
                "bad.json  invalid: " + bad.problems().get(0),
                "india.json  ~ CORRIDOR IND_REC_ANDHRA priority HIGH → MEDIUM; tier TIER_1 → TIER_2",
                "",
                "1 of 5 profile(s) changed (3 unchanged, 1 invalid)",
                "by type:",
                "  CORRIDOR  +0 added  -0 removed  ~1 changed",
                "by policy:",
                "  COR-RANK  +0 added  -0 removed  ~1 changed");
        // The JSON form is the report as records.
        assertThat(AdviceJson.mapper().valueToTree(report).at("/impacts/1/changes/0/fields/1/after").asText())
                .isEqualTo("TIER_2");
    }

    @Test
    void a_rule_set_against_itself_changes_nothing() throws IOException {
        RuleSet same = new RuleSetCompiler().compile(Directories.copy(Path.of("rules"), tmp.resolve("same")));
        ImpactReport report = new ImpactDiff().run(base, same, facts, samples(), ImpactDiff.Progress.NONE);
        assertThat(report.noChanges()).isTrue();
        assertThat(report.unchanged()).isEqualTo(4);
        assertThat(report.byType()).isEmpty();
        assertThat(ImpactText.lines(report))
                .containsExactly("no changes: 4 of 4 profile(s) get the same recommendations under both rule sets");
    }

    @Test
    void a_removed_rule_removes_its_recommendations_and_an_added_one_adds_them() throws IOException {
        // Without the trigger no stockpile is recommended: every STOCKPILE disappears, so the budget has nothing to fund.
        Path rules = Directories.copy(Path.of("rules"), tmp.resolve("rules"));
        Path drl = rules.resolve("stockpile.drl");
        String text = Files.readString(drl);
        assertThat(text).contains("@policyId(\"STK-TRIGGER\")");
        RuleSet noTrigger = compileWithout(rules, drl, text, "STK-TRIGGER");
        List<ProfileInput> india = List.of(samples().get(1));
        ImpactReport removed = new ImpactDiff().run(base, noTrigger, facts, india, ImpactDiff.Progress.NONE);
        List<RecommendationChange> changes = removed.impacts().get(0).changes();
        assertThat(changes).isNotEmpty().allMatch(c -> c.kind() == RecommendationChange.Kind.REMOVED
                && c.type().equals("STOCKPILE"));
        assertThat(changes).extracting(RecommendationChange::subject).contains("gallium", "dysprosium");
        assertThat(ImpactText.change(changes.get(0))).startsWith("- STOCKPILE ");
        assertThat(removed.byType().get("STOCKPILE").removed()).isEqualTo(changes.size());

        ImpactReport added = new ImpactDiff().run(noTrigger, base, facts, india, ImpactDiff.Progress.NONE);
        assertThat(added.impacts().get(0).changes()).hasSameSizeAs(changes)
                .allMatch(c -> c.kind() == RecommendationChange.Kind.ADDED);
        assertThat(ImpactText.change(added.impacts().get(0).changes().get(0))).matches("\\+ STOCKPILE \\w+ \\((HIGH|MEDIUM|LOW)\\)");
    }

    /** The rule set with the rules citing {@code policyId} cut out of {@code drl}. */
    private static RuleSet compileWithout(Path rules, Path drl, String text, String policyId) throws IOException {
        StringBuilder kept = new StringBuilder();
        String[] blocks = text.split("(?m)^(?=rule \")");
        for (String block : blocks) {
            if (!block.contains("@policyId(\"" + policyId + "\")")) {
                kept.append(block);
            } else {
                // keep whatever follows the rule's "end" (functions, comments)
                int end = block.indexOf("\nend\n");
                kept.append(block.substring(end + "\nend\n".length()));
            }
        }
        Files.writeString(drl, kept.toString());
        List<org.mineralsadvisor.rules.RuleProblem> problems = new ArrayList<>();
        RuleSet compiled = new RuleSetCompiler().compile(rules, problems);
        assertThat(compiled).as(problems.toString()).isNotNull();
        return compiled;
    }
}

package org.mineralsadvisor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-language rule diff on copies of the shipped rules with one known change each. */
class RuleSetDiffTest {
    private static final RuleSetCompiler COMPILER = new RuleSetCompiler();
    private static RuleSet shipped;

    @TempDir
    Path root;

    @BeforeAll
    static void compileShipped() {
        shipped = COMPILER.compile(Path.of("rules"));
    }

    /** A copy of rules/ (without its tests) with {@code before} replaced by {@code after} in {@code file}. */
    private RuleSet edited(String file, String before, String after) throws IOException {
        Path copy = Files.createDirectories(root.resolve("rules"));
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, copy.resolve(p.getFileName().toString()));
            }
        }
        Path target = copy.resolve(file);
        String text = Files.readString(target);
        assertThat(text).contains(before);
        Files.writeString(target, text.replace(before, after));
        return COMPILER.compile(copy);
    }

    private static int lineOf(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("rules", file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void the_same_rules_make_an_empty_diff() {
        RuleSetDiff diff = RuleSetDiff.of(shipped, COMPILER.compile(Path.of("rules")), null);
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.toText()).isEqualTo("Rules changed: 0, added: 0, removed: 0\n");
    }

    @Test
    void a_raised_tier_threshold_changes_exactly_the_ranking_rule_with_its_coverage() throws IOException {
        RuleSet candidate = edited("policies.yaml", "tier_1_min_score: 70", "tier_1_min_score: 75");
        String ranking = "Rank the scored corridors and give each its tier";
        RuleSetDiff diff = RuleSetDiff.of(shipped, candidate,
                Map.of(ranking, List.of("corridors/ranking.yaml \"tier edges\"")));
        int yamlLine = lineOf("policies.yaml", "tier_1_min_score");
        int ruleLine = lineOf("corridors.drl", "rule \"" + ranking + "\"");
        assertThat(diff.toText()).isEqualTo("""
                Rules changed: 1, added: 0, removed: 0
                ~ rule "Rank the scored corridors and give each its tier" (COR-RANK) rules/corridors.drl:%d
                    changed: parameters
                    tier_1_min_score (COR-RANK): 70 → 75   (rules/policies.yaml:%d)
                    covered by 1 scenario: corridors/ranking.yaml "tier edges"
                """.formatted(ruleLine, yamlLine));
        assertThat(diff.parameters()).singleElement().satisfies(p -> {
            assertThat(p.policyId()).isEqualTo("COR-RANK");
            assertThat(p.before()).isEqualTo("70");
            assertThat(p.after()).isEqualTo("75");
        });
    }

    @Test
    void a_parameter_in_a_rule_name_keeps_the_rule_matched_and_shows_the_new_name() throws IOException {
        RuleSet candidate = edited("policies.yaml", "threshold: 0.50", "threshold: 0.6");
        RuleSetDiff diff = RuleSetDiff.of(shipped, candidate, Map.of());
        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.changed()).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("Import reliance at or above 60%");
            assertThat(rule.policyId()).isEqualTo("STK-RELIANCE");
            assertThat(rule.values()).extracting(RuleSetDiff.ValueChange::text).containsExactly(
                    "threshold (STK-RELIANCE): 0.5 → 0.6   (rules/policies.yaml:" + lineOf("policies.yaml", "threshold: 0.50") + ")");
            assertThat(rule.coveredBy()).isEmpty();
        });
        assertThat(diff.toText()).contains("    not covered\n");
    }

    @Test
    void a_parameter_used_in_a_function_changes_the_rules_that_call_it() throws IOException {
        RuleSet candidate = edited("policies.yaml", "large_points: 30", "large_points: 35");
        RuleSetDiff diff = RuleSetDiff.of(shipped, candidate, null);
        assertThat(diff.changed()).extracting(RuleSetDiff.RuleChange::name).containsExactly("Corridor resource");
        assertThat(diff.toText()).contains("large_points (COR-RESOURCE): 30 → 35").contains("coverage: unknown");
    }

    @Test
    void a_changed_literal_is_reported_token_wise_with_its_line() throws IOException {
        RuleSet candidate = edited("corridors.drl", "$c : Corridor( $id : id, separationCapacityTpa > 0,",
                "$c : Corridor( $id : id, separationCapacityTpa > 10,");
        RuleSetDiff diff = RuleSetDiff.of(shipped, candidate, null);
        assertThat(diff.parameters()).isEmpty();
        assertThat(diff.changed()).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("Corridor separation capacity");
            assertThat(rule.aspects()).containsExactly("condition");
            assertThat(rule.values()).extracting(RuleSetDiff.ValueChange::text).containsExactly(
                    "literal in condition (COR-PROCESSING): 0 → 10   (rules/corridors.drl:"
                            + lineOf("corridors.drl", "separationCapacityTpa > 0,") + ")");
        });
    }

    @Test
    void a_literal_changed_in_a_function_changes_the_rules_that_call_it() throws IOException {
        RuleSet candidate = edited("stockpile.drl", "    int n = 0;", "    int n = 1;");
        RuleSetDiff diff = RuleSetDiff.of(shipped, candidate, null);
        assertThat(diff.changed()).singleElement().satisfies(rule -> {
            assertThat(rule.policyId()).isEqualTo("STK-TRIGGER");
            assertThat(rule.aspects()).containsExactly("function aggravatingCount");
            assertThat(rule.values()).extracting(RuleSetDiff.ValueChange::text).containsExactly(
                    "literal in function aggravatingCount: 0 → 1   (rules/stockpile.drl:"
                            + lineOf("stockpile.drl", "int n = 0;") + ")");
        });
    }

    @Test
    void a_parameter_replaced_by_a_literal_shows_both_values() throws IOException {
        RuleSet candidate = edited("stockpile.drl", "exportControlShare >= ${share} )", "exportControlShare >= 0.3 )");
        RuleSetDiff diff = RuleSetDiff.of(shipped, candidate, null);
        assertThat(diff.changed()).singleElement().satisfies(rule -> assertThat(rule.values())
                .extracting(RuleSetDiff.ValueChange::text).containsExactly("literal in condition (STK-EXPORT-CONTROL): ${share} = 0.25 → 0.3"
                        + "   (rules/stockpile.drl:" + lineOf("stockpile.drl", "exportControlShare >= ${share} )") + ")"));
    }

    @Test
    void rules_added_and_removed_are_listed_with_their_coverage() throws IOException {
        RuleSet candidate = edited("corridors.drl", "rule \"Corridor with power available\"", "rule \"Corridor with grid power\"");
        RuleSetDiff diff = RuleSetDiff.of(shipped, candidate, Map.of("Corridor with power available", List.of("corridors/scoring.yaml \"power\"")));
        assertThat(diff.changed()).isEmpty();
        assertThat(diff.added()).extracting(RuleSetDiff.RuleChange::name).containsExactly("Corridor with grid power");
        assertThat(diff.removed()).extracting(RuleSetDiff.RuleChange::name).containsExactly("Corridor with power available");
        assertThat(diff.toText()).startsWith("Rules changed: 0, added: 1, removed: 1\n")
                .contains("+ rule \"Corridor with grid power\" (COR-POWER) rules/corridors.drl:")
                .contains("- rule \"Corridor with power available\" (COR-POWER) rules/corridors.drl:")
                .contains("    covered by 1 scenario: corridors/scoring.yaml \"power\"\n");
    }

    @Test
    void a_comment_only_change_is_no_change() throws IOException {
        RuleSet candidate = edited("corridors.drl", "// Higher score first, ties by id (code-point order).",
                "// Higher score first; ties by id.");
        assertThat(RuleSetDiff.of(shipped, candidate, null).isEmpty()).isTrue();
    }

    @Test
    void serialises_as_json_records() throws IOException {
        RuleSet candidate = edited("policies.yaml", "\n      points: 15\n", "\n      points: 20\n");
        JsonNode json = new ObjectMapper().valueToTree(RuleSetDiff.of(shipped, candidate, null));
        assertThat(json.get("changed").get(0).get("name").asText()).isEqualTo("Corridor linked to a magnet plant");
        assertThat(json.get("changed").get(0).get("values").get(0).get("after").asText()).isEqualTo("20");
        assertThat(json.get("changed").get(0).get("coveredBy").isNull()).isTrue();
        assertThat(json.has("empty")).isFalse();
        assertThat(json.get("candidateVersion").asText()).isEqualTo(candidate.version());
    }
}

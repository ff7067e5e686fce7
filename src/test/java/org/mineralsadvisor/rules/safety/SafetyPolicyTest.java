package org.mineralsadvisor.rules.safety;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyPolicyTest {
    @TempDir
    Path root;
    Path rules;

    @BeforeEach
    void catalogue() throws IOException {
        rules = Files.createDirectory(root.resolve("rules"));
        Files.copy(Path.of("rules/policies.yaml"), rules.resolve("policies.yaml"));
    }

    private List<String> errors(String body) throws IOException {
        Files.writeString(rules.resolve("x.drl"), """
                package minerals.advisor;
                import org.mineralsadvisor.model.*;
                import java.util.*;
                """ + body);
        List<RuleProblem> problems = new ArrayList<>();
        new RuleSetCompiler().compile(rules, problems);
        return problems.stream().filter(RuleProblem::isError).map(RuleProblem::toString).toList();
    }

    private static String rule(String when, String then) {
        return """
                rule "R"
                    @policyId("STK-RELIANCE")
                    @explain("{m}: r")
                    agenda-group "risk-factors"
                when
                    %s
                then
                    %s
                end
                """.formatted(when, then);
    }

    @Test
    void plain_computation_over_the_fact_model_is_allowed() throws IOException {
        assertThat(errors("""
                function List sorted(List values) {
                    List copy = new ArrayList(values);
                    copy.sort(Comparator.comparing(String::valueOf).reversed());
                    StringBuilder text = new StringBuilder();
                    for (Object v : copy) {
                        text.append(String.valueOf(v).toUpperCase()).append(Math.max(1, 2));
                    }
                    int[] counts = { 1, 2, 3 };
                    int total = 0;
                    for (int c : counts) {
                        total += c;
                    }
                    Map byName = new TreeMap();
                    byName.put(text.toString(), Integer.valueOf(total));
                    copy.removeIf(x -> x == null);
                    return copy;
                }
                """ + rule("$i : MineralIndicators( $m : mineral, mineral.length() > 0, Math.abs(importReliance) >= 0.5,"
                        + " this.topSource != null, $r : importReliance )\n"
                        + "    accumulate( MineralIndicators( $x : importReliance ); $t : sum( $x ), $all : collectList( $x ) )\n"
                        + "    eval( sorted($all).size() >= 0 && $t >= 0 )",
                "java.time.LocalDate day = java.time.LocalDate.of(2026, 1, 1).plusDays(1);\n"
                        + "    java.math.BigDecimal d = java.math.BigDecimal.valueOf($r);\n"
                        + "    if (sorted(Arrays.asList($m, \"x\")).size() > 1 && day.getYear() > 2000) {\n"
                        + "        insert( new RiskFactor( $m, Factor.IMPORT_RELIANT ) );\n"
                        + "    }"))).isEmpty();
    }

    @Test
    void update_and_modify_are_working_memory_actions_and_allowed() throws IOException {
        assertThat(errors(rule("$i : MineralIndicators( $m : mineral )", "update( $i );"))).isEmpty();
        assertThat(errors(rule("$i : MineralIndicators( $m : mineral )", "modify( $i ) { }"))).isEmpty();
        assertThat(errors(rule("$i : MineralIndicators( $m : mineral )", "drools.update( $i );"))).isEmpty();
    }

    @Test
    void loops_other_than_for_each_are_refused_where_they_are_written() throws IOException {
        assertThat(errors("""
                function int count(int n) {
                    int total = 0;
                    for (int i = 0; i < n; i++) {
                        total += i;
                    }
                    return total;
                }
                """ + rule("$i : MineralIndicators( $m : mineral )", "count(3);")))
                .anySatisfy(e -> assertThat(e).startsWith("rules/x.drl:6:5: unbounded_loop: function \"count\""));
        assertThat(errors(rule("$i : MineralIndicators( $m : mineral )", "int n = 0;\n    do { n++; } while (n < 10);")))
                .anySatisfy(e -> assertThat(e).startsWith("rules/x.drl:12:5:").contains("unbounded_loop: rule \"R\""));
    }

    @Test
    void an_iterator_loop_that_does_not_move_on_is_refused() throws IOException {
        assertThat(errors(rule("$l : List() from collect( MineralIndicators() )",
                "Iterator it = $l.iterator();\n    while (it.hasNext()) { if ($l.size() > 100) { it.next(); } }")))
                .anySatisfy(e -> assertThat(e).contains("unbounded_loop: rule \"R\""));
    }

    @Test
    void mutual_recursion_between_functions_is_refused() throws IOException {
        assertThat(errors("""
                function boolean even(int n) { if (n == 0) { return true; } return odd(n - 1); }
                function boolean odd(int n) { if (n == 0) { return false; } return even(n - 1); }
                """ + rule("$i : MineralIndicators( $m : mineral )", "even(4);")))
                .anySatisfy(e -> assertThat(e).contains("recursion: function \"even\" calls itself (through even → odd → even)"));
    }

    @Test
    void drools_runtime_beyond_the_working_memory_actions_is_refused() throws IOException {
        assertThat(errors(rule("$i : MineralIndicators( $m : mineral )", "drools.getKieRuntime().getGlobals();")))
                .anySatisfy(e -> assertThat(e).startsWith("rules/x.drl:11:").contains(
                        "calls org.drools.core.rule.consequence.KnowledgeHelper.getKieRuntime()"));
    }

    @Test
    void fact_base_loaders_and_fact_properties_are_not_part_of_the_fact_model() throws IOException {
        assertThat(errors(rule("$i : MineralIndicators( $m : mineral )",
                "new org.mineralsadvisor.facts.FactBaseLoader().load(java.nio.file.Path.of(\"facts\"));")))
                .anySatisfy(e -> assertThat(e).contains("calls new org.mineralsadvisor.facts.FactBaseLoader()"));
        assertThat(errors(rule("$i : MineralIndicators( $m : mineral )",
                "org.mineralsadvisor.model.FactProperties.read($i, \"mineral\");")))
                .anySatisfy(e -> assertThat(e).contains("calls org.mineralsadvisor.model.FactProperties.read(Object, String)"));
    }

    @Test
    void the_shipped_rules_pass_with_no_violation_and_the_scan_is_timed() {
        List<RuleProblem> problems = new ArrayList<>();
        RuleSet shipped = new RuleSetCompiler().compile(Path.of("rules"), problems);
        assertThat(shipped).isNotNull();
        assertThat(problems).extracting(RuleProblem::message).noneMatch(m -> m.matches(
                "(unsafe_call|unbounded_loop|recursion|unsafe_dialect):.*"));

        Map<String, String> sources = new LinkedHashMap<>();
        shipped.sources().forEach((name, text) -> sources.put("rules/" + name, text));
        SafetyPolicy policy = new SafetyPolicy();
        long[] millis = new long[7];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            assertThat(policy.check(shipped.kieBase(), sources, SafetyPolicyTest::fileOf)).isEmpty();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.println("safety policy over the shipped rules: median " + millis[millis.length / 2]
                + " ms, slowest " + millis[millis.length - 1] + " ms");
    }

    private static String fileOf(RuleImpl rule) {
        String path = rule.getResource().getSourcePath();
        return "rules/" + path.substring(path.lastIndexOf('/') + 1);
    }
}

package org.mineralsadvisor.evaluation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.InvalidRuleSetException;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rule set that never finishes is stopped: one that re-fires itself forever by the firing limit
 * or the time limit, one whose consequence would never return is refused before it can run (the
 * time limit is checked between firings, so it could not stop it). The evaluator keeps serving.
 */
class EvaluationLimitsTest {
    private static FactBase facts;
    private static CountryProfile india;

    @TempDir
    Path root;

    @BeforeAll
    static void load() throws IOException {
        facts = new FactBaseLoader().load(Path.of("facts"));
        india = new ProfileParser(facts).parse(Files.readString(Path.of("samples/india.json")));
    }

    private RuleSet compile(String drl) throws IOException {
        Path rules = Files.createDirectory(root.resolve("rules"));
        Files.copy(Path.of("rules/policies.yaml"), rules.resolve("policies.yaml"));
        Files.writeString(rules.resolve("loop.drl"), """
                package minerals.advisor;
                import org.mineralsadvisor.model.*;
                """ + drl);
        return new RuleSetCompiler().compile(rules);
    }

    /** Each firing inserts a new fact that matches the same rule again: it would never stop. */
    private static final String ECHO = read("src/test/resources/runaway/echo.drl");

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_rule_that_refires_itself_forever_is_stopped_by_the_firing_limit() throws IOException {
        RuleSet echo = compile(ECHO);
        assertThatThrownBy(() -> new Evaluator(5_000, Duration.ofMinutes(1)).run(echo, facts, india, new Quiet()))
                .isInstanceOf(EvaluationLimitException.class)
                .hasMessageMatching("the rule set fired 50\\d\\d rules without finishing \\(limit 5000\\): "
                        + "a rule probably re-activates itself");
        the_evaluator_still_serves();
    }

    @Test
    void a_rule_that_refires_itself_forever_is_stopped_by_the_time_limit() throws IOException {
        RuleSet echo = compile(ECHO);
        long start = System.nanoTime();
        assertThatThrownBy(() -> new Evaluator(Integer.MAX_VALUE, Duration.ofMillis(300)).run(echo, facts, india, new Quiet()))
                .isInstanceOf(EvaluationTimeoutException.class)
                .hasMessageStartingWith("the evaluation ran longer than 300 ms and was stopped after ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        the_evaluator_still_serves();
    }

    @Test
    void a_consequence_that_never_returns_is_refused_before_it_can_run() throws IOException {
        assertThatThrownBy(() -> compile("""
                rule "Spin"
                    @policyId("STK-RELIANCE")
                    @explain("{m}: spins")
                    agenda-group "risk-factors"
                when
                    $i : MineralIndicators( $m : mineral )
                then
                    while (true) { }
                end
                """)).isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("rules/loop.drl:10:5: unbounded_loop: rule \"Spin\" has a loop that is not a for-each");
        the_evaluator_still_serves();
    }

    private static void the_evaluator_still_serves() {
        RuleSet shipped = new RuleSetCompiler().compile(Path.of("rules"));
        assertThat(new Evaluator(Evaluator.DEFAULT_MAX_FIRINGS, Duration.ofSeconds(30)).run(shipped, facts, india, new Quiet()))
                .isPositive();
    }

    private static final class Quiet extends DefaultAgendaEventListener implements Evaluator.Listener {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
        }
    }
}

package org.mineralsadvisor.evaluation;

import org.kie.api.runtime.KieSession;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.rules.RuleSet;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Evaluates a profile: builds the facts, runs them through a fresh session of the shared,
 * compiled rule set, and assembles the advice. Thread-safe; sessions are never shared.
 */
public final class Evaluator {
    /** Far above the few hundred firings a 500-mineral profile needs; stops a looping rule set. */
    public static final int DEFAULT_MAX_FIRINGS = 200_000;

    private final SituationBuilder situation = new SituationBuilder();
    private final AdviceAssembler assembler = new AdviceAssembler();
    private final Clock clock;
    private final int maxFirings;
    private final java.time.Duration timeout;

    public Evaluator() {
        this(Clock.systemUTC(), DEFAULT_MAX_FIRINGS, null);
    }

    /** @param timeout the longest an evaluation may run, or null for no limit */
    public Evaluator(Clock clock, int maxFirings, java.time.Duration timeout) {
        this.clock = clock;
        this.maxFirings = maxFirings;
        this.timeout = timeout;
    }

    /** The advice with its full trace. */
    public Advice evaluate(RuleSet rules, FactBase facts, CountryProfile profile) {
        return evaluate(rules, facts, profile, true);
    }

    /** With {@code traced} false the advice has no trace and empty {@code because} lists. */
    public Advice evaluate(RuleSet rules, FactBase facts, CountryProfile profile, boolean traced) {
        return run(rules, facts, profile, traced).advice();
    }

    /** The advice and how many rules fired to produce it. */
    public record Evaluation(Advice advice, int firings) {
    }

    public Evaluation run(RuleSet rules, FactBase facts, CountryProfile profile, boolean traced) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        TraceRecorder recorder = new TraceRecorder(rules, traced, deadline);
        KieSession session = rules.kieBase().newKieSession();
        try {
            for (Object fact : situation.build(profile, facts)) {
                session.insert(fact);
            }
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
            rules.stages().focus(session);
            int fired = session.fireAllRules(maxFirings);
            if (recorder.timedOut()) {
                throw new EvaluationTimeoutException("the evaluation ran longer than " + timeout.toMillis()
                        + " ms and was stopped after " + fired + " rule firings");
            }
            if (fired >= maxFirings) {
                throw new EvaluationLimitException("the rule set fired " + fired
                        + " rules without finishing (limit " + maxFirings + "): a rule probably re-activates itself");
            }
        } finally {
            session.dispose();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Evaluation(assembler.assemble(profile, rules, facts, recorder, now, traced), recorder.firings());
    }
}

package org.mineralsadvisor.advice;

import org.mineralsadvisor.evaluation.Evaluator;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.trace.TraceRecorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Advises on a profile: runs it through the rules with a trace recorder listening, and assembles
 * what the rules produced into the advice. Thread-safe; every call has its own session and recorder.
 */
public final class Advisor {
    private final Evaluator evaluator;
    private final AdviceAssembler assembler = new AdviceAssembler();
    private final Clock clock;

    public Advisor() {
        this(Clock.systemUTC(), Evaluator.DEFAULT_MAX_FIRINGS, null);
    }

    /** @param timeout the longest an evaluation may run, or null for no limit */
    public Advisor(Clock clock, int maxFirings, Duration timeout) {
        this.evaluator = new Evaluator(maxFirings, timeout);
        this.clock = clock;
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
        TraceRecorder recorder = new TraceRecorder(rules, facts, traced);
        evaluator.run(rules, facts, profile, recorder);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Evaluation(assembler.assemble(profile, rules, facts, recorder, now, traced), recorder.firings());
    }
}

package org.mineralsadvisor.evaluation;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.rules.RuleSet;

/**
 * Runs a profile through the rules: builds the facts and fires them in a fresh session of the
 * shared, compiled rule set, within the firing and time limits. What the rules did is for the
 * listener to record. Thread-safe; sessions are never shared.
 */
public final class Evaluator {
    /** Far above the few hundred firings a 500-mineral profile needs; stops a looping rule set. */
    public static final int DEFAULT_MAX_FIRINGS = 200_000;

    /** Sees every firing and every fact the rules insert. */
    public interface Listener extends AgendaEventListener, RuleRuntimeEventListener {
        /** The facts built from the profile and the fact base, before any rule fires (inserting them is not reported). */
        default void situation(java.util.List<Object> facts) {
        }
    }

    private final SituationBuilder situation = new SituationBuilder();
    private final int maxFirings;
    private final java.time.Duration timeout;

    public Evaluator() {
        this(DEFAULT_MAX_FIRINGS, null);
    }

    /** @param timeout the longest an evaluation may run, or null for no limit */
    public Evaluator(int maxFirings, java.time.Duration timeout) {
        this.maxFirings = maxFirings;
        this.timeout = timeout;
    }

    /** Fires the rules over the profile's facts; returns how many rules fired. */
    public int run(RuleSet rules, FactBase facts, CountryProfile profile, Listener listener) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Deadline clock = new Deadline(deadline);
        KieSession session = rules.kieBase().newKieSession();
        try {
            java.util.List<Object> built = situation.build(profile, facts);
            for (Object fact : built) {
                session.insert(fact);
            }
            listener.situation(built);
            session.addEventListener(clock);
            session.addEventListener((AgendaEventListener) listener);
            session.addEventListener((RuleRuntimeEventListener) listener);
            rules.stages().focus(session);
            int fired = session.fireAllRules(maxFirings);
            if (clock.passed) {
                throw new EvaluationTimeoutException("the evaluation ran longer than " + timeout.toMillis()
                        + " ms and was stopped after " + fired + " rule firings");
            }
            if (fired >= maxFirings) {
                throw new EvaluationLimitException("the rule set fired " + fired
                        + " rules without finishing (limit " + maxFirings + "): a rule probably re-activates itself");
            }
            return fired;
        } finally {
            session.dispose();
        }
    }

    /** Stops the session once the time limit has passed. */
    private static final class Deadline extends DefaultAgendaEventListener {
        private final long nanos;
        private boolean passed;

        Deadline(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            if (!passed && System.nanoTime() > nanos) {
                // Checked between firings: halt() lets the current firing finish, then stops the session.
                passed = true;
                event.getKieRuntime().halt();
            }
        }
    }
}

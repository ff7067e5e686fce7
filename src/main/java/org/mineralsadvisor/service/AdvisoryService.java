package org.mineralsadvisor.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.audit.AuditRecord;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.SearchRows;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.auth.Caller;
import org.mineralsadvisor.evaluation.EvaluationLimitException;
import org.mineralsadvisor.evaluation.EvaluationTimeoutException;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.shock.RecordedScenario;
import org.mineralsadvisor.shock.ShockDifference;
import org.mineralsadvisor.shock.ShockScenario;
import org.mineralsadvisor.shock.ShockedFacts;
import org.mineralsadvisor.timeline.Timeline;
import org.mineralsadvisor.timeline.TimelineRange;
import org.mineralsadvisor.timeline.TimelineReport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Gives advice: validate the profile, evaluate it on a bounded number of workers within the
 * time and firing limits, record it durably, and only then hand it out. Nothing is recorded
 * for a rejected, overloaded, timed-out or failed evaluation, and nothing is handed out that
 * was not recorded.
 */
public final class AdvisoryService {
    // Swapped whole on activation; each request reads it once, so it finishes on the version it started with.
    private volatile Knowledge knowledge;
    private final AuditStore store;
    private final Advisor evaluator;
    private final Semaphore workers;
    private final long queueWaitMs;
    private final Set<String> storedVersions = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private final ShockedFacts.Cache shocks = new ShockedFacts.Cache();
    private final Timer evaluationTime;
    private final Counter firings;

    public AdvisoryService(Knowledge knowledge, AuditStore store, Advisor evaluator, int workers, long queueWaitMs,
                           MeterRegistry metrics) {
        this.knowledge = knowledge;
        this.store = store;
        this.evaluator = evaluator;
        this.workers = new Semaphore(workers, true);
        this.queueWaitMs = queueWaitMs;
        this.metrics = metrics;
        this.evaluationTime = Timer.builder("advisor_evaluation").description("Time to evaluate one profile (rules and trace)")
                .publishPercentileHistogram().register(metrics);
        this.firings = Counter.builder("advisor_rule_firings").description("Rule firings across all evaluations").register(metrics);
        Gauge.builder("advisor_evaluation_workers_busy", this, s -> workers - s.workers.availablePermits())
                .description("Evaluations running now").register(metrics);
        registerVersionGauges(knowledge);
    }

    /**
     * Serves {@code rules} from now on, with the same fact base and parser. Requests already
     * running finish on the rule set they started with.
     */
    public synchronized void activate(org.mineralsadvisor.rules.RuleSet rules) {
        Knowledge previous = this.knowledge;
        if (previous.rules().version().equals(rules.version())) {
            return;
        }
        this.knowledge = new Knowledge(rules, previous.facts(), previous.parser());
        Gauge old = metrics.find("advisor_ruleset_active").tag("version", previous.rules().version()).gauge();
        if (old != null) {
            metrics.remove(old);
        }
        registerRuleSetGauge(rules.version());
    }

    private void registerRuleSetGauge(String version) {
        Gauge.builder("advisor_ruleset_active", () -> 1)
                .description("The active rule set (1) by version").tag("version", version).register(metrics);
    }

    private void registerVersionGauges(Knowledge knowledge) {
        registerRuleSetGauge(knowledge.rules().version());
        Gauge.builder("advisor_factbase_active", () -> 1)
                .description("The active fact base (1) by version").tag("version", knowledge.facts().version()).register(metrics);
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    public AuditStore store() {
        return store;
    }

    /** Validates, evaluates and records; throws InvalidProfileException, OverloadedException,
     *  EvaluationTimeoutException, EvaluationLimitException or StoreUnavailableException. */
    public GivenAdvice advise(byte[] body, Caller caller) {
        Knowledge knowledge = this.knowledge;
        CountryProfile profile = parse(knowledge.parser(), body);
        Advice advice = evaluate(knowledge, knowledge.facts(), profile).advice();
        return record(knowledge, knowledge.facts(), advice, body, caller, null);
    }

    /**
     * Gives the baseline advice and the advice under a shock scenario (applied to the active fact
     * base for this request only), records both, and compares them. Throws what {@link #advise}
     * throws, and InvalidShockScenarioException when the scenario does not apply; nothing is
     * recorded unless both evaluations succeed.
     */
    public ShockAdvice advise(byte[] body, ShockScenario scenario, Caller caller) {
        Knowledge knowledge = this.knowledge;
        ShockedFacts shocked = shocks.apply(scenario, knowledge.facts());
        CountryProfile profile = parse(knowledge.parser(), body);
        // Validated again against the scenario's facts: a scenario may remove what the profile names.
        CountryProfile shockedProfile = parse(new ProfileParser(shocked.facts()), body);
        Advice baseline = evaluate(knowledge, knowledge.facts(), profile).advice();
        Advice under = evaluate(knowledge, shocked.facts(), shockedProfile).advice();
        GivenAdvice given = record(knowledge, knowledge.facts(), baseline, body, caller, null);
        GivenAdvice givenUnder = record(knowledge, shocked.facts(), under, body, caller,
                RecordedScenario.of(shocked).json());
        return new ShockAdvice(shocked, given, givenUnder, ShockDifference.of(baseline, under));
    }

    private CountryProfile parse(ProfileParser parser, byte[] body) {
        try {
            return parser.parse(body);
        } catch (RuntimeException e) {
            count("invalid");
            throw e;
        }
    }

    private GivenAdvice record(Knowledge knowledge, FactBase facts, Advice advice, byte[] body, Caller caller,
                               String scenario) {
        ensureStored(knowledge.rules().version(), knowledge.rules().sources(), "rules");
        ensureStored(facts.version(), facts.sources(), "facts");
        byte[] json = AdviceJson.compactBytes(advice);
        long seq;
        try {
            // The search rows of the very bytes stored, by the definition the chain check applies to them.
            SearchRows rows = SearchRows.of(json);
            seq = store.append(new AuditRecord(advice.id(), Instant.parse(advice.evaluatedAt()), advice.country(),
                    advice.asOf(), caller.role().id(), caller.keyId(), knowledge.rules().version(),
                    facts.version(), new String(body, StandardCharsets.UTF_8), json, rows.recommendations(),
                    rows.policies(), scenario));
        } catch (RuntimeException e) {
            count("unrecorded");
            throw e;
        }
        count("advised");
        return new GivenAdvice(advice, json, seq);
    }

    /**
     * The profile's timeline over {@code range}: validated as {@link #advise} validates it, then
     * every date evaluated on one worker (so a timeline takes a worker's place, not all of them),
     * each within the evaluation limits. Nothing is recorded: a timeline explores what the
     * advice would have been on other dates, it is not advice given. Throws as advise does, and
     * InvalidRangeException for a {@code changes} range with too many dates.
     */
    public TimelineReport timeline(byte[] body, TimelineRange range) {
        Knowledge knowledge = this.knowledge;
        CountryProfile profile = knowledge.parser().parse(body);
        Timeline.dates(range, knowledge.facts(), profile); // refuses an oversized range before waiting for a worker
        acquireWorker();
        try {
            return new Timeline(evaluator).run(knowledge.rules(), knowledge.facts(), profile, range);
        } finally {
            workers.release();
        }
    }

    private void acquireWorker() {
        boolean acquired;
        try {
            acquired = workers.tryAcquire(queueWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverloadedException("interrupted while waiting for a worker");
        }
        if (!acquired) {
            count("overloaded");
            throw new OverloadedException("all evaluation workers stayed busy for " + queueWaitMs + " ms");
        }
    }

    private Advisor.Evaluation evaluate(Knowledge knowledge, FactBase facts, CountryProfile profile) {
        acquireWorker();
        long start = System.nanoTime();
        try {
            Advisor.Evaluation evaluation = evaluator.run(knowledge.rules(), facts, profile, true);
            firings.increment(evaluation.firings());
            return evaluation;
        } catch (EvaluationTimeoutException e) {
            count("timeout");
            throw e;
        } catch (EvaluationLimitException e) {
            count("firing_limit");
            throw e;
        } finally {
            evaluationTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            workers.release();
        }
    }

    private void count(String outcome) {
        Counter.builder("advisor_evaluations").description("Profiles submitted, by outcome (advised, invalid, "
                        + "overloaded, timeout, firing_limit, unrecorded)")
                .tag("outcome", outcome).register(metrics).increment();
    }

    /** Stores a rule set's or fact base's files the first time their version gives advice. */
    private void ensureStored(String version, java.util.Map<String, String> files, String kind) {
        String key = kind + ":" + version;
        if (!storedVersions.contains(key)) {
            if (kind.equals("rules")) {
                store.storeRuleSet(version, files);
            } else {
                store.storeFactBase(version, files);
            }
            storedVersions.add(key);
        }
    }

    public Optional<StoredRecord> find(String id) {
        return store.find(id);
    }
}

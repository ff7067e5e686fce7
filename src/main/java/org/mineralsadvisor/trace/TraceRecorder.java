package org.mineralsadvisor.trace;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.runtime.rule.Match;
import org.mineralsadvisor.evaluation.Evaluator;
import org.mineralsadvisor.model.FactProperties;
import org.mineralsadvisor.provenance.Evidenced;
import org.mineralsadvisor.provenance.Sourced;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.rules.ExplanationTemplate;
import org.mineralsadvisor.rules.RuleInfo;
import org.mineralsadvisor.rules.RuleSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Listens to one session and records every rule firing: which rule, which facts it matched
 * and produced, and which earlier firings produced the facts it matched. Without tracing it
 * still records which firing produced each fact (the advice needs that for policy ids) but
 * builds no trace steps.
 */
public final class TraceRecorder extends DefaultAgendaEventListener implements Evaluator.Listener {
    private final RuleSet rules;
    private final FactBase facts;
    private final boolean traced;
    private final IdentityHashMap<Object, Integer> producedBy = new IdentityHashMap<>(512);
    private final List<Object> produced = new ArrayList<>();
    private final List<RuleInfo> firedRules = new ArrayList<>();
    private final List<TraceStep> steps = new ArrayList<>();
    private final List<Set<Integer>> dependencies = new ArrayList<>();
    /** Per step, what it matched (and which of it came from a collect): the rows behind it are read from these on demand. */
    private final List<List<Object>> matchedByStep = new ArrayList<>();
    private final List<IdentityHashMap<Object, Boolean>> collectedByStep = new ArrayList<>();
    /** The plans of the rules fired so far: the lookup runs for every matched fact of every firing. */
    private final IdentityHashMap<RuleInfo, ViewPlan.PerRule> plans = new IdentityHashMap<>();
    /** Every piece of evidence cited so far, by id, in the order first cited. */
    private final Map<String, Object> evidence = new LinkedHashMap<>();
    private final IdentityHashMap<Object, String> evidenceIds = new IdentityHashMap<>(256);
    private List<Object> producedNow;
    private List<Object> situation = List.of();

    public TraceRecorder(RuleSet rules, FactBase facts, boolean traced) {
        this.rules = rules;
        this.facts = facts;
        this.traced = traced;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        producedNow = new ArrayList<>();
        firedRules.add(rules.rule(event.getMatch().getRule()));
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        int step = firedRules.size();
        Match match = event.getMatch();
        RuleInfo rule = firedRules.get(step - 1);
        Set<Integer> dependsOn = new TreeSet<>();
        List<Object> facts = new ArrayList<>();
        IdentityHashMap<Object, Boolean> collected = new IdentityHashMap<>(8);
        for (Object object : match.getObjects()) {
            if (object instanceof Collection<?> items) {
                facts.addAll(items);
                items.forEach(item -> collected.put(item, Boolean.TRUE));
            } else {
                facts.add(object);
            }
        }
        for (Object fact : facts) {
            Integer producer = producedBy.get(fact);
            if (producer != null && producer != step) {
                dependsOn.add(producer);
            }
        }
        dependencies.add(dependsOn);
        matchedByStep.add(facts);
        collectedByStep.add(collected);
        if (traced) {
            steps.add(step(step, rule, match, facts, collected, dependsOn));
        }
        producedNow = null;
    }

    private TraceStep step(int step, RuleInfo rule, Match match, List<Object> facts,
                           IdentityHashMap<Object, Boolean> collected, Set<Integer> dependsOn) {
        List<Object> matched = new ArrayList<>(facts.size());
        List<Object> behind = new ArrayList<>();
        // A row matched directly is cited in match order, before the evidence behind derived facts.
        List<String> cited = new ArrayList<>();
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>(facts.size() * 4 + 8);
        ViewPlan.PerRule rulePlans = plans.computeIfAbsent(rule, r -> new ViewPlan.PerRule(r.watched()));
        for (Object fact : facts) {
            if (seen.put(fact, Boolean.TRUE) != null || isScalar(fact)) {
                continue;
            }
            if (EvidenceIds.isEvidence(fact)) {
                cite(fact, cited);
                continue;
            }
            Class<?> type = fact.getClass();
            boolean aggregated = collected.containsKey(fact);
            // An aggregated fact (collect/accumulate): every value of it went into the result.
            ViewPlan plan = aggregated ? ViewPlan.full(type) : rulePlans.plan(type);
            matched.add(new FactView(fact, plan));
            if (fact instanceof Evidenced evidenced) {
                behind.addAll(evidenced.evidenceFor(aggregated ? FactProperties.of(type).keySet()
                        : rule.watched().getOrDefault(type, Set.of())));
            }
        }
        for (Object item : behind) {
            // Evidence is shared objects (the same row, the same profile value): identity de-duplicates cheaply.
            if (seen.put(item, Boolean.TRUE) == null) {
                cite(item, cited);
            }
        }
        List<Object> producedViews = new ArrayList<>(producedNow.size());
        for (Object fact : producedNow) {
            producedViews.add(new FactView(fact, ViewPlan.full(fact.getClass())));
        }
        Explanation explanation = new Explanation(rule.template(), name -> ExplanationTemplate.RESULT.equals(name)
                ? (producedNow.isEmpty() ? null : producedNow.get(0)) : declaration(rule, match, name));
        return new TraceStep(step, rule.policyId(), rule.name(), rule.file(), matched, cited, producedViews,
                explanation, List.copyOf(dependsOn));
    }

    /**
     * Adds the evidence's id to the step's citations (once per step: two profile values with one
     * pointer are one piece of evidence) and lists the evidence in the advice the first time.
     */
    private void cite(Object item, List<String> cited) {
        String id = evidenceIds.get(item);
        if (id == null) {
            Object entry;
            if (item instanceof Sourced row) {
                RowEvidence written = facts.derived(row, r -> RowEvidence.of((Sourced) r));
                id = written.id;
                entry = written;
            } else {
                id = EvidenceIds.of(item);
                entry = item;
            }
            evidenceIds.put(item, id);
            evidence.putIfAbsent(id, entry);
        }
        if (!cited.contains(id)) {
            cited.add(id);
        }
    }

    /** Not a fact of the model: an accumulate's number, or the engine's own initial fact. */
    private static boolean isScalar(Object fact) {
        return fact == null || !fact.getClass().isRecord();
    }

    private static Object declaration(RuleInfo rule, Match match, String name) {
        String id = rule.declarationId(name);
        return id == null ? null : match.getDeclarationValue(id);
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        record(event.getObject());
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        record(event.getObject());
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // Rules of the pack only add facts; a deletion needs no trace entry of its own.
    }

    private void record(Object fact) {
        if (producedNow != null) {
            producedNow.add(fact);
            producedBy.put(fact, firedRules.size());
            produced.add(fact);
        }
    }

    @Override
    public void situation(List<Object> facts) {
        situation = facts;
    }

    /** The facts the evaluation started from (indicators, corridors, memberships…), in the order inserted. */
    public List<Object> situation() {
        return situation;
    }

    /** Facts produced by rules, in the order they were produced. */
    public List<Object> produced() {
        return produced;
    }

    /** The 1-based step that produced {@code fact}, or null for an input fact. */
    public Integer producerOf(Object fact) {
        return producedBy.get(fact);
    }

    public RuleInfo ruleOf(int step) {
        return firedRules.get(step - 1);
    }

    /** {@code step} and every step it rests on, transitively, ascending. */
    public Set<Integer> closure(Collection<Integer> start) {
        Set<Integer> result = new TreeSet<>();
        List<Integer> pending = new ArrayList<>(start);
        while (!pending.isEmpty()) {
            int step = pending.remove(pending.size() - 1);
            if (result.add(step)) {
                pending.addAll(dependencies.get(step - 1));
            }
        }
        return result;
    }

    /**
     * The fact-base rows that {@code steps} rest on, as the trace would cite them (rows matched, and the
     * rows behind the derived facts matched), in step order; computed whether or not the trace is kept.
     */
    public Set<Sourced> rowsBehind(Collection<Integer> steps) {
        Set<Sourced> rows = new java.util.LinkedHashSet<>();
        for (int step : new TreeSet<>(steps)) {
            RuleInfo rule = firedRules.get(step - 1);
            IdentityHashMap<Object, Boolean> collected = collectedByStep.get(step - 1);
            for (Object fact : matchedByStep.get(step - 1)) {
                if (fact instanceof Sourced row) {
                    rows.add(row);
                } else if (fact instanceof Evidenced evidenced && !isScalar(fact)) {
                    Class<?> type = fact.getClass();
                    for (Object item : evidenced.evidenceFor(collected.containsKey(fact)
                            ? FactProperties.of(type).keySet() : rule.watched().getOrDefault(type, Set.of()))) {
                        if (item instanceof Sourced row) {
                            rows.add(row);
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * The evidence id of {@code row}, listing the row in the advice's evidence if no step has cited it
     * yet: warnings cite rows that no rule needed to match, and untraced advice has no steps at all.
     */
    public String cite(Sourced row) {
        // Also without a trace: an untraced advice lists the rows its warnings cite, so their ids resolve.
        List<String> ids = new ArrayList<>(1);
        cite(row, ids);
        return ids.get(0);
    }

    /** The evidence the steps cite, by id: fact-base rows (views of every column) and profile values. */
    public Map<String, Object> evidence() {
        return evidence;
    }

    public List<TraceStep> steps() {
        return steps;
    }

    public int firings() {
        return firedRules.size();
    }
}

package org.mineralsadvisor.evaluation;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;
import org.mineralsadvisor.advice.TraceStep;
import org.mineralsadvisor.provenance.Evidenced;
import org.mineralsadvisor.provenance.Sourced;
import org.mineralsadvisor.rules.RuleInfo;
import org.mineralsadvisor.rules.RuleSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
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
final class TraceRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private final RuleSet rules;
    private final boolean traced;
    private final IdentityHashMap<Object, Integer> producedBy = new IdentityHashMap<>();
    private final List<Object> produced = new ArrayList<>();
    private final List<RuleInfo> firedRules = new ArrayList<>();
    private final List<TraceStep> steps = new ArrayList<>();
    private final List<Set<Integer>> dependencies = new ArrayList<>();
    private List<Object> producedNow;
    private final long deadlineNanos;
    private boolean timedOut;

    TraceRecorder(RuleSet rules, boolean traced, long deadlineNanos) {
        this.rules = rules;
        this.traced = traced;
        this.deadlineNanos = deadlineNanos;
    }

    boolean timedOut() {
        return timedOut;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        if (!timedOut && System.nanoTime() > deadlineNanos) {
            // Checked between firings: halt() lets the current firing finish, then stops the session.
            timedOut = true;
            event.getKieRuntime().halt();
        }
        producedNow = new ArrayList<>();
        firedRules.add(rules.rule(event.getMatch().getRule().getPackageName(), event.getMatch().getRule().getName()));
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        int step = firedRules.size();
        Match match = event.getMatch();
        RuleInfo rule = firedRules.get(step - 1);
        Set<Integer> dependsOn = new TreeSet<>();
        List<Object> facts = new ArrayList<>();
        IdentityHashMap<Object, Boolean> collected = new IdentityHashMap<>();
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
        if (traced) {
            steps.add(step(step, rule, match, facts, collected, dependsOn));
        }
        producedNow = null;
    }

    private TraceStep step(int step, RuleInfo rule, Match match, List<Object> facts,
                           IdentityHashMap<Object, Boolean> collected, Set<Integer> dependsOn) {
        IdentityHashMap<Object, Set<String>> explained = new IdentityHashMap<>();
        for (ExplanationTemplate.Reference ref : rule.template().references()) {
            Object bound = declaration(match, ref.name());
            if (bound != null) {
                explained.computeIfAbsent(bound, k -> new HashSet<>()).add(ref.property());
            }
        }
        List<Map<String, Object>> matched = new ArrayList<>();
        Set<Object> evidence = new LinkedHashSet<>();
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        for (Object fact : facts) {
            if (seen.put(fact, Boolean.TRUE) != null || isScalar(fact)) {
                continue;
            }
            if (fact instanceof Sourced row) {
                matched.add(FactViews.row(row));
                continue;
            }
            Set<String> fields;
            if (collected.containsKey(fact)) {
                // An aggregated fact (collect/accumulate): every value of it went into the result.
                fields = new LinkedHashSet<>(FactProperties.names(fact.getClass()));
            } else {
                fields = new LinkedHashSet<>(rule.watched().getOrDefault(fact.getClass(), Set.of()));
                fields.addAll(explained.getOrDefault(fact, Set.of()));
            }
            matched.add(FactViews.derived(fact, fields));
            if (fact instanceof Evidenced evidenced) {
                evidence.addAll(evidenced.evidenceFor(fields));
            }
        }
        for (Object item : evidence) {
            if (seen.put(item, Boolean.TRUE) == null) {
                matched.add(FactViews.evidence(item));
            }
        }
        List<Map<String, Object>> producedViews = new ArrayList<>();
        for (Object fact : producedNow) {
            producedViews.add(FactViews.derived(fact, null));
        }
        String explanation = rule.template().render(name -> ExplanationTemplate.RESULT.equals(name)
                ? (producedNow.isEmpty() ? null : producedNow.get(0)) : declaration(match, name));
        return new TraceStep(step, rule.policyId(), rule.name(), rule.file(), matched, producedViews, explanation,
                List.copyOf(dependsOn));
    }

    private static boolean isScalar(Object fact) {
        return fact instanceof Number || fact instanceof String || fact instanceof Boolean;
    }

    private static Object declaration(Match match, String name) {
        List<String> ids = match.getDeclarationIds();
        if (ids.contains("$" + name)) {
            return match.getDeclarationValue("$" + name);
        }
        return ids.contains(name) ? match.getDeclarationValue(name) : null;
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

    /** Facts produced by rules, in the order they were produced. */
    List<Object> produced() {
        return produced;
    }

    /** The 1-based step that produced {@code fact}, or null for an input fact. */
    Integer producerOf(Object fact) {
        return producedBy.get(fact);
    }

    RuleInfo ruleOf(int step) {
        return firedRules.get(step - 1);
    }

    /** {@code step} and every step it rests on, transitively, ascending. */
    Set<Integer> closure(Collection<Integer> start) {
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

    List<TraceStep> steps() {
        return steps;
    }

    int firings() {
        return firedRules.size();
    }
}

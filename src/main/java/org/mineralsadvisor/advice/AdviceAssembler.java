package org.mineralsadvisor.advice;

import org.mineralsadvisor.counterfactual.Counterfactuals;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.model.Advisable;
import org.mineralsadvisor.model.CorridorRanking;
import org.mineralsadvisor.model.CorridorScore;
import org.mineralsadvisor.model.Details;
import org.mineralsadvisor.model.Funding;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.provenance.Sourced;
import org.mineralsadvisor.trace.TraceRecorder;
import org.mineralsadvisor.warnings.MaxAges;
import org.mineralsadvisor.warnings.Warning;
import org.mineralsadvisor.warnings.Warnings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns what the rules produced into the advice document: ordered, numbered, summarised. */
final class AdviceAssembler {
    /** Handbook section 7: priority, then type, then subject id (both enums are declared in that order). */
    static final Comparator<Advisable> ORDER = Comparator
            .comparing(Advisable::priority)
            .thenComparing(Advisable::type)
            .thenComparing(Advisable::subject, Ids.ORDER);

    private final Summaries summaries = new Summaries();

    /** Handbook section 8: a summary says when the recommendation rests on an illustrative fact row. */
    private static String illustrativeNote(Set<Sourced> rows) {
        List<String> ids = rows.stream().filter(Warnings::illustrative)
                .sorted(Comparator.comparing((Sourced r) -> r.ref().file()).thenComparingInt(r -> r.ref().line()))
                .map(org.mineralsadvisor.trace.EvidenceIds::of).toList();
        return ids.isEmpty() ? "" : " Rests on illustrative figures (assumed, not sourced): " + String.join(", ", ids) + ".";
    }

    Advice assemble(CountryProfile profile, RuleSet rules, FactBase facts, TraceRecorder recorder, Instant now,
                    boolean traced) {
        List<Advisable> advisables = new ArrayList<>();
        Map<String, Funding> funding = new HashMap<>();
        for (Object fact : recorder.produced()) {
            if (fact instanceof Advisable advisable) {
                advisables.add(advisable);
            } else if (fact instanceof Funding f) {
                funding.put(f.mineral(), f);
            }
        }
        advisables.sort(ORDER);
        Map<String, CorridorScore> scores = new HashMap<>();
        for (Object fact : recorder.produced()) {
            if (fact instanceof CorridorScore score) {
                scores.put(score.corridor(), score);
            }
        }
        // From what this evaluation started from and produced: no second evaluation, traced or not.
        Counterfactuals counterfactuals = Counterfactuals.of(profile, facts, rules.catalogue(), recorder.situation(),
                recorder.produced());
        List<Recommendation> recommendations = new ArrayList<>();
        List<Warnings.Basis> bases = new ArrayList<>();
        for (Advisable advisable : advisables) {
            Details details = advisable.details();
            int producer = recorder.producerOf(advisable);
            // A step that weighs one recommendation against the others (budget allocation,
            // ranking) is cited itself, but what it weighed belongs to those others' "because".
            Set<Integer> because = new TreeSet<>();
            if (advisable instanceof CorridorRanking ranking && scores.containsKey(ranking.corridor())) {
                because.add(producer);
                because.addAll(recorder.closure(List.of(recorder.producerOf(scores.get(ranking.corridor())))));
            } else {
                because.addAll(recorder.closure(List.of(producer)));
            }
            if (details instanceof Details.Stockpile stockpile) {
                Funding f = funding.get(advisable.subject());
                if (f != null) {
                    details = stockpile.funded(f);
                    because.add(recorder.producerOf(f));
                }
            }
            String policyId = recorder.ruleOf(producer).policyId();
            Set<Sourced> rows = recorder.rowsBehind(because);
            bases.add(new Warnings.Basis(advisable.subject(), rows));
            recommendations.add(new Recommendation("rec-" + (recommendations.size() + 1), advisable.type(),
                    advisable.subject(), advisable.priority(), policyId,
                    summaries.of(advisable.subject(), details) + illustrativeNote(rows), details,
                    counterfactuals.of(advisable),
                    traced ? List.copyOf(because) : List.of()));
        }
        List<Warning> warnings = Warnings.of(profile, facts, MaxAges.of(rules.catalogue()), bases, recorder::cite);
        return new Advice(AdviceIds.next(now), profile.country(), profile.asOf().toString(),
                org.mineralsadvisor.provenance.Timestamps.format(now),
                new Advice.Version(rules.version()), new Advice.Version(facts.version()), recommendations, warnings,
                counterfactuals.nearMisses(),
                traced ? List.copyOf(recorder.steps()) : List.of(),
                java.util.Collections.unmodifiableMap(recorder.evidence()));
    }
}

package org.mineralsadvisor.shock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.advice.RecommendationChange;
import org.mineralsadvisor.advice.RecommendationDiff;
import org.mineralsadvisor.model.Details;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a shock scenario changes in one profile's advice, recommendation by recommendation,
 * matched by (type, subject) as the rule-set impact view matches them (ids and trace step
 * numbers shift whenever anything before them changes). Unchanged recommendations are only
 * counted.
 */
@JsonPropertyOrder({"added", "removed", "changed", "unchanged", "recommendations"})
public record ShockDifference(int added, int removed, int changed, int unchanged, List<Item> recommendations) {

    /** One recommendation added, removed or changed by the scenario. */
    @JsonPropertyOrder({"change", "type", "subject", "before", "after", "fields"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(RecommendationChange.Kind change, String type, String subject, Side before, Side after,
                       List<RecommendationChange.FieldChange> fields) {
    }

    /** A recommendation as the baseline or the scenario gives it (null on the side that lacks it). */
    @JsonPropertyOrder({"priority", "policyId", "summary", "details"})
    public record Side(String priority, String policyId, String summary, Details details) {
        static Side of(Recommendation r) {
            return r == null ? null : new Side(r.priority().name(), r.policyId(), r.summary(), r.details());
        }
    }

    public static ShockDifference of(Advice baseline, Advice scenario) {
        Map<String, Recommendation> before = byKey(baseline.recommendations());
        Map<String, Recommendation> after = byKey(scenario.recommendations());
        List<Item> items = new ArrayList<>();
        int added = 0;
        int removed = 0;
        int changed = 0;
        for (RecommendationChange c : RecommendationDiff.changes(baseline.recommendations(), scenario.recommendations())) {
            String key = c.type() + "\u0000" + c.subject();
            switch (c.kind()) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                case CHANGED -> changed++;
            }
            items.add(new Item(c.kind(), c.type(), c.subject(), Side.of(before.get(key)), Side.of(after.get(key)),
                    c.kind() == RecommendationChange.Kind.CHANGED ? c.fields() : null));
        }
        int unchanged = scenario.recommendations().size() - added - changed;
        return new ShockDifference(added, removed, changed, unchanged, List.copyOf(items));
    }

    private static Map<String, Recommendation> byKey(List<Recommendation> recommendations) {
        Map<String, Recommendation> keyed = new HashMap<>();
        recommendations.forEach(r -> keyed.putIfAbsent(r.type().name() + "\u0000" + r.subject(), r));
        return keyed;
    }
}

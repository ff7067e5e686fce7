package org.mineralsadvisor.advice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mineralsadvisor.advice.RecommendationChange.FieldChange;
import org.mineralsadvisor.advice.RecommendationChange.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What differs between two lists of recommendations for one profile, matched by (type,
 * subject): under two rule sets (the impact diff) or two fact bases (a shock scenario).
 */
public final class RecommendationDiff {
    private static final ObjectMapper JSON = AdviceJson.mapper();

    private RecommendationDiff() {
    }

    /** Added, then removed, then changed recommendations, each in its advice's order. */
    public static List<RecommendationChange> changes(List<Recommendation> before, List<Recommendation> after) {
        Map<String, Recommendation> old = byKey(before);
        Map<String, Recommendation> now = byKey(after);
        List<RecommendationChange> added = new ArrayList<>();
        List<RecommendationChange> removed = new ArrayList<>();
        List<RecommendationChange> changed = new ArrayList<>();
        for (Map.Entry<String, Recommendation> entry : now.entrySet()) {
            Recommendation rec = entry.getValue();
            Recommendation was = old.get(entry.getKey());
            if (was == null) {
                added.add(new RecommendationChange(Kind.ADDED, rec.type().name(), rec.subject(), rec.policyId(),
                        rec.priority().name(), List.of()));
            } else {
                List<FieldChange> fields = fields(was, rec);
                if (!fields.isEmpty()) {
                    changed.add(new RecommendationChange(Kind.CHANGED, rec.type().name(), rec.subject(), rec.policyId(),
                            rec.priority().name(), fields));
                }
            }
        }
        for (Map.Entry<String, Recommendation> entry : old.entrySet()) {
            if (!now.containsKey(entry.getKey())) {
                Recommendation rec = entry.getValue();
                removed.add(new RecommendationChange(Kind.REMOVED, rec.type().name(), rec.subject(), rec.policyId(),
                        rec.priority().name(), List.of()));
            }
        }
        List<RecommendationChange> all = new ArrayList<>(added);
        all.addAll(removed);
        all.addAll(changed);
        return all;
    }

    /** Type and subject; a second recommendation of the same pair (none today) pairs with the second one. */
    private static Map<String, Recommendation> byKey(List<Recommendation> recommendations) {
        Map<String, Recommendation> keyed = new LinkedHashMap<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (Recommendation rec : recommendations) {
            String key = rec.type() + "\u0000" + rec.subject();
            int n = seen.merge(key, 1, Integer::sum);
            keyed.put(n == 1 ? key : key + "\u0000" + n, rec);
        }
        return keyed;
    }

    private static List<FieldChange> fields(Recommendation was, Recommendation now) {
        if (was.priority() == now.priority() && java.util.Objects.equals(was.policyId(), now.policyId())
                && java.util.Objects.equals(was.details(), now.details())) {
            return List.of(); // most recommendations are unchanged: spare them the JSON trees (details are records)
        }
        List<FieldChange> fields = new ArrayList<>();
        if (was.priority() != now.priority()) {
            fields.add(new FieldChange("priority", JSON.valueToTree(was.priority()), JSON.valueToTree(now.priority())));
        }
        if (!java.util.Objects.equals(was.policyId(), now.policyId())) {
            fields.add(new FieldChange("policyId", JSON.valueToTree(was.policyId()), JSON.valueToTree(now.policyId())));
        }
        diff("details", JSON.valueToTree(was.details()), JSON.valueToTree(now.details()), fields);
        return fields;
    }

    /** Objects field by field (dotted names); anything else, lists included, as one value. */
    private static void diff(String field, JsonNode before, JsonNode after, List<FieldChange> out) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Map<String, Boolean> names = new LinkedHashMap<>();
            before.fieldNames().forEachRemaining(n -> names.put(n, true));
            after.fieldNames().forEachRemaining(n -> names.put(n, true));
            for (String name : names.keySet()) {
                diff(field + "." + name, before.get(name), after.get(name), out);
            }
            return;
        }
        if (!java.util.Objects.equals(before, after)) {
            out.add(new FieldChange(field, before, after));
        }
    }
}

package org.mineralsadvisor.impact;

import org.mineralsadvisor.advice.RecommendationChange;
import java.util.List;
import java.util.Map;

/**
 * The impact of a candidate rule set on a set of profiles: only the profiles whose advice
 * changes (or that could not be evaluated), in input order, then totals.
 *
 * @param profiles   how many profiles were given
 * @param unchanged  how many gave the same recommendations under both rule sets
 * @param byType     per recommendation type, how many were added, removed and changed
 * @param byPolicy   the same per policy id
 */
public record ImpactReport(String baseVersion, String candidateVersion, String factBaseVersion, int profiles,
                           int unchanged, int changed, int invalid, int failed, List<ProfileImpact> impacts,
                           Map<String, Totals> byType, Map<String, Totals> byPolicy) {

    /** Recommendations added, removed and changed. */
    public record Totals(int added, int removed, int changed) {
        Totals plus(RecommendationChange.Kind kind) {
            return switch (kind) {
                case ADDED -> new Totals(added + 1, removed, changed);
                case REMOVED -> new Totals(added, removed + 1, changed);
                case CHANGED -> new Totals(added, removed, changed + 1);
            };
        }
    }

    public boolean noChanges() {
        return impacts.isEmpty();
    }
}

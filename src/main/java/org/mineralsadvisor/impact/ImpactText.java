package org.mineralsadvisor.impact;

import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.impact.ImpactReport.Totals;
import org.mineralsadvisor.advice.RecommendationChange;
import org.mineralsadvisor.advice.RecommendationChange.FieldChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An impact report as lines a person reads: one per changed recommendation
 * ({@code india.json  ~ CORRIDOR IND_REC_ANDHRA priority HIGH → MEDIUM; tier TIER_1 → TIER_2}),
 * one per profile that could not be evaluated, then the totals.
 */
public final class ImpactText {
    private ImpactText() {
    }

    public static List<String> lines(ImpactReport report) {
        List<String> lines = new ArrayList<>();
        for (ProfileImpact impact : report.impacts()) {
            switch (impact.status()) {
                case CHANGED -> impact.changes().forEach(change -> lines.add(impact.label() + "  " + change(change)));
                case INVALID -> lines.add(impact.label() + "  invalid: " + String.join("; ", impact.problems()));
                case FAILED -> lines.add(impact.label() + "  failed: " + String.join("; ", impact.problems()));
            }
        }
        if (!lines.isEmpty()) {
            lines.add("");
        }
        if (report.changed() == 0) {
            lines.add("no changes: " + report.unchanged() + " of " + report.profiles()
                    + " profile(s) get the same recommendations under both rule sets"
                    + (report.invalid() + report.failed() == 0 ? "" : suffix(report)));
            return lines;
        }
        lines.add(report.changed() + " of " + report.profiles() + " profile(s) changed (" + report.unchanged()
                + " unchanged" + suffix(report) + ")");
        lines.add("by type:");
        totals(report.byType(), lines);
        lines.add("by policy:");
        totals(report.byPolicy(), lines);
        return lines;
    }

    private static String suffix(ImpactReport report) {
        return (report.invalid() == 0 ? "" : ", " + report.invalid() + " invalid")
                + (report.failed() == 0 ? "" : ", " + report.failed() + " failed");
    }

    private static void totals(Map<String, Totals> totals, List<String> lines) {
        int width = totals.keySet().stream().mapToInt(String::length).max().orElse(0);
        totals.forEach((name, t) -> lines.add(String.format("  %-" + width + "s  +%d added  -%d removed  ~%d changed",
                name, t.added(), t.removed(), t.changed())));
    }

    /** {@code + STOCKPILE gallium (HIGH)}, {@code - CORRIDOR x}, {@code ~ STOCKPILE x priority MEDIUM → HIGH; targetDays 90 → 180}. */
    static String change(RecommendationChange change) {
        String what = change.type() + " " + change.subject();
        return switch (change.kind()) {
            case ADDED -> "+ " + what + " (" + change.priority() + ")";
            case REMOVED -> "- " + what;
            case CHANGED -> "~ " + what + " " + String.join("; ", change.fields().stream().map(ImpactText::field).toList());
        };
    }

    private static String field(FieldChange field) {
        String name = field.field().startsWith("details.") ? field.field().substring("details.".length()) : field.field();
        return name + " " + value(field.before()) + " → " + value(field.after());
    }

    private static String value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "none";
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}

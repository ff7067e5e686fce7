package org.mineralsadvisor.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.rules.ExplanationTemplate;
import org.mineralsadvisor.timeline.TimelineReport.Change;
import org.mineralsadvisor.timeline.TimelineReport.Field;
import org.mineralsadvisor.timeline.TimelineReport.Point;
import org.mineralsadvisor.timeline.TimelineReport.Rec;

import java.util.ArrayList;
import java.util.List;

/**
 * A timeline as lines a person reads: the first date's recommendations, then each date where
 * they change, one line per change in the {@code rules diff} style ({@code + STOCKPILE
 * gallium (HIGH)}, {@code ~ CORRIDOR x priority HIGH → MEDIUM}), and under it the fact-base
 * events since the date evaluated before.
 */
public final class TimelineText {
    private static final String INDENT = "            ";

    private TimelineText() {
    }

    public static List<String> lines(TimelineReport report) {
        List<String> lines = new ArrayList<>();
        int changed = report.points().size() - 1;
        lines.add(report.country() + " from " + report.from() + " to " + report.to() + " by " + report.step() + ": "
                + report.evaluated() + " date(s) evaluated, advice changed on " + changed
                + " (each date replaces the profile's asOf, " + report.profileAsOf() + ")");
        lines.add("rule set " + report.ruleSet().version() + "  fact base " + report.factBase().version());
        for (Point point : report.points()) {
            lines.add("");
            if (point.changes().isEmpty()) {
                lines.add(point.asOf() + "  " + point.recommendations().size() + " recommendation(s)");
                for (Rec rec : point.recommendations()) {
                    lines.add(INDENT + String.format("%-6s  %s %s (%s)", rec.priority(), rec.type(), rec.subject(),
                            rec.policyId()));
                }
                continue;
            }
            String date = point.asOf() + "  ";
            for (Change change : point.changes()) {
                lines.add(date + change(change));
                date = INDENT;
            }
            for (FactEvent event : point.events()) {
                lines.add(INDENT + "  since: " + event.date() + " " + event.text() + " [" + event.file() + ":"
                        + event.line() + "]");
            }
        }
        return lines;
    }

    /** {@code + STOCKPILE gallium (HIGH)}, {@code - CORRIDOR x (MEDIUM)}, {@code ~ STOCKPILE x priority MEDIUM → HIGH; targetDays 90 → 180}. */
    static String change(Change change) {
        String what = change.type() + " " + change.subject();
        return switch (change.change()) {
            case ADDED -> "+ " + what + " (" + change.after().priority() + ")";
            case REMOVED -> "- " + what + " (was " + change.before().priority() + ")";
            case CHANGED -> "~ " + what + " " + String.join("; ", change.fields().stream().map(TimelineText::field).toList());
        };
    }

    private static String field(Field field) {
        String name = field.field().startsWith("details.") ? field.field().substring("details.".length()) : field.field();
        return name + " " + value(field.before()) + " → " + value(field.after());
    }

    private static String value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "none";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(value(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (node.isNumber()) {
            // Rounded as the summaries round them (28.8767… → 28.88); the JSON form keeps every digit.
            return ExplanationTemplate.format(node.isIntegralNumber() ? (Object) node.longValue() : (Object) node.doubleValue(), null);
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}

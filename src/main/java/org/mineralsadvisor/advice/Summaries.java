package org.mineralsadvisor.advice;

import org.mineralsadvisor.model.Advisable;
import org.mineralsadvisor.rules.ExplanationTemplate;

import java.util.List;
import java.util.Map;

/** One readable sentence per recommendation; the numbers in {@code details} stay unrounded. */
final class Summaries {

    String of(Advisable advisable, Map<String, Object> d) {
        String subject = advisable.subject();
        return switch (advisable.type()) {
            case "STOCKPILE" -> {
                String text = "Build a strategic stock of " + subject + ": "
                        + Math.round((Double) d.get("currentDays")) + " → " + d.get("targetDays")
                        + " days of demand (" + num(d.get("acquireTonnes")) + " t";
                if (d.get("estimatedCostUsd") != null) {
                    text += ", about USD " + num(d.get("estimatedCostUsd"));
                }
                text += ").";
                if (d.get("funding") != null) {
                    text += switch ((String) d.get("funding")) {
                        case "FULL" -> " Fully funded from the stockpile budget.";
                        case "PARTIAL" -> " Partly funded: USD " + num(d.get("fundedUsd")) + " from the stockpile budget.";
                        case "UNFUNDED" -> " Not funded: the stockpile budget is spent on higher priorities.";
                        default -> " No price in the fact base, so it takes nothing from the budget.";
                    };
                }
                yield text;
            }
            case "DIVERSIFY" -> {
                List<?> partners = (List<?>) d.get("partners");
                String from = "Diversify " + subject + " supply away from " + d.get("topSource") + " ("
                        + ExplanationTemplate.format(d.get("topSourceShare"), "pct") + " of imports)";
                yield partners.isEmpty()
                        ? from + ": no aligned producer without export controls was found, a finding in itself."
                        : from + " towards aligned producers: " + String.join(", ", partners.stream().map(String::valueOf).toList()) + ".";
            }
            case "COALITION" -> {
                List<?> unmet = (List<?>) d.get("unmet");
                String status = (String) d.get("status");
                yield switch (status) {
                    case "MEMBER" -> "Member of " + subject + (unmet.isEmpty() ? "; every criterion is met."
                            : "; criteria still unmet: " + join(unmet) + ".");
                    case "ELIGIBLE" -> "Eligible to join " + subject + ": every criterion is met.";
                    default -> "Not yet eligible for " + subject + ": " + unmet.size() + " criterion"
                            + (unmet.size() == 1 ? "" : "s") + " unmet (" + join(unmet) + ").";
                };
            }
            default -> "EXCLUDED".equals(d.get("status"))
                    ? "Corridor " + subject + " is excluded from ranking (" + d.get("reason") + ")."
                    : "Corridor " + subject + " ranks " + d.get("rank") + " with " + d.get("score") + " points ("
                    + d.get("tier") + ").";
        };
    }

    private static String join(List<?> items) {
        return String.join(", ", items.stream().map(String::valueOf).toList());
    }

    private static String num(Object value) {
        return ExplanationTemplate.format(value, null);
    }
}

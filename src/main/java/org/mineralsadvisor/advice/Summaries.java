package org.mineralsadvisor.advice;

import org.mineralsadvisor.model.Details;
import org.mineralsadvisor.model.CorridorStatus;
import org.mineralsadvisor.rules.ExplanationTemplate;

import java.util.List;

/** One readable sentence per recommendation; the numbers in {@code details} stay unrounded. */
final class Summaries {

    String of(String subject, Details details) {
        if (details instanceof Details.Stockpile d) {
            return stockpile(subject, d);
        }
        if (details instanceof Details.Diversify d) {
            return diversify(subject, d);
        }
        if (details instanceof Details.Coalition d) {
            return coalition(subject, d);
        }
        return corridor(subject, (Details.Corridor) details);
    }

    private static String stockpile(String subject, Details.Stockpile d) {
        String text = "Build a strategic stock of " + subject + ": "
                + Math.round(d.currentDays()) + " → " + d.targetDays()
                + " days of demand (" + num(d.acquireTonnes()) + " t";
        if (d.estimatedCostUsd() != null) {
            text += ", about USD " + num(d.estimatedCostUsd());
        }
        text += ").";
        if (d.funding() != null) {
            text += switch (d.funding()) {
                case FULL -> " Fully funded from the stockpile budget.";
                case PARTIAL -> " Partly funded: USD " + num(d.fundedUsd()) + " from the stockpile budget.";
                case UNFUNDED -> " Not funded: the stockpile budget is spent on higher priorities.";
                case UNPRICED -> " No price in the fact base, so it takes nothing from the budget.";
            };
        }
        return text;
    }

    private static String diversify(String subject, Details.Diversify d) {
        String from = "Diversify " + subject + " supply away from " + d.topSource() + " ("
                + ExplanationTemplate.format(d.topSourceShare(), "pct") + " of imports)";
        return d.partners().isEmpty()
                ? from + ": no aligned producer without export controls was found, a finding in itself."
                : from + " towards aligned producers: " + String.join(", ", d.partners()) + ".";
    }

    private static String coalition(String subject, Details.Coalition d) {
        List<String> unmet = d.unmet();
        return switch (d.status()) {
            case MEMBER -> "Member of " + subject + (unmet.isEmpty() ? "; every criterion is met."
                    : "; criteria still unmet: " + String.join(", ", unmet) + ".");
            case ELIGIBLE -> "Eligible to join " + subject + ": every criterion is met.";
            case NOT_YET_ELIGIBLE -> "Not yet eligible for " + subject + ": " + unmet.size()
                    + (unmet.size() == 1 ? " criterion" : " criteria") + " unmet (" + String.join(", ", unmet) + ").";
        };
    }

    private static String corridor(String subject, Details.Corridor d) {
        return d.status() == CorridorStatus.EXCLUDED
                ? "Corridor " + subject + " is excluded from ranking (" + d.reason() + ")."
                : "Corridor " + subject + " ranks " + d.rank() + " with " + d.score() + " points (" + d.tier() + ").";
    }

    private static String num(Object value) {
        return ExplanationTemplate.format(value, null);
    }
}

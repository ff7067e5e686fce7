package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.Priority;

import java.util.EnumSet;
import java.util.Set;

/**
 * The default pack's conditions of handbook sections 2 and 3 with the rule set's parameters:
 * what the risk-factor and stockpile rules would decide for changed numbers. Null (from
 * {@link #of}) where the catalogue lacks a parameter: no stockpile or diversification
 * counterfactual is offered then.
 */
record PackRules(double reliance, double topShare, double hhi, double exportShare, double chokepointShare,
                 double minAggravating, double baseTarget, double elevatedTarget, double elevatedAggravating,
                 double upperTarget, double urgentDays, double mediumAggravating) {

    static PackRules of(Parameters p) {
        Double reliance = p.get("STK-RELIANCE", "threshold");
        double[] concentration = p.all("STK-CONCENTRATION", "top_source_share", "import_hhi");
        Double export = p.get("STK-EXPORT-CONTROL", "share");
        Double chokepoint = p.get("STK-CHOKEPOINT", "share");
        double[] t = p.all("STK-TRIGGER", "min_aggravating", "base_target_days", "elevated_target_days",
                "elevated_aggravating", "upper_target_days", "urgent_stock_days", "medium_aggravating");
        if (reliance == null || concentration == null || export == null || chokepoint == null || t == null) {
            return null;
        }
        return new PackRules(reliance, concentration[0], concentration[1], export, chokepoint,
                t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
    }

    boolean reliant(double importReliance) {
        return importReliance >= reliance;
    }

    boolean concentrated(double importTonnes, Double topSourceShare, double importHhi) {
        return importTonnes > 0 && (topSourceShare >= topShare || importHhi >= hhi);
    }

    boolean exposed(double exportControlShare) {
        return exportControlShare >= exportShare;
    }

    /** The section-2 factors for these numbers; chokepoint and defence as decided elsewhere. */
    Set<Factor> factors(double importReliance, MineralTrial.Imports imports, boolean chokepoint, boolean defence) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        if (reliant(importReliance)) {
            factors.add(Factor.IMPORT_RELIANT);
        }
        if (concentrated(imports.tonnes(), imports.topShare(), imports.hhi())) {
            factors.add(Factor.CONCENTRATED_SOURCING);
        }
        if (exposed(imports.controlledShare())) {
            factors.add(Factor.EXPORT_CONTROL_EXPOSED);
        }
        if (chokepoint) {
            factors.add(Factor.GLOBAL_CHOKEPOINT);
        }
        if (defence) {
            factors.add(Factor.DEFENCE_CRITICAL);
        }
        return factors;
    }

    static int aggravating(Set<Factor> factors) {
        return (int) factors.stream().filter(Factor::isAggravating).count();
    }

    /** A stockpile recommendation's target and priority. */
    record Stockpile(double targetDays, Priority priority) {
    }

    /** STK-TRIGGER for these factors and stock days: null where no stockpile is recommended. */
    Stockpile stockpile(Set<Factor> factors, double stockDays) {
        int aggravating = aggravating(factors);
        double target = targetDays(factors);
        if (!factors.contains(Factor.IMPORT_RELIANT) || aggravating < minAggravating || !(stockDays < target)) {
            return null;
        }
        boolean upper = factors.contains(Factor.EXPORT_CONTROL_EXPOSED) && factors.contains(Factor.DEFENCE_CRITICAL);
        Priority priority = upper || stockDays < urgentDays ? Priority.HIGH
                : aggravating >= mediumAggravating ? Priority.MEDIUM : Priority.LOW;
        return new Stockpile(target, priority);
    }

    double targetDays(Set<Factor> factors) {
        if (factors.contains(Factor.EXPORT_CONTROL_EXPOSED) && factors.contains(Factor.DEFENCE_CRITICAL)) {
            return upperTarget;
        }
        if (factors.contains(Factor.DEFENCE_CRITICAL) || aggravating(factors) >= elevatedAggravating) {
            return elevatedTarget;
        }
        return baseTarget;
    }

    /** DIV-PARTNERS' priority for these factors: null where no diversification is recommended. */
    static Priority diversify(Set<Factor> factors) {
        if (!factors.contains(Factor.CONCENTRATED_SOURCING)) {
            return null;
        }
        return factors.contains(Factor.EXPORT_CONTROL_EXPOSED) ? Priority.HIGH : Priority.MEDIUM;
    }
}

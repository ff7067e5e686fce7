package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.model.Diversification;
import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.MineralIndicators;
import org.mineralsadvisor.model.Priority;
import org.mineralsadvisor.profile.CountryProfile.MineralInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * DIVERSIFY (handbook section 4): the top-source tonnage at which CONCENTRATED_SOURCING stops
 * (omitted where no cut of that row alone ends it) and, for a HIGH one, the controlled-source cut
 * that ends EXPORT_CONTROL_EXPOSED. Partners are never proposed: an empty list stays a finding.
 */
final class DiversifyChanges {
    private final Counterfactuals c;

    DiversifyChanges(Counterfactuals c) {
        this.c = c;
    }

    List<Change> of(Diversification diversification) {
        MineralTrial m = c.minerals.get(diversification.mineral());
        PackRules rules = c.pack;
        if (m == null || rules == null) {
            return List.of();
        }
        Set<Factor> factors = MineralTrial.factors(rules, m.now, m.fired.contains(Factor.GLOBAL_CHOKEPOINT));
        if (!factors.equals(m.fired) || PackRules.diversify(factors) != diversification.priority()) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        ImportCuts.Cut cut = ImportCuts.endConcentration(m, rules);
        if (cut != null) {
            add(changes, diversification, m, "STK-CONCENTRATION", rules.topShare(), cut,
                    Texts.concentrationCut(m, cut, rules));
        }
        if (diversification.priority() == Priority.HIGH) {
            ImportCuts.Cut exposure = ImportCuts.endExposure(m, rules);
            if (exposure != null) {
                add(changes, diversification, m, "STK-EXPORT-CONTROL", rules.exportShare(), exposure,
                        Texts.exposureCut(m, exposure, rules));
            }
        }
        return changes;
    }

    /** DIV-PARTNERS' priority with row {@code row} at {@code tonnes}, by the evaluation's formulas; null: none. */
    private Priority priorityWith(MineralTrial m, double tonnes, int row) {
        MineralInput changed = m.withImport(row, tonnes);
        MineralIndicators after = m.indicatorsFor(c.profile, c.facts, changed);
        return PackRules.diversify(MineralTrial.factors(c.pack, after, m.fired.contains(Factor.GLOBAL_CHOKEPOINT)));
    }

    private void add(List<Change> changes, Diversification diversification, MineralTrial m, String policyId,
                     double threshold, ImportCuts.Cut cut, String lead) {
        Priority priority = priorityWith(m, cut.to(), cut.row());
        if (cut.to() < m.tonnes()[cut.row()]
                && Objects.equals(priorityWith(m, Math.nextUp(cut.to()), cut.row()), priority)) {
            // One double short the same happens: another condition decides it, not this boundary.
            return;
        }
        Effect effect;
        String result;
        if (priority == null) {
            effect = Effect.ENDS;
            result = "the diversification recommendation ends.";
        } else if (priority != diversification.priority()) {
            effect = Effect.PRIORITY;
            result = "the priority changes from " + diversification.priority() + " to " + priority + ".";
        } else {
            return;
        }
        changes.add(new Change(effect, policyId, threshold,
                Counterfactuals.profileTarget(m.pointer("imports/" + cut.row() + "/tonnes")), null,
                m.tonnes()[cut.row()], cut.to(), lead + ": " + result));
    }
}

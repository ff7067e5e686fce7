package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.model.Aligned;
import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.MineralIndicators;

import java.util.ArrayList;
import java.util.List;

/**
 * Per profile mineral, the section-2 factors that did not fire although their value is within
 * 10 % of the threshold (value ≥ 0.9 × threshold), in section 2's order. CONCENTRATED_SOURCING has
 * two values and is listed once per value that is near (top share first, then HHI). DEFENCE_CRITICAL
 * is a flag, never near. GLOBAL_CHOKEPOINT is also listed when the share meets the threshold and
 * only the producer condition failed (it is the profile's country or aligned with it): that
 * alignment is all that keeps the factor off.
 */
final class NearMisses {
    static final double MARGIN = 0.9;

    private final Counterfactuals c;

    NearMisses(Counterfactuals c) {
        this.c = c;
    }

    List<NearMiss> all() {
        List<NearMiss> misses = new ArrayList<>();
        for (MineralTrial m : c.minerals.values()) {
            MineralIndicators i = m.now;
            String name = m.mineral();
            Double reliance = c.parameters.get("STK-RELIANCE", "threshold");
            if (reliance != null && !m.fired.contains(Factor.IMPORT_RELIANT) && near(i.importReliance(), reliance)) {
                misses.add(new NearMiss(name, Factor.IMPORT_RELIANT, "STK-RELIANCE", i.importReliance(), reliance,
                        "import reliance " + Display.pct(i.importReliance()) + " is below " + Display.pct(reliance)));
            }
            double[] concentration = c.parameters.all("STK-CONCENTRATION", "top_source_share", "import_hhi");
            if (concentration != null && !m.fired.contains(Factor.CONCENTRATED_SOURCING) && i.importTonnes() > 0) {
                double top = i.topSourceShare();
                String both = "top source " + i.topSource() + " supplies " + Display.pctAgainst(top, concentration[0]) + " of imports, below "
                        + Display.pct(concentration[0]) + ", and the import HHI " + Display.numAgainst(i.importHhi(), concentration[1])
                        + " is below " + Display.param(concentration[1]);
                if (near(top, concentration[0])) {
                    misses.add(new NearMiss(name, Factor.CONCENTRATED_SOURCING, "STK-CONCENTRATION", top,
                            concentration[0], both));
                }
                if (near(i.importHhi(), concentration[1])) {
                    misses.add(new NearMiss(name, Factor.CONCENTRATED_SOURCING, "STK-CONCENTRATION", i.importHhi(),
                            concentration[1], both));
                }
            }
            Double export = c.parameters.get("STK-EXPORT-CONTROL", "share");
            if (export != null && !m.fired.contains(Factor.EXPORT_CONTROL_EXPOSED)
                    && near(i.exportControlShare(), export)) {
                misses.add(new NearMiss(name, Factor.EXPORT_CONTROL_EXPOSED, "STK-EXPORT-CONTROL",
                        i.exportControlShare(), export, Display.pctAgainst(i.exportControlShare(), export)
                        + " of imports come from sources whose export controls apply, below " + Display.pct(export)));
            }
            Double chokepoint = c.parameters.get("STK-CHOKEPOINT", "share");
            String top = i.globalTopProducer();
            if (chokepoint != null && top != null && !m.fired.contains(Factor.GLOBAL_CHOKEPOINT)) {
                String producer = producerCondition(top);
                String share = top + " holds " + Display.pctAgainst(i.globalTopShare(), chokepoint) + " of world supply";
                if (i.globalTopShare() >= chokepoint && producer != null) {
                    misses.add(new NearMiss(name, Factor.GLOBAL_CHOKEPOINT, "STK-CHOKEPOINT", i.globalTopShare(),
                            chokepoint, share + " (≥ " + Display.pct(chokepoint) + ") but " + producer));
                } else if (near(i.globalTopShare(), chokepoint)) {
                    misses.add(new NearMiss(name, Factor.GLOBAL_CHOKEPOINT, "STK-CHOKEPOINT", i.globalTopShare(),
                            chokepoint, share + ", below " + Display.pct(chokepoint)
                            + (producer == null ? "" : ", and " + producer)));
                }
            }
        }
        return misses;
    }

    /** Below the threshold but not by more than 10 % of it. */
    static boolean near(double value, double threshold) {
        return threshold > 0 && value < threshold && value >= MARGIN * threshold;
    }

    /** Why the producer does not count as a chokepoint holder, or null where it would. */
    private String producerCondition(String top) {
        String home = c.profile.country();
        if (top.equals(home)) {
            return "is " + home + " itself";
        }
        Aligned aligned = c.aligned.get(top);
        return aligned == null ? null : "is aligned with " + home + " through " + String.join(", ", aligned.coalitions());
    }
}

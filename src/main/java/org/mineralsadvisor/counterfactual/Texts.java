package org.mineralsadvisor.counterfactual;

import java.util.function.DoublePredicate;

/** Sentences shared by the stockpile and diversification counterfactuals. */
final class Texts {
    private Texts() {
    }

    static String concentrationCut(MineralTrial m, ImportCuts.Cut cut, PackRules rules) {
        String source = m.input.imports().get(cut.row()).from();
        MineralTrial.Imports after = cut.after();
        DoublePredicate off = x -> {
            MineralTrial.Imports im = m.importsWith(cut.row(), x);
            return !rules.concentrated(im.tonnes(), im.topShare(), im.hhi());
        };
        String text = "Cutting imports of " + m.mineral() + " from " + source + " from "
                + Display.num(m.tonnes()[cut.row()]) + " t to " + Display.bound(cut.to(), false, off) + " t";
        if (after.tonnes() <= 0) {
            return text + " leaves no imports, so sourcing is no longer concentrated";
        }
        return text + " (" + source + " then " + Display.pct(cut.to() / after.tonnes()) + " of imports; top share "
                + Display.pctAgainst(after.topShare(), rules.topShare()) + " < " + Display.pct(rules.topShare())
                + ", import HHI " + Display.numAgainst(after.hhi(), rules.hhi()) + " < " + Display.param(rules.hhi())
                + ") ends concentrated sourcing";
    }

    static String exposureCut(MineralTrial m, ImportCuts.Cut cut, PackRules rules) {
        String source = m.input.imports().get(cut.row()).from();
        DoublePredicate below = x -> !rules.exposed(m.importsWith(cut.row(), x).controlledShare());
        return "Cutting imports of " + m.mineral() + " from " + source + ", whose export control applies, from "
                + Display.num(m.tonnes()[cut.row()]) + " t to at most " + Display.bound(cut.to(), false, below)
                + " t brings the share of imports under export controls to " + Display.pctAgainst(cut.after().controlledShare(), rules.exportShare())
                + " (< " + Display.pct(rules.exportShare()) + ")";
    }
}

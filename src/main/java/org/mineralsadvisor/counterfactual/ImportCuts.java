package org.mineralsadvisor.counterfactual;

import java.util.function.DoublePredicate;

/**
 * Single import-row cuts that end a section-2 factor. CONCENTRATED_SOURCING needs both the top
 * share and the HHI below their lines, and neither is monotone in one row's tonnes (cutting the
 * top source far enough makes another source dominate), so the search first finds a tonnage at
 * which the factor is off — each measure is quasi-convex in the row's tonnes, so their maximum is
 * too and a ternary search finds its lowest point — then bisects from there up to the tonnes now.
 */
final class ImportCuts {
    private ImportCuts() {
    }

    /** Row {@code row} cut to {@code to} tonnes, and the import indicators then. */
    record Cut(int row, double to, MineralTrial.Imports after) {
    }

    /** The largest tonnage of the top source at which CONCENTRATED_SOURCING stops; null where none does. */
    static Cut endConcentration(MineralTrial m, PackRules rules) {
        if (m.now.topSource() == null) {
            return null;
        }
        int k = m.row(m.now.topSource());
        double current = m.tonnes()[k];
        DoublePredicate off = x -> {
            MineralTrial.Imports im = m.importsWith(k, x);
            return !rules.concentrated(im.tonnes(), im.topShare(), im.hhi());
        };
        double feasible = Double.NaN;
        for (double x : new double[]{lowest(m, k, current, rules), 0}) {
            if (x >= 0 && x <= current && off.test(x)) {
                feasible = x;
                break;
            }
        }
        if (Double.isNaN(feasible)) {
            return null;
        }
        double to = Boundary.largest(feasible, current, off);
        return Double.isNaN(to) || to >= current ? null : new Cut(k, to, m.importsWith(k, to));
    }

    /** Where max(topShare / line, HHI / line) is lowest for row k in [0, current]. */
    private static double lowest(MineralTrial m, int k, double current, PackRules rules) {
        if (!(rules.topShare() > 0) || !(rules.hhi() > 0)) {
            return 0;
        }
        double lo = 0;
        double hi = current;
        for (int i = 0; i < 200 && hi > lo; i++) {
            double a = lo + (hi - lo) / 3;
            double b = hi - (hi - lo) / 3;
            if (measure(m, k, a, rules) < measure(m, k, b, rules)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return lo + (hi - lo) / 2;
    }

    private static double measure(MineralTrial m, int k, double x, PackRules rules) {
        MineralTrial.Imports im = m.importsWith(k, x);
        if (im.tonnes() <= 0) {
            return 0;
        }
        return Math.max(im.topShare() / rules.topShare(), im.hhi() / rules.hhi());
    }

    /**
     * The cut of one controlled row that brings exportControlShare below its line with the fewest
     * tonnes cut (ties: the earlier row); null where no single row can. The share only falls as a
     * controlled row shrinks, so the boundary is bisected directly.
     */
    static Cut endExposure(MineralTrial m, PackRules rules) {
        double[] t = m.tonnes();
        Cut best = null;
        for (int j = 0; j < t.length; j++) {
            if (!m.controlled[j]) {
                continue;
            }
            int row = j;
            DoublePredicate below = x -> !rules.exposed(m.importsWith(row, x).controlledShare());
            double to = Boundary.largest(0, t[j], below);
            if (Double.isNaN(to) || to >= t[j]) {
                continue;
            }
            if (best == null || t[j] - to < t[best.row()] - best.to()) {
                best = new Cut(j, to, m.importsWith(j, to));
            }
        }
        return best;
    }
}

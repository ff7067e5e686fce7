package org.mineralsadvisor.counterfactual;

import java.util.function.DoublePredicate;

/**
 * Exact boundaries in IEEE double: bisection over the ordered bit patterns of non-negative
 * doubles, so the answer is the very last double on one side of a condition as the handbook's
 * formula computes it (not an algebraic solution that rounding may put on the wrong side).
 */
final class Boundary {
    private Boundary() {
    }

    /**
     * The smallest x in [lo, hi] with {@code ok(x)}, where ok is false then true over the range;
     * NaN where {@code ok(hi)} does not hold. Both bounds must be ≥ 0.
     */
    static double smallest(double lo, double hi, DoublePredicate ok) {
        lo = lo + 0.0; // -0.0 → +0.0, whose bits order with the positives
        if (!(lo >= 0) || !(hi >= lo) || !ok.test(hi)) {
            return Double.NaN;
        }
        if (ok.test(lo)) {
            return lo;
        }
        return bisect(Double.doubleToLongBits(hi), Double.doubleToLongBits(lo), ok);
    }

    /**
     * The largest x in [lo, hi] with {@code ok(x)}, where ok is true then false over the range;
     * NaN where {@code ok(lo)} does not hold. Both bounds must be ≥ 0.
     */
    static double largest(double lo, double hi, DoublePredicate ok) {
        lo = lo + 0.0;
        if (!(lo >= 0) || !(hi >= lo) || !ok.test(lo)) {
            return Double.NaN;
        }
        if (ok.test(hi)) {
            return hi;
        }
        return bisect(Double.doubleToLongBits(lo), Double.doubleToLongBits(hi), ok);
    }

    /**
     * Narrows the bit patterns {@code good} (ok holds) and {@code bad} (it does not), in either order,
     * until they are adjacent doubles; the double on the ok side.
     */
    private static double bisect(long good, long bad, DoublePredicate ok) {
        while (Math.abs(good - bad) > 1) {
            long middle = Math.min(good, bad) + Math.abs(good - bad) / 2;
            if (ok.test(Double.longBitsToDouble(middle))) {
                good = middle;
            } else {
                bad = middle;
            }
        }
        return Double.longBitsToDouble(good);
    }
}

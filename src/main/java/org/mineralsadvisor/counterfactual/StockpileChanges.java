package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.model.Member;
import org.mineralsadvisor.model.MineralIndicators;
import org.mineralsadvisor.model.Priority;
import org.mineralsadvisor.model.StockpileNeed;
import org.mineralsadvisor.profile.CountryProfile.MineralInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * STOCKPILE (handbook section 3): the stock that reaches the target, the production that ends
 * import reliance, the one profile change that removes each aggravating factor (where one
 * exists), the stock that ends HIGH priority by the urgent-days rule, and a defence use declared.
 * Each proposal's effect is what the pack's conditions decide for the numbers the evaluation's
 * own formulas give after the change.
 */
final class StockpileChanges {
    private final Counterfactuals c;

    StockpileChanges(Counterfactuals c) {
        this.c = c;
    }

    List<Change> of(StockpileNeed need) {
        MineralTrial m = c.minerals.get(need.mineral());
        PackRules rules = c.pack;
        if (m == null || rules == null || !agrees(m, rules, need)) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        String name = m.mineral();
        double target = need.targetDays();
        double stock = m.input.stockTonnes();
        double demand = m.input.annualDemandTonnes();

        DoublePredicate covers = s -> m.stockDaysWith(s) >= target;
        double enough = Boundary.smallest(stock, ceiling(target, demand), covers);
        if (!Double.isNaN(enough)) {
            add(changes, need, m, "STK-TRIGGER", target, m.pointer("stockTonnes"), stock, enough,
                    m.withStock(enough), chokepoint(m),
                    "A stock of " + name + " of at least " + Display.bound(enough, true, covers) + " t (now "
                            + Display.num(stock) + " t) covers the " + Display.param(target) + "-day target");
        }

        boolean upper = m.fired.contains(Factor.EXPORT_CONTROL_EXPOSED) && m.fired.contains(Factor.DEFENCE_CRITICAL);
        if (need.priority() == Priority.HIGH && !upper && m.now.stockDays() < rules.urgentDays()) {
            DoublePredicate calm = s -> m.stockDaysWith(s) >= rules.urgentDays();
            double calmer = Boundary.smallest(stock, ceiling(rules.urgentDays(), demand), calm);
            if (!Double.isNaN(calmer)) {
                Change change = change(need, m, "STK-TRIGGER", rules.urgentDays(), m.pointer("stockTonnes"), stock,
                        calmer, m.withStock(calmer), chokepoint(m),
                        "A stock of " + name + " of at least " + Display.bound(calmer, true, calm) + " t (now "
                                + Display.num(stock) + " t) is " + Display.param(rules.urgentDays())
                                + " days of demand or more");
                if (change != null && change.effect() == Effect.PRIORITY
                        && effect(need, m, m.withStock(Math.nextDown(calmer)), chokepoint(m)) != Effect.PRIORITY) {
                    changes.add(change);
                }
            }
        }

        double production = m.input.domesticProductionTonnes();
        DoublePredicate independent = p -> !rules.reliant(m.relianceWith(p));
        double produced = Boundary.smallest(production, Math.max(production, demand), independent);
        if (!Double.isNaN(produced)) {
            add(changes, need, m, "STK-RELIANCE", rules.reliance(), m.pointer("domesticProductionTonnes"), production,
                    produced, m.withProduction(produced), chokepoint(m),
                    "Domestic production of " + name + " of at least " + Display.bound(produced, true, independent)
                            + " t a year (now " + Display.num(production) + " t) brings import reliance below "
                            + Display.pct(rules.reliance()));
        }

        if (m.fired.contains(Factor.CONCENTRATED_SOURCING)) {
            ImportCuts.Cut cut = ImportCuts.endConcentration(m, rules);
            if (cut != null) {
                add(changes, need, m, "STK-CONCENTRATION", rules.topShare(), m.pointer("imports/" + cut.row() + "/tonnes"),
                        m.tonnes()[cut.row()], cut.to(), m.withImport(cut.row(), cut.to()), chokepoint(m),
                        Texts.concentrationCut(m, cut, rules));
            }
        }
        if (m.fired.contains(Factor.EXPORT_CONTROL_EXPOSED)) {
            ImportCuts.Cut cut = ImportCuts.endExposure(m, rules);
            if (cut != null) {
                add(changes, need, m, "STK-EXPORT-CONTROL", rules.exportShare(),
                        m.pointer("imports/" + cut.row() + "/tonnes"), m.tonnes()[cut.row()], cut.to(),
                        m.withImport(cut.row(), cut.to()), chokepoint(m), Texts.exposureCut(m, cut, rules));
            }
        }
        if (m.fired.contains(Factor.GLOBAL_CHOKEPOINT)) {
            String top = m.now.globalTopProducer();
            String coalition = sharedCoalitionToJoin(top);
            if (coalition != null) {
                add(changes, need, m, "STK-CHOKEPOINT", null, c.nextMembership(), null, coalition, m.input, false,
                        "Joining " + coalition + " (adding it to memberships), of which " + top + " is a member, aligns "
                                + c.profile.country() + " with " + top + " (" + Display.pct(m.now.globalTopShare())
                                + " of world supply), so " + name + " is no longer a global chokepoint");
            }
        }
        if (!m.now.defenceCritical()) {
            add(changes, need, m, "STK-DEFENCE", null, m.pointer("defenceUse"), false, true, m.withDefenceUse(true),
                    chokepoint(m), "Declaring a defence use of " + name + " (defenceUse true) makes it defence-critical");
        }
        return changes;
    }

    /** Whether the pack's conditions, with this catalogue, give the recommendation the rules gave. */
    private static boolean agrees(MineralTrial m, PackRules rules, StockpileNeed need) {
        Set<Factor> factors = MineralTrial.factors(rules, m.now, m.fired.contains(Factor.GLOBAL_CHOKEPOINT));
        PackRules.Stockpile now = rules.stockpile(factors, m.now.stockDays());
        return factors.equals(m.fired) && now != null && now.targetDays() == need.targetDays()
                && now.priority() == need.priority();
    }

    private static boolean chokepoint(MineralTrial m) {
        return m.fired.contains(Factor.GLOBAL_CHOKEPOINT);
    }

    /** An upper bound on the stock giving {@code days} days of demand (the bisection's other end). */
    private static double ceiling(double days, double demand) {
        double guess = days * demand / 365;
        return Math.max(1, guess * 2 + 1);
    }

    /** The first coalition (by id) of which {@code top} is a member on asOf and the profile's country is not. */
    private String sharedCoalitionToJoin(String top) {
        Set<String> mine = new TreeSet<>(Ids.ORDER);
        Set<String> theirs = new TreeSet<>(Ids.ORDER);
        for (Member member : c.members) {
            if (member.country().equals(c.profile.country())) {
                mine.add(member.coalition());
            } else if (member.country().equals(top)) {
                theirs.add(member.coalition());
            }
        }
        theirs.removeAll(mine);
        return theirs.isEmpty() ? null : theirs.iterator().next();
    }

    private void add(List<Change> changes, StockpileNeed need, MineralTrial m, String policyId, Double threshold,
                     String pointer, Object from, Object to, MineralInput changed, boolean chokepoint, String lead) {
        Change change = change(need, m, policyId, threshold, pointer, from, to, changed, chokepoint, lead);
        if (change != null && to instanceof Double boundary && from instanceof Double now
                && effect(need, m, shortOf(m, pointer, now, boundary), chokepoint) == change.effect()) {
            // One double short of the boundary the effect happens too: another condition decides it,
            // so this boundary is not the smallest change that does it.
            return;
        }
        if (change != null) {
            changes.add(change);
        }
    }

    /** The entry with the numeric field at {@code pointer} one double short of {@code boundary}, towards {@code now}. */
    private static MineralInput shortOf(MineralTrial m, String pointer, double now, double boundary) {
        double x = boundary > now ? Math.nextDown(boundary) : Math.nextUp(boundary);
        if (pointer.endsWith("/stockTonnes")) {
            return m.withStock(x);
        }
        if (pointer.endsWith("/domesticProductionTonnes")) {
            return m.withProduction(x);
        }
        String[] parts = pointer.split("/");
        return m.withImport(Integer.parseInt(parts[parts.length - 2]), x);
    }

    private Effect effect(StockpileNeed need, MineralTrial m, MineralInput changed, boolean chokepoint) {
        Change change = change(need, m, "", null, "", null, null, changed, chokepoint, "");
        return change == null ? null : change.effect();
    }

    /** The change with its effect, as the evaluation's formulas and the pack's conditions decide it; null where none. */
    private Change change(StockpileNeed need, MineralTrial m, String policyId, Double threshold, String pointer,
                          Object from, Object to, MineralInput changed, boolean chokepoint, String lead) {
        MineralIndicators after = m.indicatorsFor(c.profile, c.facts, changed);
        PackRules.Stockpile outcome = c.pack.stockpile(MineralTrial.factors(c.pack, after, chokepoint), after.stockDays());
        Effect effect;
        String result;
        double target = need.targetDays();
        if (outcome == null) {
            effect = Effect.ENDS;
            result = "the stockpile recommendation ends.";
        } else if (outcome.targetDays() != target) {
            effect = outcome.targetDays() < target ? Effect.LOWERS_TARGET : Effect.RAISES_TARGET;
            result = "the target " + (outcome.targetDays() < target ? "falls" : "rises") + " from "
                    + Display.param(target) + " to " + Display.param(outcome.targetDays()) + " days (priority "
                    + outcome.priority() + ").";
        } else if (outcome.priority() != need.priority()) {
            effect = Effect.PRIORITY;
            result = "the priority changes from " + need.priority() + " to " + outcome.priority() + " (target still "
                    + Display.param(target) + " days).";
        } else {
            return null;
        }
        return new Change(effect, policyId, threshold, Counterfactuals.profileTarget(pointer), null, from, to,
                lead + ": " + result);
    }
}

package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.evaluation.SituationBuilder;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.model.MineralIndicators;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.CountryProfile.ImportInput;
import org.mineralsadvisor.profile.CountryProfile.MineralInput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One profile mineral as this evaluation saw it, and its section-1 numbers for a changed import
 * row, stock or production: the handbook's formulas, in the order {@code SituationBuilder} computes
 * them, over plain arrays (a boundary search tries a few hundred values). A proposal is then
 * checked against {@link SituationBuilder#indicatorsOf}, the evaluation's own computation.
 */
final class MineralTrial {
    final int index;
    final MineralInput input;
    final MineralIndicators now;
    /** The factors that fired for the mineral in this evaluation. */
    final Set<Factor> fired;
    /** Per import row: whether its source imposes a control on the mineral that binds the profile's country. */
    final boolean[] controlled;

    MineralTrial(int index, MineralInput input, MineralIndicators now, Set<Factor> fired, Set<String> controllers) {
        this.index = index;
        this.input = input;
        this.now = now;
        this.fired = fired;
        this.controlled = new boolean[input.imports().size()];
        for (int j = 0; j < controlled.length; j++) {
            controlled[j] = controllers.contains(input.imports().get(j).from());
        }
    }

    String mineral() {
        return input.mineral();
    }

    /** The JSON pointer of a field of this entry ({@code /minerals/3/stockTonnes}). */
    String pointer(String field) {
        return "/minerals/" + index + "/" + field;
    }

    double[] tonnes() {
        double[] t = new double[input.imports().size()];
        for (int j = 0; j < t.length; j++) {
            t[j] = input.imports().get(j).tonnes();
        }
        return t;
    }

    /** The row of {@code source} among the imports, or -1. */
    int row(String source) {
        for (int j = 0; j < input.imports().size(); j++) {
            if (input.imports().get(j).from().equals(source)) {
                return j;
            }
        }
        return -1;
    }

    /** The import indicators for these tonnes (one per row, in the profile's order). */
    record Imports(double tonnes, String topSource, Double topShare, double hhi, double controlledShare) {
    }

    Imports imports(double[] t) {
        double importTonnes = 0;
        for (double x : t) {
            importTonnes += x;
        }
        String topSource = null;
        Double topShare = null;
        double hhiSum = 0;
        if (importTonnes > 0) {
            double best = -1;
            for (int j = 0; j < t.length; j++) {
                double share = t[j] / importTonnes;
                hhiSum += share * share;
                String from = input.imports().get(j).from();
                if (share > best || (share == best && Ids.compare(from, topSource) < 0)) {
                    best = share;
                    topSource = from;
                }
            }
            topShare = best;
        }
        double hhi = importTonnes > 0 ? 10_000 * hhiSum : 0;
        double controlledTonnes = 0;
        for (int j = 0; j < t.length; j++) {
            if (controlled[j]) {
                controlledTonnes += t[j];
            }
        }
        double controlledShare = importTonnes > 0 ? controlledTonnes / importTonnes : 0;
        return new Imports(importTonnes, topSource, topShare, hhi, controlledShare);
    }

    /** Row {@code j} at {@code x} tonnes, the others as they are. */
    Imports importsWith(int j, double x) {
        double[] t = tonnes();
        t[j] = x;
        return imports(t);
    }

    Imports importsNow() {
        return imports(tonnes());
    }

    static double reliance(double demand, double production) {
        return Math.max(0, demand - production) / demand;
    }

    static double stockDays(double stock, double demand) {
        return stock * 365 / demand;
    }

    double relianceWith(double production) {
        return reliance(input.annualDemandTonnes(), production);
    }

    double stockDaysWith(double stock) {
        return stockDays(stock, input.annualDemandTonnes());
    }

    // ---- the evaluation's own computation, for checking a proposal

    MineralInput withStock(double stock) {
        return new MineralInput(input.mineral(), input.annualDemandTonnes(), input.domesticProductionTonnes(), stock,
                input.defenceUse(), input.imports(), given("stockTonnes"));
    }

    MineralInput withProduction(double production) {
        return new MineralInput(input.mineral(), input.annualDemandTonnes(), production, input.stockTonnes(),
                input.defenceUse(), input.imports(), given("domesticProductionTonnes"));
    }

    MineralInput withDefenceUse(boolean defenceUse) {
        return new MineralInput(input.mineral(), input.annualDemandTonnes(), input.domesticProductionTonnes(),
                input.stockTonnes(), defenceUse, input.imports(), given("defenceUse"));
    }

    MineralInput withImport(int j, double tonnes) {
        List<ImportInput> imports = new ArrayList<>(input.imports());
        imports.set(j, new ImportInput(imports.get(j).from(), tonnes));
        return new MineralInput(input.mineral(), input.annualDemandTonnes(), input.domesticProductionTonnes(),
                input.stockTonnes(), input.defenceUse(), List.copyOf(imports), input.given());
    }

    private Set<String> given(String field) {
        Set<String> given = new HashSet<>(input.given());
        given.add(field);
        return Set.copyOf(given);
    }

    /** The indicators an evaluation of the profile with this entry replaced would compute. */
    MineralIndicators indicatorsFor(CountryProfile profile, FactBase facts, MineralInput changed) {
        List<MineralInput> minerals = new ArrayList<>(profile.minerals());
        minerals.set(index, changed);
        CountryProfile altered = new CountryProfile(profile.country(), profile.asOf(), profile.memberships(),
                profile.capabilities(), profile.stockpileBudgetUsd(), List.copyOf(minerals), profile.corridors());
        return SituationBuilder.indicatorsOf(altered, index, facts);
    }

    /** The factors for indicators computed by the evaluation, chokepoint as given. */
    static Set<Factor> factors(PackRules rules, MineralIndicators i, boolean chokepoint) {
        return rules.factors(i.importReliance(), new Imports(i.importTonnes(), i.topSource(), i.topSourceShare(),
                i.importHhi(), i.exportControlShare()), chokepoint, i.defenceCritical());
    }
}

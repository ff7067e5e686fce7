package org.mineralsadvisor.model;

import java.util.List;

/** STK-TRIGGER: a stockpile recommendation before budget allocation. */
public record StockpileNeed(String mineral, Priority priority, double currentDays, int targetDays,
                            double acquireTonnes, Double estimatedCostUsd, List<Factor> factors,
                            int aggravating, double exportControlShare) implements Advisable {

    public boolean priced() {
        return estimatedCostUsd != null;
    }

    @Override
    public RecommendationType type() {
        return RecommendationType.STOCKPILE;
    }

    @Override
    public String subject() {
        return mineral;
    }

    @Override
    public Details.Stockpile details() {
        return new Details.Stockpile(currentDays, targetDays, acquireTonnes, estimatedCostUsd, null, null, factors);
    }
}

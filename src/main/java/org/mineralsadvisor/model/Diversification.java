package org.mineralsadvisor.model;

import java.util.List;

/** DIV-PARTNERS: the diversification recommendation for a mineral with concentrated sourcing. */
public record Diversification(String mineral, Priority priority, List<String> partners, String topSource,
                              Double topSourceShare) implements Advisable {

    @Override
    public RecommendationType type() {
        return RecommendationType.DIVERSIFY;
    }

    @Override
    public String subject() {
        return mineral;
    }

    @Override
    public Details.Diversify details() {
        return new Details.Diversify(partners, topSource, topSourceShare);
    }
}

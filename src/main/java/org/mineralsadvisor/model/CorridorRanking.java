package org.mineralsadvisor.model;

import java.util.Map;

/** COR-RANK: a scored corridor's rank and tier. */
public record CorridorRanking(String corridor, int rank, int score, Tier tier, Priority priority,
                              Map<String, Integer> contributions) implements Advisable {

    /** With the tier by name, as the DRL writes it. */
    public CorridorRanking(String corridor, int rank, int score, String tier, Priority priority,
                           Map<String, Integer> contributions) {
        this(corridor, rank, score, Tier.valueOf(tier), priority, contributions);
    }

    @Override
    public RecommendationType type() {
        return RecommendationType.CORRIDOR;
    }

    @Override
    public String subject() {
        return corridor;
    }

    @Override
    public Details.Corridor details() {
        return Details.Corridor.ranked(rank, score, tier, contributions);
    }
}

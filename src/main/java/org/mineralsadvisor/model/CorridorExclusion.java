package org.mineralsadvisor.model;

/** COR-GATE: a corridor excluded from ranking, with the reason(s). */
public record CorridorExclusion(String corridor, String reason) implements Advisable {

    @Override
    public RecommendationType type() {
        return RecommendationType.CORRIDOR;
    }

    @Override
    public String subject() {
        return corridor;
    }

    @Override
    public Priority priority() {
        return Priority.INFO;
    }

    @Override
    public Details.Corridor details() {
        return Details.Corridor.excluded(reason);
    }
}

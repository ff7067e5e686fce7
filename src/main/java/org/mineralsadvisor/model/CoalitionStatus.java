package org.mineralsadvisor.model;

import java.util.List;
import java.util.Map;

/** COA-STATUS: the profile country's standing towards one coalition. */
public record CoalitionStatus(String coalition, CoalitionStanding status, Priority priority, List<String> met,
                              List<String> unmet, Map<String, String> gaps) implements Advisable {

    /** With the standing by name, as the DRL writes it. */
    public CoalitionStatus(String coalition, String status, Priority priority, List<String> met, List<String> unmet,
                           Map<String, String> gaps) {
        this(coalition, CoalitionStanding.valueOf(status), priority, met, unmet, gaps);
    }

    @Override
    public RecommendationType type() {
        return RecommendationType.COALITION;
    }

    @Override
    public String subject() {
        return coalition;
    }

    @Override
    public Details.Coalition details() {
        return new Details.Coalition(status, met, unmet, gaps);
    }
}

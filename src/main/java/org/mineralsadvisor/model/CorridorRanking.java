package org.mineralsadvisor.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** COR-RANK: a scored corridor's rank and tier. */
public record CorridorRanking(String corridor, int rank, int score, String tier, Priority priority,
                              Map<String, Integer> contributions) implements Advisable {

    @Override
    public String type() {
        return "CORRIDOR";
    }

    @Override
    public String subject() {
        return corridor;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", "RANKED");
        details.put("rank", rank);
        details.put("score", score);
        details.put("tier", tier);
        details.put("contributions", contributions);
        return details;
    }
}

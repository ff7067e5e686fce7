package org.mineralsadvisor.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** COR-GATE: a corridor excluded from ranking, with the reason(s). */
public record CorridorExclusion(String corridor, String reason) implements Advisable {

    @Override
    public String type() {
        return "CORRIDOR";
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
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", "EXCLUDED");
        details.put("rank", null);
        details.put("score", null);
        details.put("tier", null);
        details.put("contributions", Map.of());
        details.put("reason", reason);
        return details;
    }
}

package org.mineralsadvisor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** COA-STATUS: the profile country's standing towards one coalition. */
public record CoalitionStatus(String coalition, String status, Priority priority, List<String> met,
                              List<String> unmet, Map<String, String> gaps) implements Advisable {

    @Override
    public String type() {
        return "COALITION";
    }

    @Override
    public String subject() {
        return coalition;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", status);
        details.put("met", met);
        details.put("unmet", unmet);
        details.put("gaps", gaps);
        return details;
    }
}

package org.mineralsadvisor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DIV-PARTNERS: the diversification recommendation for a mineral with concentrated sourcing. */
public record Diversification(String mineral, Priority priority, List<String> partners, String topSource,
                              Double topSourceShare) implements Advisable {

    @Override
    public String type() {
        return "DIVERSIFY";
    }

    @Override
    public String subject() {
        return mineral;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("partners", partners);
        details.put("topSource", topSource);
        details.put("topSourceShare", topSourceShare);
        return details;
    }
}

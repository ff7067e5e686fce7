package org.mineralsadvisor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** STK-TRIGGER: a stockpile recommendation before budget allocation. */
public record StockpileNeed(String mineral, Priority priority, double currentDays, int targetDays,
                            double acquireTonnes, Double estimatedCostUsd, List<Factor> factors,
                            int aggravating, double exportControlShare) implements Advisable {

    public boolean priced() {
        return estimatedCostUsd != null;
    }

    @Override
    public String type() {
        return "STOCKPILE";
    }

    @Override
    public String subject() {
        return mineral;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("currentDays", currentDays);
        details.put("targetDays", targetDays);
        details.put("acquireTonnes", acquireTonnes);
        details.put("estimatedCostUsd", estimatedCostUsd);
        details.put("fundedUsd", null);
        details.put("funding", null);
        details.put("factors", factors.stream().map(Enum::name).toList());
        return details;
    }
}

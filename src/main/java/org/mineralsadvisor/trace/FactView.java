package org.mineralsadvisor.trace;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fact as a trace shows it: the fact and the plan of what to show. Immutable facts make
 * this a complete record of the firing; the JSON is written from it directly.
 */
@JsonSerialize(using = FactViewSerializer.class)
public final class FactView {
    final Object fact;
    final ViewPlan plan;

    FactView(Object fact, ViewPlan plan) {
        this.fact = fact;
        this.plan = plan;
    }

    public Object fact() {
        return fact;
    }

    /** The view as a map (type, the shown components, and file/line/source/asOf for a row). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        FactViewSerializer.visit(this, map::put);
        return map;
    }
}

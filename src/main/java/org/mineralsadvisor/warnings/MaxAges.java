package org.mineralsadvisor.warnings;

import org.mineralsadvisor.rules.PolicyCatalogue;
import org.mineralsadvisor.rules.PolicyParameter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How old a fact row may be, per file, before STALE_FACT reports it. They are parameters of the
 * ADV-WARNINGS policy in the rule set's policies.yaml ({@code <file stem>_max_age_days}), so a change
 * is versioned, gated and replayed with the rule set like any threshold. A catalogue without the
 * policy gets the handbook's defaults; a file with no parameter is never stale.
 */
public final class MaxAges {
    public static final String POLICY_ID = "ADV-WARNINGS";
    static final String SUFFIX = "_max_age_days";
    private static final Map<String, Integer> HANDBOOK = Map.of(
            "export_controls.csv", 180, "coalitions.csv", 365, "coalition_members.csv", 365,
            "production.csv", 730, "minerals.csv", 730, "corridors.csv", 365);

    private final Map<String, Integer> daysByFile;

    private MaxAges(Map<String, Integer> daysByFile) {
        this.daysByFile = daysByFile;
    }

    public static MaxAges of(PolicyCatalogue catalogue) {
        PolicyCatalogue.Policy policy = catalogue == null ? null : catalogue.policies().get(POLICY_ID);
        if (policy == null) {
            return new MaxAges(HANDBOOK);
        }
        Map<String, Integer> days = new LinkedHashMap<>();
        for (PolicyParameter parameter : policy.parameters().values()) {
            if (parameter.name().endsWith(SUFFIX)) {
                days.put(parameter.name().substring(0, parameter.name().length() - SUFFIX.length()) + ".csv",
                        parameter.value().intValue());
            }
        }
        return new MaxAges(Map.copyOf(days));
    }

    /** The maximum age in days of a row of {@code file}, or null when the file's rows never go stale. */
    public Integer of(String file) {
        return daysByFile.get(file);
    }

    public Map<String, Integer> asMap() {
        return daysByFile;
    }
}

package org.mineralsadvisor.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The outcome of re-evaluating a stored advice's input with its stored rule set and fact
 * base: identical (apart from {@code id} and {@code evaluatedAt}) or not, with the differences.
 * An advice given under a shock scenario is evaluated on the scenario applied again to its
 * stored baseline fact base.
 */
@JsonPropertyOrder({"identical", "adviceId", "ruleSet", "factBase", "scenario", "differences"})
public record ReplayResult(boolean identical, String adviceId, String ruleSet, String factBase,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Scenario scenario, List<Difference> differences) {

    public ReplayResult(boolean identical, String adviceId, String ruleSet, String factBase,
                        List<Difference> differences) {
        this(identical, adviceId, ruleSet, factBase, null, differences);
    }

    /**
     * For an advice given under a shock scenario: the scenario's name and the baseline fact base
     * it was applied to again (which gave {@code factBase}, the version the advice records).
     */
    @JsonPropertyOrder({"name", "sha256", "appliedTo"})
    public record Scenario(String name, String sha256, String appliedTo) {
    }

    /** One differing value, by JSON Pointer into the advice. */
    public record Difference(String pointer, Object stored, Object replayed) {
    }
}

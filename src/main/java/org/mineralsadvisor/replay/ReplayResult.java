package org.mineralsadvisor.replay;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The outcome of re-evaluating a stored advice's input with its stored rule set and fact
 * base: identical (apart from {@code id} and {@code evaluatedAt}) or not, with the differences.
 */
@JsonPropertyOrder({"identical", "adviceId", "ruleSet", "factBase", "differences"})
public record ReplayResult(boolean identical, String adviceId, String ruleSet, String factBase,
                           List<Difference> differences) {

    /** One differing value, by JSON Pointer into the advice. */
    public record Difference(String pointer, Object stored, Object replayed) {
    }
}

package org.mineralsadvisor.advice;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.mineralsadvisor.counterfactual.NearMiss;
import org.mineralsadvisor.trace.TraceStep;
import org.mineralsadvisor.warnings.Warning;

import java.util.List;
import java.util.Map;

/**
 * The advice document of the data contract. {@code evidence} lists, once, the fact-base rows
 * and profile values that the trace steps cite by id; {@code nearMisses} the risk factors that
 * nearly fired.
 */
@JsonPropertyOrder({"id", "country", "asOf", "evaluatedAt", "ruleSet", "factBase", "recommendations", "warnings",
        "nearMisses", "trace", "evidence"})
public record Advice(String id, String country, String asOf, String evaluatedAt, Version ruleSet, Version factBase,
                     List<Recommendation> recommendations, List<Warning> warnings, List<NearMiss> nearMisses,
                     List<TraceStep> trace,
                     Map<String, Object> evidence) {

    public record Version(String version) {
    }
}

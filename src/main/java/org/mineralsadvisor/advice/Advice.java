package org.mineralsadvisor.advice;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.mineralsadvisor.trace.TraceStep;

import java.util.List;

/** The advice document of the data contract. */
@JsonPropertyOrder({"id", "country", "asOf", "evaluatedAt", "ruleSet", "factBase", "recommendations", "trace"})
public record Advice(String id, String country, String asOf, String evaluatedAt, Version ruleSet, Version factBase,
                     List<Recommendation> recommendations, List<TraceStep> trace) {

    public record Version(String version) {
    }
}

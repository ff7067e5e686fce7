package org.mineralsadvisor.advice;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.mineralsadvisor.model.Details;
import org.mineralsadvisor.model.Priority;
import org.mineralsadvisor.model.RecommendationType;

import java.util.List;

/** One recommendation; {@code because} lists the trace steps it rests on, transitively, ascending. */
@JsonPropertyOrder({"id", "type", "subject", "priority", "policyId", "summary", "details", "because"})
public record Recommendation(String id, RecommendationType type, String subject, Priority priority, String policyId,
                             String summary, Details details, List<Integer> because) {
}

package org.mineralsadvisor.advice;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.mineralsadvisor.counterfactual.Change;
import org.mineralsadvisor.model.Details;
import org.mineralsadvisor.model.Priority;
import org.mineralsadvisor.model.RecommendationType;

import java.util.List;

/**
 * One recommendation; {@code whatWouldChange} lists the single changes that would end or move it
 * (possibly none), {@code because} the trace steps it rests on, transitively, ascending.
 */
@JsonPropertyOrder({"id", "type", "subject", "priority", "policyId", "summary", "details", "whatWouldChange", "because"})
public record Recommendation(String id, RecommendationType type, String subject, Priority priority, String policyId,
                             String summary, Details details, List<Change> whatWouldChange, List<Integer> because) {
}

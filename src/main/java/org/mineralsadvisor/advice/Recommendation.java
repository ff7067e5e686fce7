package org.mineralsadvisor.advice;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/** One recommendation; {@code because} lists the trace steps it rests on, transitively, ascending. */
@JsonPropertyOrder({"id", "type", "subject", "priority", "policyId", "summary", "details", "because"})
public record Recommendation(String id, String type, String subject, String priority, String policyId, String summary,
                             Map<String, Object> details, List<Integer> because) {
}

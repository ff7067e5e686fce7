package org.mineralsadvisor.counterfactual;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One "what would change this" item: the single change to the profile or the fact base that
 * flips or moves a recommendation, computed from the rule conditions and this evaluation's numbers.
 *
 * @param threshold the policy parameter the change crosses, or null where the change is not a number crossing one
 * @param target    the evidence id of what changes: {@code profile:<JSON pointer>} or {@code facts/<file>:<line>}
 * @param field     the CSV column, for a fact-base row only
 * @param from      the value now (null where the pointer names a list entry to add)
 * @param to        the value that makes the change
 */
@JsonPropertyOrder({"effect", "policyId", "threshold", "target", "field", "from", "to", "text"})
public record Change(Effect effect, String policyId, Double threshold, String target,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String field, Object from, Object to, String text) {
}

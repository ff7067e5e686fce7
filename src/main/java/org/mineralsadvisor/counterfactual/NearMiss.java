package org.mineralsadvisor.counterfactual;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.mineralsadvisor.model.Factor;

/**
 * A section-2 risk factor that did not fire for a mineral although its value is within 10 % of
 * the threshold (or, for GLOBAL_CHOKEPOINT, met the share but not the producer condition).
 *
 * @param condition the condition that failed, in words
 */
@JsonPropertyOrder({"mineral", "factor", "policyId", "value", "threshold", "condition"})
public record NearMiss(String mineral, Factor factor, String policyId, double value, double threshold,
                       String condition) {
}

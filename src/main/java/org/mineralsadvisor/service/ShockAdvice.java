package org.mineralsadvisor.service;

import org.mineralsadvisor.shock.ShockDifference;
import org.mineralsadvisor.shock.ShockedFacts;

/**
 * The answer to a profile under a shock scenario: the baseline advice (active fact base) and
 * the scenario's advice (its fact base), both recorded, and their difference.
 */
public record ShockAdvice(ShockedFacts shocked, GivenAdvice baseline, GivenAdvice scenario, ShockDifference difference) {
}

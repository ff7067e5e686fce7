package org.mineralsadvisor.model;

/** A risk factor of handbook section 2 that fired for a mineral. */
public record RiskFactor(String mineral, Factor factor) {
}

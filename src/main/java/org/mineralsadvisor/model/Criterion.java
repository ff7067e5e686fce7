package org.mineralsadvisor.model;

/**
 * A coalition criterion the policy pack knows: its id, its place in the coalition's list, and
 * the sentence that tells a country what would meet it.
 */
public record Criterion(String coalition, String id, int order, String gap) {
}

package org.mineralsadvisor.model;

/** One scoring contribution (COR-RESOURCE … COR-CLEARANCE) to a corridor's score. */
public record CorridorContribution(String corridor, String policyId, int points) {
}

package org.mineralsadvisor.model;

public record CriterionMet(String coalition, String criterion) {
}

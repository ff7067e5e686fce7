package org.mineralsadvisor.model;

/** STK-BUDGET: what the stockpile budget gives one stockpile recommendation. */
public record Funding(String mineral, Double fundedUsd, String funding) {
}

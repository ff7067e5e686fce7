package org.mineralsadvisor.model;

/** STK-BUDGET: what the stockpile budget gives one stockpile recommendation. */
public record Funding(String mineral, Double fundedUsd, FundingStatus funding) {

    /** With the status by name, as the DRL writes it. */
    public Funding(String mineral, Double fundedUsd, String funding) {
        this(mineral, fundedUsd, FundingStatus.valueOf(funding));
    }
}

package org.mineralsadvisor.model;

/** What the stockpile budget gives one stockpile recommendation (STK-BUDGET). */
public enum FundingStatus {
    FULL, PARTIAL, UNFUNDED,
    /** No price in the fact base: the recommendation takes nothing from the budget. */
    UNPRICED
}

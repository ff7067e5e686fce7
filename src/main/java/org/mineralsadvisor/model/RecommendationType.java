package org.mineralsadvisor.model;

/** What a recommendation is about, in the order of handbook section 7 (within one priority). */
public enum RecommendationType { STOCKPILE, DIVERSIFY, COALITION, CORRIDOR }

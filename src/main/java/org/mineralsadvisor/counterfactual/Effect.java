package org.mineralsadvisor.counterfactual;

/**
 * What a counterfactual change does to its recommendation (the {@code effect} of a
 * {@code whatWouldChange} item). The item's text says the new value in words and numbers.
 */
public enum Effect {
    /** The recommendation disappears from the advice. */
    ENDS,
    /** STOCKPILE: a lower {@code targetDays}, the recommendation staying. */
    LOWERS_TARGET,
    /** STOCKPILE: a higher {@code targetDays}. */
    RAISES_TARGET,
    /** The priority changes (the text says to what); status, target and tier stay. */
    PRIORITY,
    /** COALITION: the status changes (NOT_YET_ELIGIBLE → ELIGIBLE, ELIGIBLE → MEMBER); CORRIDOR: EXCLUDED → RANKED. */
    STATUS,
    /** CORRIDOR: a better tier (the text gives the new score, tier and rank). */
    TIER,
    /** CORRIDOR: a better rank in the same tier (the text gives the new score and rank). */
    RANK
}

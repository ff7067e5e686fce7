package org.mineralsadvisor.model;

/** The risk factors of handbook section 2, in the table's order (the order of a stockpile's {@code factors}). */
public enum Factor {
    IMPORT_RELIANT(false),
    CONCENTRATED_SOURCING(true),
    EXPORT_CONTROL_EXPOSED(true),
    GLOBAL_CHOKEPOINT(true),
    DEFENCE_CRITICAL(false);

    private final boolean aggravating;

    Factor(boolean aggravating) {
        this.aggravating = aggravating;
    }

    public boolean isAggravating() {
        return aggravating;
    }
}

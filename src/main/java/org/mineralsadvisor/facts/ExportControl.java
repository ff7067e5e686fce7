package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

import java.time.LocalDate;
import java.util.Set;

/**
 * A row of export_controls.csv. {@code appliesTo} is empty when the control applies to ALL
 * countries; {@code inForceUntil} is null when open-ended.
 */
public record ExportControl(String mineral, String imposedBy, String measure, LocalDate inForceFrom,
                            LocalDate inForceUntil, Set<String> appliesTo, SourceRef ref) implements Sourced {

    public boolean appliesToAll() {
        return appliesTo.isEmpty();
    }

    /** In force on {@code date} (both ends inclusive) and applying to {@code country}. */
    public boolean binds(String country, LocalDate date) {
        return !inForceFrom.isAfter(date)
                && (inForceUntil == null || !date.isAfter(inForceUntil))
                && (appliesToAll() || appliesTo.contains(country));
    }
}

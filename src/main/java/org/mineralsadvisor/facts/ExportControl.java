package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.OptionalColumn;
import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

import java.time.LocalDate;
import java.util.Set;

/**
 * A row of export_controls.csv. {@code appliesTo} is empty when the control applies to ALL
 * countries; {@code inForceUntil} is null when open-ended; {@code suspendedFrom} and
 * {@code suspendedUntil} are both null or both set (handbook section 8).
 */
public record ExportControl(String mineral, String imposedBy, String measure, LocalDate inForceFrom,
                            LocalDate inForceUntil, Set<String> appliesTo, @OptionalColumn LocalDate suspendedFrom,
                            @OptionalColumn LocalDate suspendedUntil, SourceRef ref) implements Sourced {

    public boolean appliesToAll() {
        return appliesTo.isEmpty();
    }

    /** Applies to {@code country}: ALL, or the country's own code is listed (never through a bloc). */
    public boolean appliesTo(String country) {
        return appliesToAll() || appliesTo.contains(country);
    }

    /** Suspended on {@code date}: suspendedFrom ≤ date ≤ suspendedUntil. */
    public boolean suspendedOn(LocalDate date) {
        return suspendedFrom != null && !date.isBefore(suspendedFrom) && !date.isAfter(suspendedUntil);
    }

    /** In force on {@code date}: within its validity (both ends inclusive) and not suspended. */
    public boolean inForceOn(LocalDate date) {
        return !inForceFrom.isAfter(date) && (inForceUntil == null || !date.isAfter(inForceUntil))
                && !suspendedOn(date);
    }

    /** In force on {@code date} and applying to {@code country}. */
    public boolean binds(String country, LocalDate date) {
        return inForceOn(date) && appliesTo(country);
    }
}

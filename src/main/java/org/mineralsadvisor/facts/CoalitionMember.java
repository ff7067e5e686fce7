package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.OptionalColumn;
import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

import java.time.LocalDate;

/** A row of coalition_members.csv; {@code left} is null while the country is still a member. */
public record CoalitionMember(String coalition, String country, LocalDate joined, @OptionalColumn LocalDate left,
                              SourceRef ref) implements Sourced {

    /** The row makes its country a member on {@code date}: joined ≤ date < left. */
    public boolean memberOn(LocalDate date) {
        return !joined.isAfter(date) && (left == null || date.isBefore(left));
    }
}

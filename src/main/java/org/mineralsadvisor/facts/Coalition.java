package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.OptionalColumn;
import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

import java.time.LocalDate;

/**
 * A row of coalitions.csv. {@code founded} is kept as written (a date or a year, as the evidence
 * shows it); {@code ended} and {@code succeededBy} are null where the row gives none (handbook section 8).
 */
public record Coalition(String id, String name, String focus, @OptionalColumn String founded,
                        @OptionalColumn LocalDate ended, @OptionalColumn String succeededBy,
                        SourceRef ref) implements Sourced {

    /** The first day the coalition exists: {@code founded}, a year-only value counting as 1 January; null when not given. */
    public LocalDate foundedOn() {
        if (founded == null) {
            return null;
        }
        return founded.length() == 4 ? LocalDate.of(Integer.parseInt(founded), 1, 1) : LocalDate.parse(founded);
    }

    /** The coalition exists on {@code date}: founded ≤ date < ended, each where given. */
    public boolean existsOn(LocalDate date) {
        LocalDate start = foundedOn();
        return (start == null || !date.isBefore(start)) && (ended == null || date.isBefore(ended));
    }
}

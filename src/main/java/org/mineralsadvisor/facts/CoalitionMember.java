package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

import java.time.LocalDate;

public record CoalitionMember(String coalition, String country, LocalDate joined, SourceRef ref) implements Sourced {
}

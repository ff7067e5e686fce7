package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.OptionalColumn;
import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

import java.util.Set;

/** A row of countries.csv; {@code partOf} lists the blocs (rows of the same file) the country belongs to. */
public record Country(String iso3, String name, @OptionalColumn Set<String> partOf, SourceRef ref) implements Sourced {
}

package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

public record Country(String iso3, String name, SourceRef ref) implements Sourced {
}

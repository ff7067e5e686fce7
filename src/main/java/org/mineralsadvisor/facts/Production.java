package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

/** A row of production.csv: a country's share of world output of one mineral at one stage. */
public record Production(String mineral, Stage stage, String country, double share, SourceRef ref) implements Sourced {
}

package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

/** A row of minerals.csv; {@code priceUsdPerTonne} is null where the fact base has no price. */
public record Mineral(String id, String name, String group, boolean defenceCritical,
                      boolean semiconductorInput, Double priceUsdPerTonne, SourceRef ref) implements Sourced {
}

package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

/** A row of corridors.csv. */
public record CorridorRow(String id, String country, String name, String region, double resourceTonnesReo,
                          double separationCapacityTpa, double portDistanceKm, boolean powerAvailable,
                          boolean magnetPlantLinked, Clearance clearance, SourceRef ref) implements Sourced {
}

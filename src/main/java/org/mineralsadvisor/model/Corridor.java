package org.mineralsadvisor.model;

import org.mineralsadvisor.facts.Clearance;
import org.mineralsadvisor.provenance.Evidenced;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A candidate corridor: a corridors.csv row of the profile's country or a profile corridor
 * (which replaces the row with its id). {@code basis} maps each field to its evidence.
 */
public record Corridor(String id, String country, String name, String region, double resourceTonnesReo,
                       double separationCapacityTpa, double portDistanceKm, boolean powerAvailable,
                       boolean magnetPlantLinked, Clearance clearance, Map<String, List<Object>> basis) implements Evidenced {

    @Override
    public List<Object> evidenceFor(Collection<String> fields) {
        List<Object> evidence = new java.util.ArrayList<>();
        // In the basis's own order, whatever the order of the fields asked for: the trace must
        // come out the same in every run. Duplicates are left to the trace (see MineralIndicators).
        basis.forEach((field, items) -> {
            if (fields.contains(field)) {
                evidence.addAll(items);
            }
        });
        return evidence;
    }
}

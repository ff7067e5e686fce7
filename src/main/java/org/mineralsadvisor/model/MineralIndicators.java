package org.mineralsadvisor.model;

import org.mineralsadvisor.provenance.Evidenced;

import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-mineral indicators of handbook section 1 for one entry of the profile's minerals.
 * {@code topSource} and {@code topSourceShare} are null where the mineral has no imports;
 * {@code globalTopProducer} is null where the fact base has no production rows for it.
 * {@code basis} maps each indicator to the profile values and fact rows it was computed from.
 */
public record MineralIndicators(String mineral, double demandTonnes, double productionTonnes, double stockTonnes,
                                double importReliance, double importTonnes, String topSource, Double topSourceShare,
                                double importHhi, double stockDays, double exportControlShare,
                                String globalTopProducer, double globalTopShare, boolean defenceCritical,
                                Map<String, List<Object>> basis) implements Evidenced {

    @Override
    public List<Object> evidenceFor(Collection<String> fields) {
        // In the basis's own order, whatever the order of the fields asked for: the trace must
        // come out the same in every run. Duplicates are left to the trace, which drops them by
        // identity and id: hashing profile values here cost more than the rest of the lookup.
        List<Object> evidence = new ArrayList<>();
        basis.forEach((field, items) -> {
            if (fields.contains(field)) {
                evidence.addAll(items);
            }
        });
        return evidence;
    }
}

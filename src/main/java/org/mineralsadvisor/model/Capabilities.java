package org.mineralsadvisor.model;

import org.mineralsadvisor.provenance.Evidenced;
import org.mineralsadvisor.provenance.ProfileValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The profile's capabilities with the contract's defaults applied; {@code given} names the
 * fields the profile actually sent, so the trace can tell a stated value from a default.
 */
public record Capabilities(boolean semiconductorFabrication, boolean semiconductorAssemblyTest, boolean chipDesign,
                           String exportControlRegime, boolean investmentScreening, boolean esgStandards,
                           Set<String> given) implements Evidenced {

    @Override
    public List<Object> evidenceFor(Collection<String> fields) {
        List<Object> evidence = new ArrayList<>();
        for (String field : List.of("semiconductorFabrication", "semiconductorAssemblyTest", "chipDesign",
                "exportControlRegime", "investmentScreening", "esgStandards")) {
            if (fields.contains(field)) {
                evidence.add(ProfileValue.of("/capabilities/" + field,
                        FactProperties.read(this, field), !given.contains(field)));
            }
        }
        return evidence;
    }
}

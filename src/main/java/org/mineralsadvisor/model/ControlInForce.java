package org.mineralsadvisor.model;

import org.mineralsadvisor.facts.ExportControl;
import org.mineralsadvisor.provenance.Evidenced;

import java.util.Collection;
import java.util.List;

/** An export control on {@code mineral} by {@code imposedBy}, in force on asOf and applying to the profile's country. */
public record ControlInForce(String mineral, String imposedBy, ExportControl row) implements Evidenced {

    @Override
    public List<Object> evidenceFor(Collection<String> fields) {
        return List.of(row);
    }
}

package org.mineralsadvisor.model;

import org.mineralsadvisor.facts.Production;
import org.mineralsadvisor.provenance.Evidenced;

import java.util.Collection;
import java.util.List;

/** A country's world share of a mineral: the larger of its mining and refining shares ({@code row}). */
public record WorldShare(String mineral, String country, double share, Production row) implements Evidenced {

    @Override
    public List<Object> evidenceFor(Collection<String> fields) {
        return List.of(row);
    }
}

package org.mineralsadvisor.model;

import org.mineralsadvisor.provenance.Evidenced;

import java.util.Collection;
import java.util.List;

/**
 * A country aligned with the profile's country on {@code asOf}: both are members of each
 * coalition in {@code coalitions}; {@code basis} holds the membership evidence of both sides.
 */
public record Aligned(String country, List<String> coalitions, List<Object> basis) implements Evidenced {

    @Override
    public List<Object> evidenceFor(Collection<String> fields) {
        return basis;
    }
}

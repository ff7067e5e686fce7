package org.mineralsadvisor.model;

import org.mineralsadvisor.provenance.Evidenced;

import java.util.Collection;
import java.util.List;

/**
 * A country that is a member of a coalition on the profile's {@code asOf}; {@code basis} is the
 * coalition_members row and/or the profile's {@code memberships} entry that make it one.
 */
public record Member(String coalition, String country, List<Object> basis) implements Evidenced {

    @Override
    public List<Object> evidenceFor(Collection<String> fields) {
        return basis;
    }
}

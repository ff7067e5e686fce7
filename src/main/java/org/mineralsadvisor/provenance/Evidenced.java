package org.mineralsadvisor.provenance;

import java.util.Collection;
import java.util.List;

/**
 * A fact computed before the rules run (an indicator, a membership): it names the profile
 * values ({@link ProfileValue}) and fact-base rows ({@link Sourced}) behind each of its fields,
 * so that a trace can cite them.
 */
public interface Evidenced {

    /** The evidence behind the given fields, without duplicates, in a stable order. */
    List<Object> evidenceFor(Collection<String> fields);
}

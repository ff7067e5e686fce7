package org.mineralsadvisor.provenance;

import java.util.Collection;
import java.util.List;

/**
 * A fact computed before the rules run (an indicator, a membership): it names the profile
 * values ({@link ProfileValue}) and fact-base rows ({@link Sourced}) behind each of its fields,
 * so that a trace can cite them.
 */
public interface Evidenced {

    /** The evidence behind the given fields, in a stable order (the trace drops duplicates). */
    List<Object> evidenceFor(Collection<String> fields);
}

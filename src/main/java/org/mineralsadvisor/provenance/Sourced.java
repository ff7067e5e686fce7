package org.mineralsadvisor.provenance;

/** A fact that is one row of the fact base. */
public interface Sourced {
    SourceRef ref();
}

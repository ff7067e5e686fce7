package org.mineralsadvisor.facts;

import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

public record Coalition(String id, String name, String focus, SourceRef ref) implements Sourced {
}

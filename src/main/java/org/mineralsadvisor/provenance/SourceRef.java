package org.mineralsadvisor.provenance;

/** Where a fact-base row comes from: its file and line, and the citation and date the row carries. */
public record SourceRef(String file, int line, String source, String asOf) {
}

package org.mineralsadvisor.audit;

/** The result of recomputing the chain: valid, how many records, and the first broken one (its id) if any. */
public record ChainStatus(boolean valid, long records, String firstBroken, Long firstBrokenSeq, String reason) {
}

package org.mineralsadvisor.audit;

import java.time.Instant;
import java.util.List;

/**
 * One activation of a rule set: its own kind of record in the audit chain, sharing the seq
 * numbers and the hash chain with the advice records (hash: {@link ChainHash#ofActivation}).
 *
 * @param previousVersion the version active before, null for the first activation
 * @param proposer        the key id that proposed the version
 * @param approvers       key ids, in approval order
 * @param summaryJson     the gate's test summary and the impact summary: JSON text, opaque to the store
 */
public record Activation(long seq, String id, Instant activatedAt, String version, String previousVersion,
                         String proposer, List<String> approvers, String reason, String summaryJson,
                         String prevHash, String hash) {

    public Activation {
        approvers = List.copyOf(approvers);
    }

    /** Recomputes the hash from the stored content: equal to {@link #hash()} unless the row was altered. */
    public String recomputedHash() {
        return ChainHash.ofActivation(prevHash, seq, id, activatedAt, version, previousVersion, proposer, approvers,
                reason, summaryJson);
    }
}

package org.mineralsadvisor.audit;

/**
 * A record as stored: its place in the chain ({@code seq}, {@code prevHash}, {@code hash}) and content.
 * {@code scenario} (null for most) is the shock scenario that made the record's fact base: not
 * under the hash, but replay applies it again to the baseline's fact base and must arrive at
 * {@code factBaseVersion}, which is.
 */
public record StoredRecord(long seq, String id, String createdAt, String country, String asOf, String role,
                           String keyId, String ruleSetVersion, String factBaseVersion, String input, String advice,
                           String prevHash, String hash, String scenario) {

    /** A record of an advice given on the fact base as it is (no shock scenario). */
    public StoredRecord(long seq, String id, String createdAt, String country, String asOf, String role,
                        String keyId, String ruleSetVersion, String factBaseVersion, String input, String advice,
                        String prevHash, String hash) {
        this(seq, id, createdAt, country, asOf, role, keyId, ruleSetVersion, factBaseVersion, input, advice, prevHash,
                hash, null);
    }

    /** Recomputes the hash from the stored content: equal to {@link #hash()} unless the row was altered. */
    public String recomputedHash() {
        return ChainHash.of(prevHash, seq, id, createdAt, country, asOf, role, keyId, ruleSetVersion,
                factBaseVersion, input, advice);
    }
}

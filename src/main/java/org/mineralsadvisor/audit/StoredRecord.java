package org.mineralsadvisor.audit;

/** A record as stored: its place in the chain ({@code seq}, {@code prevHash}, {@code hash}) and content. */
public record StoredRecord(long seq, String id, String createdAt, String country, String asOf, String role,
                           String keyId, String ruleSetVersion, String factBaseVersion, String input, String advice,
                           String prevHash, String hash) {

    /** Recomputes the hash from the stored content: equal to {@link #hash()} unless the row was altered. */
    public String recomputedHash() {
        return ChainHash.of(prevHash, seq, id, createdAt, country, asOf, role, keyId, ruleSetVersion,
                factBaseVersion, input, advice);
    }
}

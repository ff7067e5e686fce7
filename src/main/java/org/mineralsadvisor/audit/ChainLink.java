package org.mineralsadvisor.audit;

/**
 * A record's place in the chain without its bodies: enough to recompute its hash from the
 * previous hash ({@link ChainHash#ofDigests}). A chain proof is a run of these.
 */
public record ChainLink(long seq, String id, String createdAt, String country, String asOf, String role,
                        String keyId, String ruleSetVersion, String factBaseVersion, String inputSha256,
                        String adviceSha256, String prevHash, String hash) {

    public String recomputedHash() {
        return ChainHash.ofDigests(prevHash, seq, id, createdAt, country, asOf, role, keyId, ruleSetVersion,
                factBaseVersion, inputSha256, adviceSha256);
    }

    public static ChainLink of(StoredRecord r) {
        return new ChainLink(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                r.ruleSetVersion(), r.factBaseVersion(), ChainHash.sha256(r.input()), ChainHash.sha256(r.advice()),
                r.prevHash(), r.hash());
    }
}

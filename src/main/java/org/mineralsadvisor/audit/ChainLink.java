package org.mineralsadvisor.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A record's place in the chain without its bodies: enough to recompute its hash from the
 * previous hash. A chain proof is a run of these. {@code kind} says which formula applies
 * ({@link ChainHash}): an {@code advice} link carries the advice fields with the input's and
 * advice's digests, an {@code activation} link the activation fields with the reason's and
 * summary's digests, a {@code key} link a signing key's introduction (its key id, public key,
 * previous key and both signatures, whole: they are short); the other kinds' fields are null (and
 * absent in JSON). A link read without a kind (bundle format 2) is an advice link.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "seq", "id", "createdAt", "country", "asOf", "role", "keyId", "ruleSetVersion",
        "factBaseVersion", "inputSha256", "adviceSha256", "activatedAt", "version", "previousVersion", "proposer",
        "approvers", "reasonSha256", "summarySha256", "introducedAt", "signingKeyId", "publicKey",
        "previousSigningKeyId", "endorsement", "proof", "prevHash", "hash"})
public record ChainLink(String kind, long seq, String id, String createdAt, String country, String asOf, String role,
                        String keyId, String ruleSetVersion, String factBaseVersion, String inputSha256,
                        String adviceSha256, String activatedAt, String version, String previousVersion,
                        String proposer, List<String> approvers, String reasonSha256, String summarySha256,
                        String introducedAt, String signingKeyId, String publicKey, String previousSigningKeyId,
                        String endorsement, String proof, String prevHash, String hash) {
    public static final String ADVICE = "advice";
    public static final String ACTIVATION = ChainHash.ACTIVATION;
    public static final String KEY = ChainHash.KEY;

    public ChainLink {
        kind = kind == null ? ADVICE : kind;
    }

    /** An advice link. */
    public ChainLink(long seq, String id, String createdAt, String country, String asOf, String role, String keyId,
                     String ruleSetVersion, String factBaseVersion, String inputSha256, String adviceSha256,
                     String prevHash, String hash) {
        this(ADVICE, seq, id, createdAt, country, asOf, role, keyId, ruleSetVersion, factBaseVersion, inputSha256,
                adviceSha256, null, null, null, null, null, null, null, null, null, null, null, null, null, prevHash,
                hash);
    }

    /** An activation link (its own constructor: the canonical one has every kind's fields). */
    static ChainLink activation(long seq, String id, String activatedAt, String version, String previousVersion,
                                String proposer, List<String> approvers, String reasonSha256, String summarySha256,
                                String prevHash, String hash) {
        return new ChainLink(ACTIVATION, seq, id, null, null, null, null, null, null, null, null, null, activatedAt,
                version, previousVersion, proposer, approvers, reasonSha256, summarySha256, null, null, null, null,
                null, null, prevHash, hash);
    }

    /** The hash by this link's kind's formula; a kind this version does not know never matches. */
    public String recomputedHash() {
        return switch (kind) {
            case ADVICE -> ChainHash.ofDigests(prevHash, seq, id, createdAt, country, asOf, role, keyId,
                    ruleSetVersion, factBaseVersion, inputSha256, adviceSha256);
            case ACTIVATION -> ChainHash.ofActivationDigests(prevHash, seq, id, activatedAt, version, previousVersion,
                    proposer, approvers == null ? List.of() : approvers, reasonSha256, summarySha256);
            case KEY -> ChainHash.ofKey(prevHash, seq, id, introducedAt, signingKeyId, publicKey, previousSigningKeyId,
                    endorsement, proof);
            default -> "unknown record kind '" + kind + "'";
        };
    }

    /** The same link claiming another previous hash (to tell a changed link from a misplaced one). */
    public ChainLink withPrevHash(String otherPrevHash) {
        return new ChainLink(kind, seq, id, createdAt, country, asOf, role, keyId, ruleSetVersion, factBaseVersion,
                inputSha256, adviceSha256, activatedAt, version, previousVersion, proposer, approvers, reasonSha256,
                summarySha256, introducedAt, signingKeyId, publicKey, previousSigningKeyId, endorsement, proof,
                otherPrevHash, hash);
    }

    public static ChainLink of(StoredRecord r) {
        return new ChainLink(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                r.ruleSetVersion(), r.factBaseVersion(), ChainHash.sha256(r.input()), ChainHash.sha256(r.advice()),
                r.prevHash(), r.hash());
    }

    public static ChainLink of(Activation a) {
        return activation(a.seq(), a.id(), org.mineralsadvisor.provenance.Timestamps.format(a.activatedAt()),
                a.version(), a.previousVersion(), a.proposer(), a.approvers(), ChainHash.sha256(a.reason()),
                ChainHash.sha256(a.summaryJson()), a.prevHash(), a.hash());
    }

    public static ChainLink of(KeyRecord k) {
        return new ChainLink(KEY, k.seq(), k.id(), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, k.introducedAt(), k.keyId(), k.publicKey(), k.previousKeyId(),
                k.endorsement(), k.proof(), k.prevHash(), k.hash());
    }

    /** The key record this link stands for (a key link's fields are the record's, whole). */
    public KeyRecord asKeyRecord() {
        return new KeyRecord(seq, id, introducedAt, signingKeyId, publicKey, previousSigningKeyId, endorsement, proof,
                prevHash, hash);
    }
}

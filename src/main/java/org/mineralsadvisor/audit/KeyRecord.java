package org.mineralsadvisor.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A signing key's introduction: the third kind of record in the audit chain (hash:
 * {@link ChainHash#ofKey}), so the key history is part of the log that checkpoints sign.
 *
 * @param introducedAt  fixed-width UTC with milliseconds
 * @param keyId         hex SHA-256 of the public key's X.509 (SubjectPublicKeyInfo) encoding
 * @param publicKey     that encoding in base64
 * @param previousKeyId the key it succeeds; null for the log's first key
 * @param endorsement   the previous key's signature (base64) over the key statement; null for the first key
 * @param proof         the key's own signature (base64) over the same statement: it holds the private key
 */
@JsonPropertyOrder({"seq", "id", "introducedAt", "keyId", "publicKey", "previousKeyId", "endorsement", "proof",
        "prevHash", "hash"})
public record KeyRecord(long seq, String id, String introducedAt, String keyId, String publicKey,
                        String previousKeyId, String endorsement, String proof, String prevHash, String hash) {

    /** Recomputes the hash from the stored content: equal to {@link #hash()} unless the row was altered. */
    public String recomputedHash() {
        return ChainHash.ofKey(prevHash, seq, id, introducedAt, keyId, publicKey, previousKeyId, endorsement, proof);
    }
}

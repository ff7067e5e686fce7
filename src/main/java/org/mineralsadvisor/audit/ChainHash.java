package org.mineralsadvisor.audit;

import org.mineralsadvisor.provenance.ContentHash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The audit chain's hash: SHA-256 (hex) of the previous record's hash and the record's
 * fields, each field on its own line, input and advice by their own SHA-256:
 * <pre>
 * prev_hash \n seq \n id \n created_at \n country \n as_of \n role \n key_id \n
 * rule_set_version \n fact_base_version \n sha256(input) \n sha256(advice)
 * </pre>
 * An activation of a rule set (its own kind of record, in the same chain and seq numbers) has
 * its own formula, whose third line is the word {@code activation} where an advice has its id
 * ({@code adv_…}), so an activation's hash can never be taken for an advice's:
 * <pre>
 * prev_hash \n seq \n "activation" \n id \n activated_at \n version \n previous_version \n
 * proposer \n approvers \n sha256(reason) \n sha256(summary_json)
 * </pre>
 * where {@code activated_at} is fixed-width UTC with milliseconds, {@code previous_version} is
 * empty for the first activation and {@code approvers} are the key ids in approval order joined
 * by commas. A signing key's introduction (the third kind, {@link KeyRecord}) has the word
 * {@code key} there:
 * <pre>
 * prev_hash \n seq \n "key" \n id \n introduced_at \n key_id \n public_key \n previous_key_id \n
 * endorsement \n proof
 * </pre>
 * with an empty line for the first key's previous key and endorsement. The first record's
 * previous hash is 64 zeros. Anyone can recompute it offline.
 */
public final class ChainHash {
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(String prevHash, long seq, String id, String createdAt, String country, String asOf,
                            String role, String keyId, String ruleSetVersion, String factBaseVersion, String input,
                            String advice) {
        return ofDigests(prevHash, seq, id, createdAt, country, asOf, role, keyId, ruleSetVersion, factBaseVersion,
                sha256(input), sha256(advice));
    }

    /** The same hash from the input's and advice's own SHA-256 (what a chain proof carries). */
    public static String ofDigests(String prevHash, long seq, String id, String createdAt, String country,
                                   String asOf, String role, String keyId, String ruleSetVersion,
                                   String factBaseVersion, String inputSha256, String adviceSha256) {
        String text = String.join("\n", prevHash, Long.toString(seq), id, createdAt, country, asOf, role, keyId,
                ruleSetVersion, factBaseVersion, inputSha256, adviceSha256);
        return sha256(text);
    }

    /** The word on an activation's third line, where an advice has its id. */
    public static final String ACTIVATION = "activation";

    public static String ofActivation(String prevHash, long seq, String id, java.time.Instant activatedAt,
                                      String version, String previousVersion, String proposer,
                                      java.util.List<String> approvers, String reason, String summaryJson) {
        return ofActivationDigests(prevHash, seq, id, org.mineralsadvisor.provenance.Timestamps.format(activatedAt),
                version, previousVersion, proposer, approvers, sha256(reason), sha256(summaryJson));
    }

    /** The same hash from the reason's and summary's own SHA-256 (what a chain proof carries). */
    public static String ofActivationDigests(String prevHash, long seq, String id, String activatedAt, String version,
                                             String previousVersion, String proposer, java.util.List<String> approvers,
                                             String reasonSha256, String summarySha256) {
        String text = String.join("\n", prevHash, Long.toString(seq), ACTIVATION, id, activatedAt, version,
                previousVersion == null ? "" : previousVersion, proposer, String.join(",", approvers), reasonSha256,
                summarySha256);
        return sha256(text);
    }

    /** The word on a key record's third line, where an advice has its id. */
    public static final String KEY = "key";

    public static String ofKey(String prevHash, long seq, String id, String introducedAt, String keyId,
                               String publicKey, String previousKeyId, String endorsement, String proof) {
        String text = String.join("\n", prevHash, Long.toString(seq), KEY, id, introducedAt, keyId, publicKey,
                previousKeyId == null ? "" : previousKeyId, endorsement == null ? "" : endorsement, proof);
        return sha256(text);
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ContentHash.sha256().digest(bytes));
    }

    public static String sha256(String text) {
        MessageDigest digest = ContentHash.sha256();
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

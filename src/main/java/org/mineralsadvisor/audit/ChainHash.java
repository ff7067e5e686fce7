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
 * The first record's previous hash is 64 zeros. Anyone can recompute it offline.
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

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ContentHash.sha256().digest(bytes));
    }

    public static String sha256(String text) {
        MessageDigest digest = ContentHash.sha256();
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

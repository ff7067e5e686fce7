package org.mineralsadvisor.replay;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.mineralsadvisor.audit.ChainLink;

import java.util.List;
import java.util.Map;

/**
 * Everything an auditor needs to check one advice offline: the record's chain fields, the
 * input and advice exactly as stored, the rule set's and fact base's files, and the chain
 * from the record to the head at export time.
 */
@JsonPropertyOrder({"format", "exportedAt", "record", "input", "advice", "ruleSet", "factBase", "chain"})
public record AuditBundle(String format, String exportedAt, Record record, String input, String advice,
                          Contents ruleSet, Contents factBase, Chain chain) {
    public static final String FORMAT = "minerals-advisor/audit-bundle@1";

    @JsonPropertyOrder({"seq", "id", "createdAt", "country", "asOf", "role", "keyId", "ruleSetVersion",
            "factBaseVersion", "prevHash", "hash"})
    public record Record(long seq, String id, String createdAt, String country, String asOf, String role, String keyId,
                         String ruleSetVersion, String factBaseVersion, String prevHash, String hash) {
    }

    public record Contents(String version, Map<String, String> files) {
    }

    /**
     * @param hashRule  how each hash is computed, in words, for an auditor without this software
     * @param links     the records after this one, up to the head (or the first 1,000)
     */
    @JsonPropertyOrder({"hashRule", "links", "truncated", "headSeq", "headHash"})
    public record Chain(String hashRule, List<ChainLink> links, boolean truncated, long headSeq, String headHash) {
    }

    public static final String HASH_RULE = "hash = hex(SHA-256(prevHash \\n seq \\n id \\n createdAt \\n country \\n asOf \\n "
            + "role \\n keyId \\n ruleSetVersion \\n factBaseVersion \\n hex(SHA-256(input)) \\n hex(SHA-256(advice)))), "
            + "UTF-8, fields joined by a line feed; the first record's prevHash is 64 zeros. A version is "
            + "'sha256:' + hex(SHA-256 of its files' contents concatenated in file-name order).";
}

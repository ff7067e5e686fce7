package org.mineralsadvisor.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.audit.KeyRecord;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Everything an auditor needs to check one advice offline: the record's chain fields, the
 * input and advice as JSON values, the rule set's and fact base's files, and the chain from
 * the record to the head at export time.
 *
 * <p>The hashes cover exact bytes. The advice is compact Jackson output, which the compact
 * serialisation of {@code advice} reproduces byte for byte; the input is the profile as
 * received, which it reproduces only when the client sent compact JSON. So {@code inputText}
 * (and {@code adviceText}) carry the exact text, and only where the value would not give it back.
 *
 * <p>Format 4 adds the signed checkpoint that covers the record (the chain links reach its seq),
 * the log's key history that names the key which signed it, and the rule by which both are signed.
 */
@JsonPropertyOrder({"format", "kind", "exportedAt", "logId", "record", "input", "inputText", "advice", "adviceText",
        "ruleSet", "factBase", "chain", "checkpoint", "keys", "signatureRule"})
public record AuditBundle(String format, String kind, String exportedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String logId, Record record, JsonNode input,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String inputText, JsonNode advice,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String adviceText,
                          Contents ruleSet, Contents factBase, Chain chain, Checkpoint checkpoint,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<KeyRecord> keys,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String signatureRule) implements Bundle {
    /** What this version writes (advice and activation bundles alike); formats 3 and 2 are still read. */
    public static final String FORMAT = Bundle.FORMAT;
    public static final String KIND = ChainLink.ADVICE;

    /** A format 2 bundle has no kind: it is an advice bundle. */
    public AuditBundle {
        kind = kind == null ? KIND : kind;
    }

    @Override
    public String recordId() {
        return record.id();
    }

    @Override
    public long recordSeq() {
        return record.seq();
    }

    @JsonPropertyOrder({"seq", "id", "createdAt", "country", "asOf", "role", "keyId", "ruleSetVersion",
            "factBaseVersion", "inputSha256", "adviceSha256", "prevHash", "hash"})
    public record Record(long seq, String id, String createdAt, String country, String asOf, String role, String keyId,
                         String ruleSetVersion, String factBaseVersion, String inputSha256, String adviceSha256,
                         String prevHash, String hash) {
    }

    /** @param fileSha256 each file's own SHA-256 (hex): says which file changed when the version does not match */
    @JsonPropertyOrder({"version", "files", "fileSha256"})
    public record Contents(String version, Map<String, String> files, Map<String, String> fileSha256) {
    }

    /**
     * @param hashRule  how each hash is computed, in words, for an auditor without this software
     * @param links     the records after this one, up to the head (or the first 1,000)
     */
    @JsonPropertyOrder({"hashRule", "links", "truncated", "headSeq", "headHash"})
    public record Chain(String hashRule, List<ChainLink> links, boolean truncated, long headSeq, String headHash) {
    }

    public static final String HASH_RULE = "hash = hex(SHA-256(prevHash \\n seq \\n id \\n createdAt \\n country \\n asOf \\n "
            + "role \\n keyId \\n ruleSetVersion \\n factBaseVersion \\n inputSha256 \\n adviceSha256)), UTF-8, fields "
            + "joined by a line feed; the first record's prevHash is 64 zeros. inputSha256 = hex(SHA-256(the UTF-8 bytes "
            + "of inputText, or where it is absent of input written as compact JSON)); adviceSha256 likewise from "
            + "adviceText or advice. A link of kind activation (a rule-set activation) has its own rule: hash = "
            + "hex(SHA-256(prevHash \\n seq \\n 'activation' \\n id \\n activatedAt \\n version \\n previousVersion "
            + "(empty for the first) \\n proposer \\n approvers joined by commas \\n reasonSha256 \\n summarySha256)). "
            + "A link of kind key (a signing key's introduction) too: hash = hex(SHA-256(prevHash \\n seq \\n 'key' \\n "
            + "id \\n introducedAt \\n signingKeyId \\n publicKey \\n previousSigningKeyId (empty for the first key) \\n "
            + "endorsement (empty for the first key) \\n proof)). "
            + "A version is 'sha256:' + hex(SHA-256 of its files' contents concatenated in file-name order).";

    /** How the checkpoint and the key records are signed, in words, for an auditor without this software. */
    public static final String SIGNATURE_RULE = "Ed25519 signatures (base64) over UTF-8 text, one field per line, each "
            + "line ending in a line feed. A checkpoint's signature, by the key whose keyId it names: "
            + "'minerals-advisor/checkpoint@1' \\n 'log ' logId \\n 'seq ' seq \\n 'head ' headHash \\n 'time ' time \\n "
            + "'key ' keyId \\n. A key record's proof (by its own key) and endorsement (by the key before it; none for "
            + "the first): 'minerals-advisor/signing-key@1' \\n 'log ' logId \\n 'key ' keyId \\n 'public-key ' "
            + "publicKey \\n 'previous ' previousKeyId (empty for the first) \\n 'time ' introducedAt \\n. A keyId is "
            + "hex(SHA-256 of the public key's X.509 encoding), which publicKey carries in base64. The checkpoint covers "
            + "the record when its seq is at least the record's and its headHash is the hash the chain links reach at "
            + "that seq (the record's own hash when the seqs are equal).";

    /** The exact text an {@code xText} field stands for: itself, or the compact JSON of its value. */
    static String exactText(JsonNode value, String text) {
        if (text != null) {
            return text;
        }
        return value == null ? "" : AdviceJson.compact(value);
    }

    /** Reads an advice bundle (format 4, 3 or 2), refusing other formats and kinds by name before their fields are misread. */
    public static AuditBundle read(byte[] json) throws IOException {
        Bundle bundle = Bundle.read(json);
        if (bundle instanceof AuditBundle advice) {
            return advice;
        }
        throw new UnsupportedBundleException("a bundle of kind " + bundle.kind() + ", not of an advice");
    }

    static AuditBundle fromTree(JsonNode tree) throws IOException {
        AuditBundle bundle = AdviceJson.mapper().treeToValue(tree, AuditBundle.class);
        Bundle.requireParts(tree, List.of("record", "ruleSet", "factBase", "chain"));
        return bundle;
    }

    /** A bundle of a format this version does not read. */
    public static final class UnsupportedBundleException extends IOException {
        public UnsupportedBundleException(String message) {
            super(message);
        }
    }
}

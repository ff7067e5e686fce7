package org.mineralsadvisor.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.audit.KeyRecord;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * An exported audit bundle of either kind of chain record: an advice ({@link AuditBundle}) or a
 * rule-set activation ({@link ActivationBundle}). Format 3 says which by {@code kind}; format 2
 * bundles are advice bundles. Format 4 adds what lets an outsider trust the chain proof: a
 * checkpoint signed by the log's key that covers the record, and the log's key history.
 */
public sealed interface Bundle permits AuditBundle, ActivationBundle {
    String FORMAT = "minerals-advisor/audit-bundle@4";
    /** Still read: no checkpoint and no keys. */
    String FORMAT_3 = "minerals-advisor/audit-bundle@3";
    /** Still read: an advice bundle without {@code kind}, whose links are all advice links. */
    String FORMAT_2 = "minerals-advisor/audit-bundle@2";
    Set<String> READABLE = Set.of(FORMAT, FORMAT_3, FORMAT_2);

    String format();

    /** {@code advice} or {@code activation}. */
    String kind();

    /** The id of the record the bundle is about. */
    String recordId();

    /** The seq of the record the bundle is about. */
    long recordSeq();

    AuditBundle.Chain chain();

    /** The log the record belongs to (format 4; null before). */
    String logId();

    /** A signed checkpoint that covers the record (format 4: null when the log had none; null before). */
    Checkpoint checkpoint();

    /** The log's signing keys, oldest first (format 4; null before). */
    List<KeyRecord> keys();

    /** Whether the bundle's format carries a checkpoint and the key history (format 4 and later). */
    default boolean signed() {
        return FORMAT.equals(format());
    }

    /** Reads a bundle of either kind, refusing other formats and kinds by name before their fields are misread. */
    static Bundle read(byte[] json) throws IOException {
        JsonNode tree = tree(json);
        String kind = tree.path("kind").asText(AuditBundle.KIND);
        if (ActivationBundle.KIND.equals(kind)) {
            if (FORMAT_2.equals(tree.path("format").asText(""))) {
                throw new AuditBundle.UnsupportedBundleException("an activation bundle must be of format " + FORMAT
                        + " or " + FORMAT_3 + ", this one says " + FORMAT_2);
            }
            requireParts(tree, List.of("record", "chain"));
            return AdviceJson.mapper().treeToValue(tree, ActivationBundle.class);
        }
        if (!AuditBundle.KIND.equals(kind)) {
            throw new AuditBundle.UnsupportedBundleException("bundle kind '" + kind
                    + "' not supported: this version reads advice and activation bundles");
        }
        return AuditBundle.fromTree(tree);
    }

    static JsonNode tree(byte[] json) throws IOException {
        JsonNode tree = AdviceJson.mapper().readTree(json);
        if (tree == null || !tree.isObject()) {
            throw new JsonProcessingException("not a JSON object") {
            };
        }
        String format = tree.path("format").asText("");
        if (!READABLE.contains(format)) {
            throw new AuditBundle.UnsupportedBundleException("bundle format " + (format.isEmpty() ? "(none)" : format)
                    + " not supported: this version reads " + FORMAT + " (and " + FORMAT_3 + ", " + FORMAT_2
                    + "); export the record again (the audit store keeps it)");
        }
        return tree;
    }

    static void requireParts(JsonNode tree, List<String> parts) throws IOException {
        for (String part : parts) {
            if (!tree.path(part).isObject()) {
                throw new IOException("'" + part + "' is missing");
            }
        }
    }
}

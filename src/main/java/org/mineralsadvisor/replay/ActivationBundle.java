package org.mineralsadvisor.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.audit.KeyRecord;

import java.util.List;

/**
 * Everything an auditor needs to check one rule-set activation offline: the record's chain
 * fields (an activation link: version, previous version, proposer, approvers, and the digests
 * of the reason and the summary), the reason, the gate and impact summary as a JSON value, the
 * activated rule set's files where the store holds them, and the chain from the record to the
 * head at export time; from format 4, the signed checkpoint that covers it and the log's key
 * history (as in {@link AuditBundle}).
 *
 * @param summaryText the summary's exact text, where writing {@code summary} compactly would not give it back
 * @param ruleSet     the activated version's files; absent when the store does not hold them
 */
@JsonPropertyOrder({"format", "kind", "exportedAt", "logId", "record", "reason", "summary", "summaryText", "ruleSet",
        "chain", "checkpoint", "keys", "signatureRule"})
public record ActivationBundle(String format, String kind, String exportedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String logId, ChainLink record, String reason,
                               JsonNode summary,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String summaryText,
                               @JsonInclude(JsonInclude.Include.NON_NULL) AuditBundle.Contents ruleSet,
                               AuditBundle.Chain chain, Checkpoint checkpoint,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<KeyRecord> keys,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String signatureRule) implements Bundle {
    public static final String KIND = ChainLink.ACTIVATION;

    @Override
    public String recordId() {
        return record.id();
    }

    @Override
    public long recordSeq() {
        return record.seq();
    }
}

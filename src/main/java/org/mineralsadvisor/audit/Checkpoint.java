package org.mineralsadvisor.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A signed statement that the log {@code logId} had {@code seq} records ending in {@code headHash}
 * at {@code time}: what an auditor keeps, to prove later that the log still extends it. The
 * signature (Ed25519, base64) is over the text that {@code org.mineralsadvisor.transparency.Statements}
 * builds from the other fields; the store keeps checkpoints but does not sign or check them.
 *
 * @param time fixed-width UTC with milliseconds
 */
@JsonPropertyOrder({"format", "logId", "seq", "headHash", "time", "keyId", "signature"})
public record Checkpoint(String format, String logId, long seq, String headHash, String time, String keyId,
                         String signature) {
    public static final String FORMAT = "minerals-advisor/checkpoint@1";

    public Checkpoint(String logId, long seq, String headHash, String time, String keyId, String signature) {
        this(FORMAT, logId, seq, headHash, time, keyId, signature);
    }
}

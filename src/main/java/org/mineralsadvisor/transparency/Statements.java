package org.mineralsadvisor.transparency;

import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.audit.KeyRecord;

/**
 * The exact texts that are signed, one field per line, each line ending in a line feed, UTF-8:
 * <pre>
 * minerals-advisor/checkpoint@1        minerals-advisor/signing-key@1
 * log &lt;log id&gt;                         log &lt;log id&gt;
 * seq &lt;seq&gt;                            key &lt;key id&gt;
 * head &lt;head hash&gt;                     public-key &lt;base64 X.509&gt;
 * time &lt;time&gt;                          previous &lt;previous key id, or nothing&gt;
 * key &lt;key id&gt;                         time &lt;introduced at&gt;
 * </pre>
 * so that anyone can check a signature with other tools (e.g. {@code openssl pkeyutl -verify -rawin}).
 */
public final class Statements {
    public static final String CHECKPOINT = Checkpoint.FORMAT;
    public static final String KEY = "minerals-advisor/signing-key@1";

    private Statements() {
    }

    public static String checkpoint(String logId, long seq, String headHash, String time, String keyId) {
        return CHECKPOINT + "\n" + "log " + logId + "\n" + "seq " + seq + "\n" + "head " + headHash + "\n"
                + "time " + time + "\n" + "key " + keyId + "\n";
    }

    public static String checkpoint(Checkpoint c) {
        return checkpoint(c.logId(), c.seq(), c.headHash(), c.time(), c.keyId());
    }

    public static String key(String logId, String keyId, String publicKey, String previousKeyId, String introducedAt) {
        return KEY + "\n" + "log " + logId + "\n" + "key " + keyId + "\n" + "public-key " + publicKey + "\n"
                + "previous " + (previousKeyId == null ? "" : previousKeyId) + "\n" + "time " + introducedAt + "\n";
    }

    public static String key(String logId, KeyRecord k) {
        return key(logId, k.keyId(), k.publicKey(), k.previousKeyId(), k.introducedAt());
    }
}

package org.mineralsadvisor.transparency;

import org.mineralsadvisor.audit.Checkpoint;

import java.security.PublicKey;
import java.util.Optional;

/**
 * Whether a checkpoint was signed by a key one may trust: the auditor's own key (when given), or a
 * key of an intact key history that contains the auditor's key (when given) or is the log's own
 * (when not: trust on first use, which the result says).
 */
public final class CheckpointSignature {
    private CheckpointSignature() {
    }

    /** The outcome: {@code problem} is null when the signature holds; {@code how} says against what. */
    public record Result(String problem, String how) {
        public boolean valid() {
            return problem == null;
        }
    }

    public static Result check(Checkpoint c, KeyHistory history, TrustedKey trusted) {
        if (!Checkpoint.FORMAT.equals(c.format())) {
            return new Result("not a checkpoint of format " + Checkpoint.FORMAT + " (it says " + c.format() + ")", null);
        }
        String shortId = c.keyId() == null ? "(none)" : c.keyId();
        PublicKey key;
        String how;
        if (trusted != null && trusted.keyId().equals(c.keyId())) {
            key = trusted.key();
            how = "checked against your key " + trusted.source();
        } else {
            Optional<PublicKey> fromHistory = history == null ? Optional.empty() : history.key(c.keyId());
            if (fromHistory.isEmpty()) {
                return new Result("signed by key " + shortId + ", which is "
                        + (trusted == null ? "not in the log's key history" : "neither your key " + trusted.keyId()
                        + " nor a key of a history that contains it"), null);
            }
            if (trusted != null && history.key(trusted.keyId()).isEmpty()) {
                return new Result("signed by key " + shortId + " of the log's key history, which does not contain your key "
                        + trusted.keyId(), null);
            }
            key = fromHistory.get();
            how = trusted == null ? "checked against the log's own key history (trust on first use: pass --key to "
                    + "check against a key you hold)" : "checked against key " + shortId
                    + ", which the key history links to your key " + trusted.keyId();
        }
        if (!Ed25519.verify(key, Statements.checkpoint(c), c.signature())) {
            return new Result("the signature is not key " + shortId + "'s signature of the checkpoint's fields "
                    + "(forged, or a field was changed)", null);
        }
        // A key speaks for the log only from its own record until its successor's: a retired (or
        // leaked) key cannot vouch for a state the log reached after the rotation.
        if (history != null) {
            Optional<org.mineralsadvisor.audit.KeyRecord> record = history.record(c.keyId());
            if (record.isPresent() && c.seq() < record.get().seq()) {
                return new Result("signed by key " + shortId + " for seq " + c.seq() + ", before the key entered the "
                        + "log at seq " + record.get().seq(), null);
            }
            Optional<Long> succeeded = history.succeededAt(c.keyId());
            if (succeeded.isPresent() && c.seq() >= succeeded.get()) {
                return new Result("signed by key " + shortId + " for seq " + c.seq() + ", but the log retired that key "
                        + "at seq " + succeeded.get() + " (its successor's record): a retired key cannot sign later "
                        + "states", null);
            }
        }
        return new Result(null, how);
    }
}

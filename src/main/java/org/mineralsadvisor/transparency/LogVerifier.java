package org.mineralsadvisor.transparency;

import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.Checkpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The whole check of a store's log: the hash chain (and the search rows derived from it), the key
 * history, and the stored checkpoints, each of which must carry a valid signature and agree with
 * the log. A history rewritten with every hash recomputed passes the chain check and fails the
 * checkpoints it no longer matches (unless those were deleted too: an auditor's own checkpoints,
 * {@link Consistency}, are what no one with database access can remove).
 */
public final class LogVerifier {
    /** The most recent stored checkpoints that are checked (each costs a signature check and one read). */
    static final int CHECKPOINTS_CHECKED = 1000;

    private LogVerifier() {
    }

    /**
     * @param problem        the first problem (chain, then keys, then checkpoints); null when the log verifies
     * @param firstBrokenSeq the record the problem names (where it names one)
     */
    public record Report(ChainStatus chain, int keys, List<String> keyProblems, int checkpointsChecked,
                         Checkpoint latest, String problem, String firstBroken, Long firstBrokenSeq) {
        public boolean valid() {
            return problem == null;
        }
    }

    public static Report verify(AuditStore store) {
        return verify(store, null);
    }

    /**
     * @param trusted the key the auditor holds: the log's key history must contain it, and the
     *                stored checkpoints are checked against it; null to trust the log's own history
     */
    public static Report verify(AuditStore store, TrustedKey trusted) {
        ChainStatus chain = store.verify();
        String logId = store.logId();
        KeyHistory keys = KeyHistory.of(logId, store.keys());
        List<Checkpoint> stored = new ArrayList<>(store.checkpoints(null, CHECKPOINTS_CHECKED));
        Checkpoint latest = stored.isEmpty() ? null : stored.get(0);
        stored.sort(Comparator.comparingLong(Checkpoint::seq));
        List<Checkpoint> signed = new ArrayList<>();
        String problem = null;
        Long problemSeq = null;
        String problemId = null;
        for (Checkpoint c : stored) {
            CheckpointSignature.Result signature = CheckpointSignature.check(c, keys, trusted);
            if (!signature.valid()) {
                problem = "stored checkpoint of seq " + c.seq() + " signed " + c.time() + ": " + signature.problem();
                break;
            }
            if (!c.logId().equals(logId)) {
                problem = "stored checkpoint of seq " + c.seq() + " signed " + c.time() + " is of log " + c.logId()
                        + ", this store holds log " + logId;
                break;
            }
            Optional<String> hash = store.hashAt(c.seq());
            if (c.seq() > 0 && (hash.isEmpty() || !hash.get().equals(c.headHash()))) {
                Consistency.Result result = Consistency.check(store, c, chain, signed);
                problem = "the log no longer extends the checkpoint of seq " + c.seq() + " signed " + c.time() + ": "
                        + result.reason();
                // Name a record only where the checkpoints say exactly which; else the earliest it can be.
                boolean exact = java.util.Objects.equals(result.firstPossible(), result.firstDifferent());
                problemSeq = exact ? result.firstDifferent() : result.firstPossible();
                problemId = exact ? result.firstDifferentId() : null;
                break;
            }
            signed.add(c);
        }
        if (!chain.valid()) {
            return new Report(chain, keys.records().size(), keys.problems(), stored.size(), latest, chain.reason(),
                    chain.firstBroken(), chain.firstBrokenSeq());
        }
        if (!keys.intact()) {
            return new Report(chain, keys.records().size(), keys.problems(), stored.size(), latest,
                    keys.problems().get(0), null, null);
        }
        if (trusted != null && keys.key(trusted.keyId()).isEmpty()) {
            String mine = "your key " + trusted.keyId() + " (" + trusted.source() + ") is not in the log's key history ("
                    + keys.records().stream().map(k -> k.keyId() + " at seq " + k.seq()).toList()
                    + "): the log's keys were replaced, or this is another log";
            return new Report(chain, keys.records().size(), List.of(mine), stored.size(), latest, mine, null, null);
        }
        return new Report(chain, keys.records().size(), keys.problems(), stored.size(), latest, problem, problemId,
                problemSeq);
    }
}

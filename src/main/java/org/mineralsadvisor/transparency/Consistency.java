package org.mineralsadvisor.transparency;

import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.Checkpoint;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether the log in a store still extends a checkpoint: it holds, at the checkpoint's seq, the
 * record whose hash the checkpoint signed, and its chain is intact from there to the head. A
 * history rewritten with every hash recomputed passes the chain check but not this one.
 *
 * <p>A single checkpoint says only that some record up to its seq changed; other signed
 * checkpoints (the store's own whose signatures hold, and any more the auditor keeps) narrow it down:
 * the log still agrees with the latest one below, so the first record that differs comes after it.
 */
public final class Consistency {
    private Consistency() {
    }

    /**
     * @param consistent      the log extends the checkpoint
     * @param firstDifferent  the seq of the first record that differs, where known exactly; else the
     *                        checkpoint's seq (the last record that could be the first to differ)
     * @param firstPossible   the lowest seq that could be the first to differ (equal to
     *                        firstDifferent when it is known exactly)
     */
    public record Result(boolean consistent, String reason, Long firstDifferent, String firstDifferentId,
                         Long firstPossible, long headSeq) {
    }

    /**
     * @param chain   the store's chain check, already made (it is the expensive part)
     * @param others  further checkpoints whose signatures hold, to narrow where the log changed
     */
    public static Result check(AuditStore store, Checkpoint checkpoint, ChainStatus chain, List<Checkpoint> others) {
        ChainLink head = store.head();
        String logId = store.logId();
        if (!logId.equals(checkpoint.logId())) {
            return new Result(false, "the checkpoint is of log " + checkpoint.logId() + ", this store holds log " + logId,
                    null, null, null, head.seq());
        }
        long seq = checkpoint.seq();
        Optional<String> hash = seq == 0 ? Optional.of(org.mineralsadvisor.audit.ChainHash.GENESIS) : store.hashAt(seq);
        if (seq > head.seq() || hash.isEmpty()) {
            Range range = range(store, checkpoint, others);
            return new Result(false, "the log has no record " + seq + " (its head is seq " + head.seq()
                    + "): records the checkpoint signed were removed", Math.min(seq, head.seq() + 1), null,
                    range.first(), head.seq());
        }
        if (!hash.get().equals(checkpoint.headHash())) {
            Range range = range(store, checkpoint, others);
            String id = store.idAt(seq).orElse("?");
            String firstId = store.idAt(range.first()).orElse(null);
            String where = range.first() == range.last()
                    ? "record " + range.first() + " (" + firstId + ") is the first that differs"
                    + (range.first() < seq ? " (signed checkpoints before and at it say so)" : "")
                    : "the first record that differs is one of seq " + range.first() + " to " + range.last()
                    + " (signed checkpoints narrow it no further)";
            return new Result(false, "the log was rewritten: record " + seq + " (" + id + ") now hashes to "
                    + hash.get() + ", but the checkpoint signed " + checkpoint.headHash() + "; " + where,
                    range.first() == range.last() ? range.first() : range.last(),
                    range.first() == range.last() ? firstId : store.idAt(range.last()).orElse(null), range.first(),
                    head.seq());
        }
        if (!chain.valid()) {
            Long broken = chain.firstBrokenSeq();
            String id = chain.firstBroken() == null ? store.idAt(broken == null ? 0 : broken).orElse(null) : chain.firstBroken();
            return new Result(false, "the chain is broken at record " + broken + (id == null ? "" : " (" + id + ")")
                    + ": " + chain.reason(), broken, id, broken, head.seq());
        }
        return new Result(true, "the log extends the checkpoint at seq " + seq + " to the head at seq " + chain.records(),
                null, null, null, chain.records());
    }

    /**
     * Where the first record that differs can lie, from the other signed checkpoints below this one:
     * after the highest that the log still agrees with, and at or before the lowest that it does not.
     */
    private record Range(long first, long last) {
    }

    private static Range range(AuditStore store, Checkpoint checkpoint, List<Checkpoint> others) {
        long first = 1;
        long last = checkpoint.seq();
        for (Checkpoint c : others) {
            if (c.seq() >= checkpoint.seq() || !c.logId().equals(checkpoint.logId())) {
                continue;
            }
            Optional<String> hash = c.seq() == 0 ? Optional.of(org.mineralsadvisor.audit.ChainHash.GENESIS)
                    : store.hashAt(c.seq());
            if (hash.isPresent() && hash.get().equals(c.headHash())) {
                first = Math.max(first, c.seq() + 1);
            } else {
                last = Math.min(last, c.seq());
            }
        }
        return new Range(Math.min(first, last), last);
    }
}

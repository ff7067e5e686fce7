package org.mineralsadvisor.replay;

import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.transparency.CheckpointRefusedException;
import org.mineralsadvisor.transparency.Checkpointer;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Where an export's signed checkpoint comes from. */
@FunctionalInterface
public interface CheckpointSource {
    /**
     * A signed checkpoint of the log that covers the record at {@code seq} (its seq is at least
     * {@code seq}) where there is one; else the latest there is, which does not cover it (the bundle
     * then fails its check and says so); empty when the log has no checkpoint at all.
     */
    Optional<Checkpoint> forRecord(long seq);

    /**
     * The stored checkpoints only. Of those that cover the record, one near it: the bundle's chain
     * links must reach the checkpoint's seq, so the nearest keeps an old record's bundle short.
     */
    static CheckpointSource stored(AuditStore store) {
        return seq -> {
            Optional<Checkpoint> latest = store.checkpoints(null, 1).stream().findFirst();
            if (latest.isEmpty() || latest.get().seq() < seq) {
                return latest;
            }
            // The store lists checkpoints below a seq, newest first: probe windows that double in
            // size, so the one found is at most twice as far from the record as the nearest.
            for (long span = AuditExporter.MAX_LINKS; seq + span < latest.get().seq(); span *= 2) {
                Optional<Checkpoint> within = store.checkpoints(seq + span + 1, 1).stream().findFirst();
                if (within.isPresent() && within.get().seq() >= seq) {
                    return within;
                }
            }
            return latest;
        };
    }

    /**
     * The stored checkpoints, and when none covers the record a checkpoint signed now. When the
     * signer refuses (the log is broken, or this instance lacks the current key), the latest stored
     * one: the bundle is still worth having to investigate, and its check names what is missing.
     */
    static CheckpointSource signing(AuditStore store, Checkpointer signer) {
        CheckpointSource stored = stored(store);
        return seq -> {
            Optional<Checkpoint> found = stored.forRecord(seq);
            if (found.isPresent() && found.get().seq() >= seq) {
                return found;
            }
            try {
                return Optional.of(signer.signNow());
            } catch (CheckpointRefusedException e) {
                LoggerFactory.getLogger(CheckpointSource.class).warn("exporting record {} with {}: no checkpoint could "
                        + "be signed: {}", seq, found.map(c -> "the latest checkpoint (seq " + c.seq() + "), which does "
                        + "not cover it").orElse("no checkpoint"), e.getMessage());
                return found;
            }
        };
    }
}

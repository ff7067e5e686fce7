package org.mineralsadvisor.transparency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.ChainHash;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.provenance.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs checkpoints of the log: every {@code everyRecords} records or every {@code everySeconds}
 * seconds when the head has moved (whichever comes first; 0 turns a trigger off), and on request.
 * Several instances sharing a store each run one; a checkpoint that already covers the head makes
 * the others skip their turn.
 *
 * <p>It never signs a log it cannot vouch for: before each signature the chain is checked, and the
 * log must still extend the last checkpoint signed (by this instance, else the newest stored one
 * whose signature holds). A log rewritten behind the service's back gets no new checkpoint; the
 * refusal is logged, counted and reported by {@link #status()} and {@code GET /v1/audit/checkpoints}.
 */
public final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private static final Duration RETRY_AFTER_REFUSAL = Duration.ofSeconds(60);

    private final AuditStore store;
    private final KeyRing keys;
    private final long everyRecords;
    private final long everySeconds;
    private final Clock clock;
    private final Counter signedCount;
    private final Counter refusedCount;
    private final ScheduledExecutorService timer;
    private Checkpoint lastSigned;
    /** Stored checkpoints whose signature was found to hold (a row, once checked, need not be again). */
    private final java.util.Set<Checkpoint> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String problem;
    private volatile Instant retryAt = Instant.MIN;

    public Checkpointer(AuditStore store, KeyRing keys, long everyRecords, long everySeconds, Clock clock,
                        MeterRegistry metrics) {
        this.store = store;
        this.keys = keys;
        this.everyRecords = everyRecords;
        this.everySeconds = everySeconds;
        this.clock = clock;
        this.signedCount = Counter.builder("advisor_audit_checkpoints_signed")
                .description("Checkpoints of the audit log this instance signed").register(metrics);
        this.refusedCount = Counter.builder("advisor_audit_checkpoint_refusals")
                .description("Times this instance refused to sign the log (broken chain, or it no longer extends a "
                        + "signed checkpoint)").register(metrics);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpoints");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks once a second whether a checkpoint is due (the first one right away). */
    public Checkpointer start() {
        timer.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    private void tick() {
        try {
            if (due() && !clock.instant().isBefore(retryAt)) {
                signNow();
            }
        } catch (CheckpointRefusedException e) {
            // recorded by signNow
        } catch (RuntimeException e) {
            LOG.warn("audit checkpoint: {}", e.getMessage());
        }
    }

    private boolean due() {
        ChainLink head = store.head();
        Optional<Checkpoint> latest = latestStored();
        if (latest.isEmpty()) {
            return true;
        }
        long behind = head.seq() - latest.get().seq();
        if (behind <= 0) {
            return false;
        }
        return (everyRecords > 0 && behind >= everyRecords) || (everySeconds > 0
                && Duration.between(Instant.parse(latest.get().time()), clock.instant()).getSeconds() >= everySeconds);
    }

    /**
     * The newest stored checkpoint whose signature holds for this log (among the newest 20): a row
     * forged into the table is never handed out as the one to keep, nor does it stand in for a
     * checkpoint that is due.
     */
    public Optional<Checkpoint> latestStored() {
        List<Checkpoint> newest = store.checkpoints(null, 20);
        if (!newest.isEmpty() && verified.contains(newest.get(0))) {
            return Optional.of(newest.get(0)); // the once-a-second case: checked before
        }
        KeyHistory history = KeyHistory.of(keys.logId(), store.keys());
        Optional<Checkpoint> latest = newest.stream().filter(c -> c.logId().equals(keys.logId()))
                .filter(c -> verified.contains(c) || CheckpointSignature.check(c, history, null).valid()).findFirst();
        latest.ifPresent(c -> {
            if (verified.size() > 1000) {
                verified.clear();
            }
            verified.add(c);
        });
        return latest;
    }

    /**
     * Checks the log and signs its head.
     * @throws CheckpointRefusedException when the log cannot be vouched for, or this instance lacks the current key
     */
    public synchronized Checkpoint signNow() {
        try {
            SigningKey key;
            try {
                key = keys.current();
            } catch (KeyRing.KeyRingException e) {
                throw new CheckpointRefusedException(e.getMessage());
            }
            // The log must still hold the anchor's record, and be intact after it: what came before
            // was checked when the anchor was signed (a full check when there is no anchor yet).
            Optional<Checkpoint> anchor = anchor();
            if (anchor.isPresent()) {
                Optional<String> hash = anchor.get().seq() == 0 ? Optional.of(ChainHash.GENESIS)
                        : store.hashAt(anchor.get().seq());
                if (hash.isEmpty() || !hash.get().equals(anchor.get().headHash())) {
                    // The chain check is not needed for this answer (the hash at the anchor differs).
                    Consistency.Result consistent = Consistency.check(store, anchor.get(),
                            new ChainStatus(true, store.head().seq(), null, null, null),
                            store.checkpoints(anchor.get().seq(), 100));
                    throw new CheckpointRefusedException("the log no longer extends the checkpoint at seq "
                            + anchor.get().seq() + " signed " + anchor.get().time() + ": " + consistent.reason());
                }
            }
            ChainStatus chain = anchor.isPresent()
                    ? store.verifyAfter(anchor.get().seq(), anchor.get().headHash()) : store.verify();
            if (!chain.valid()) {
                throw new CheckpointRefusedException("the audit chain is broken at record " + chain.firstBrokenSeq()
                        + (chain.firstBroken() == null ? "" : " (" + chain.firstBroken() + ")") + ": " + chain.reason());
            }
            long seq = chain.records();
            String hash = seq == 0 ? ChainHash.GENESIS : store.hashAt(seq).orElseThrow();
            String time = Timestamps.format(clock.instant());
            Checkpoint checkpoint = new Checkpoint(keys.logId(), seq, hash, time, key.keyId(),
                    key.sign(Statements.checkpoint(keys.logId(), seq, hash, time, key.keyId())));
            store.saveCheckpoint(checkpoint);
            lastSigned = checkpoint;
            problem = null;
            signedCount.increment();
            return checkpoint;
        } catch (CheckpointRefusedException e) {
            if (!e.getMessage().equals(problem)) {
                LOG.error("refusing to sign a checkpoint of the audit log: {}", e.getMessage());
            }
            problem = e.getMessage();
            retryAt = clock.instant().plus(RETRY_AFTER_REFUSAL);
            refusedCount.increment();
            throw e;
        }
    }

    /** The checkpoint the log must still extend: this instance's last, else the newest stored whose signature holds. */
    private Optional<Checkpoint> anchor() {
        return lastSigned != null ? Optional.of(lastSigned) : latestStored();
    }

    /** What the signer is doing: its key, the latest checkpoint in the store, and why it refuses to sign (if it does). */
    public record Status(String keyId, Checkpoint latest, String problem) {
    }

    public Status status() {
        return new Status(keys.key().keyId(), latestStored().orElse(null), problem);
    }

    public KeyRing keys() {
        return keys;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

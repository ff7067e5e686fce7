package org.mineralsadvisor.audit;

import java.util.Map;
import java.util.Optional;

/**
 * The durable, tamper-evident record of every advice and every rule-set activation (one hash
 * chain), and the rule-set candidates and approvals that lead to activations. {@link #append} returns only once the
 * record is committed; a failed write throws {@link StoreUnavailableException}.
 */
public interface AuditStore extends AutoCloseable {

    /** Commits the record (possibly in one transaction with concurrent ones) and returns its seq. */
    long append(AuditRecord record);

    Optional<StoredRecord> find(String id);

    /** Stores a rule set's or fact base's files the first time their version is seen. */
    void storeRuleSet(String version, Map<String, String> files);

    void storeFactBase(String version, Map<String, String> files);

    Optional<Map<String, String>> ruleSet(String version);

    Optional<Map<String, String>> factBase(String version);

    /**
     * Stored advice matching {@code query}, newest first: one page of at most {@code query.limit()}
     * records scanned, each checked against its hash and its advice before it is returned
     * ({@link AuditSearchPage}).
     */
    AuditSearchPage search(AuditQuery query);

    /**
     * The inputs of the advice created at or after {@code since} (null: any time), newest first, at
     * most {@code limit}: the profiles an impact diff evaluates again under a candidate rule set.
     */
    java.util.List<StoredInput> recentInputs(java.time.Instant since, int limit);

    /** The links after {@code seq}, in order, at most {@code limit} (a proof that a record leads to the head). */
    java.util.List<ChainLink> linksAfter(long seq, int limit);

    /** The chain head: the last record's seq and hash (0 and 64 zeros when empty). */
    ChainLink head();

    /** Recomputes the whole chain. */
    ChainStatus verify();

    /**
     * Recomputes the chain after record {@code fromSeq}, whose hash is taken to be {@code fromHash}
     * (a checkpoint's, checked by the caller); records up to {@code fromSeq} count as read.
     */
    default ChainStatus verifyAfter(long fromSeq, String fromHash) {
        return verify();
    }

    /** True when a write can be made now (the readiness check). */
    boolean writable();

    String description();

    @Override
    void close();

    // The rule-set lifecycle: activations in the chain, candidates and their approvals.

    /**
     * Appends an activation to the chain (next seq, previous hash, the same writer and chain-head
     * lock as advice). Refused with {@link ActivationConflictException}, writing nothing, unless
     * {@code request.previousVersion()} is the latest activation's version (null when none):
     * checked inside the transaction that appends.
     */
    long appendActivation(ActivationRequest request);

    /** The latest activation: one indexed row, cheap enough to poll every few seconds. */
    java.util.Optional<Activation> latestActivation();

    /** Every activation, in seq order. */
    java.util.List<Activation> activations();

    java.util.Optional<Activation> activation(String id);

    // Signed checkpoints: the log's identity, its signing keys (records of the chain) and checkpoints.

    /** The log's id (made on first call), named in every checkpoint. */
    String logId();

    /**
     * Appends a signing key's introduction to the chain (same writer and lock as advice). Refused
     * with {@link KeyConflictException}, writing nothing, unless {@code request.previousKeyId()} is
     * the latest key's id (null when none).
     */
    long appendKey(KeyRequest request);

    /** Every key record, in seq order. */
    java.util.List<KeyRecord> keys();

    /** Stores a signed checkpoint (the store does not check the signature). */
    void saveCheckpoint(Checkpoint checkpoint);

    /**
     * Stored checkpoints, newest (highest seq, then latest time) first, at most {@code limit}: those
     * before ({@code beforeSeq}, {@code beforeTime}) when both are given, below {@code beforeSeq}
     * when only it is.
     */
    java.util.List<Checkpoint> checkpoints(Long beforeSeq, String beforeTime, int limit);

    default java.util.List<Checkpoint> checkpoints(Long beforeSeq, int limit) {
        return checkpoints(beforeSeq, null, limit);
    }

    /** The hash of the record at {@code seq}, of any kind; empty when there is none. */
    Optional<String> hashAt(long seq);

    /** The id of the record at {@code seq}, of any kind; empty when there is none. */
    Optional<String> idAt(long seq);

    /** Inserts the candidate, or replaces the row of the same version. */
    void saveCandidate(Candidate candidate);

    java.util.Optional<Candidate> candidate(String version);

    /** Every candidate, in proposedAt order. */
    java.util.List<Candidate> candidates();

    /** Adds the approval; false, adding nothing, when that key already approved that version. */
    boolean addApproval(Approval approval);

    /** The version's approvals, in approval order. */
    java.util.List<Approval> approvals(String version);
}

package org.mineralsadvisor.audit;

import java.util.List;

/**
 * One page of a search. The store scans at most {@code query.limit()} matching records; each is
 * read and checked before it is returned: its content against its own hash, and its search rows
 * against the rows derived from its advice ({@link SearchRows}). {@code hits} are those that pass,
 * with their derived recommendations; {@code excluded} those left out, each with the reason (a
 * record that fails its hash or cannot be read, or one whose edited search rows made it match a
 * search its advice does not). {@code nextBeforeSeq} continues after the last record scanned,
 * returned or not; null when no matching record is left.
 */
public record AuditSearchPage(List<AuditSummary> hits, List<Excluded> excluded, Long nextBeforeSeq) {

    public AuditSearchPage {
        hits = List.copyOf(hits);
        excluded = List.copyOf(excluded);
    }

    /** A record the search rows matched but the check left out. */
    public record Excluded(long seq, String id, String reason) {
    }
}

package org.mineralsadvisor.audit;

import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Iterator;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored search rows of a run of records, taken seq by seq from two streams in seq order
 * ({@code advice_recommendations} and {@code advice_policies}): the chain check walks them beside
 * the records, holding one record's rows at a time.
 */
final class StoredSearchRows {
    static final String RECOMMENDATION_COLUMNS = "seq, position, type, subject, priority, policy_id";
    static final String POLICY_COLUMNS = "seq, policy_id";

    record RecommendationRow(long seq, int position, AuditRecord.IndexEntry entry) {
    }

    record PolicyRow(long seq, String policyId) {
    }

    static final RowMapper<RecommendationRow> RECOMMENDATION = (rs, ctx) -> new RecommendationRow(rs.getLong("seq"),
            rs.getInt("position"), new AuditRecord.IndexEntry(rs.getString("type"), rs.getString("subject"),
            rs.getString("priority"), rs.getString("policy_id")));
    static final RowMapper<PolicyRow> POLICY = (rs, ctx) -> new PolicyRow(rs.getLong("seq"), rs.getString("policy_id"));

    private final Iterator<RecommendationRow> recommendations;
    private final Iterator<PolicyRow> policies;
    private RecommendationRow nextRecommendation;
    private PolicyRow nextPolicy;

    /** Both streams in ascending seq (the recommendations by position within a seq). */
    StoredSearchRows(Iterator<RecommendationRow> recommendations, Iterator<PolicyRow> policies) {
        this.recommendations = recommendations;
        this.policies = policies;
        this.nextRecommendation = recommendations.hasNext() ? recommendations.next() : null;
        this.nextPolicy = policies.hasNext() ? policies.next() : null;
    }

    /** The lowest seq that still has rows not taken; {@link Long#MAX_VALUE} when none is left. */
    long nextSeq() {
        long seq = Long.MAX_VALUE;
        if (nextRecommendation != null) {
            seq = nextRecommendation.seq();
        }
        if (nextPolicy != null) {
            seq = Math.min(seq, nextPolicy.seq());
        }
        return seq;
    }

    /** Takes the rows stored at {@code seq} (none when the streams are past it). */
    SearchRows.Stored take(long seq) {
        SortedMap<Integer, AuditRecord.IndexEntry> atSeq = new TreeMap<>();
        while (nextRecommendation != null && nextRecommendation.seq() == seq) {
            atSeq.put(nextRecommendation.position(), nextRecommendation.entry());
            nextRecommendation = recommendations.hasNext() ? recommendations.next() : null;
        }
        SortedSet<String> policyIds = new TreeSet<>();
        while (nextPolicy != null && nextPolicy.seq() == seq) {
            policyIds.add(nextPolicy.policyId());
            nextPolicy = policies.hasNext() ? policies.next() : null;
        }
        return new SearchRows.Stored(seq, atSeq, policyIds);
    }
}

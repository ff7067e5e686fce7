package org.mineralsadvisor.audit;

/**
 * A search over stored advice; null fields do not filter. {@code from}/{@code to} bound the
 * record's creation instant (ISO-8601, inclusive). {@code policyId} matches any policy that
 * fired in the trace; {@code type} and {@code priority} match one recommendation together.
 * Results come newest first, {@code limit} records scanned a page; {@code beforeSeq} continues
 * after a page (its {@link AuditSearchPage#nextBeforeSeq}).
 */
public record AuditQuery(String country, String from, String to, String policyId, String type, String priority,
                         String ruleSet, int limit, Long beforeSeq) {

    /** True when the query filters on search rows (policy, type, priority), which edited rows can mislead. */
    public boolean filtersOnSearchRows() {
        return policyId != null || type != null || priority != null;
    }
}

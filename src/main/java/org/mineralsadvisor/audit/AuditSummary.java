package org.mineralsadvisor.audit;

import java.util.List;

/** One search hit: the record's metadata and its recommendations' index entries. */
public record AuditSummary(long seq, String id, String createdAt, String country, String asOf, String role,
                           String keyId, String ruleSetVersion, String factBaseVersion,
                           List<AuditRecord.IndexEntry> recommendations) {
}

package org.mineralsadvisor.audit;

import java.time.Instant;
import java.util.List;

/**
 * What the store keeps of one advice: the profile as received, the advice with its trace,
 * the versions that produced it and who asked. {@code recommendations} and {@code firedPolicies}
 * (every policy id in the trace) index the advice for search.
 */
public record AuditRecord(String id, Instant createdAt, String country, String asOf, String role, String keyId,
                          String ruleSetVersion, String factBaseVersion, String input, byte[] advice,
                          List<IndexEntry> recommendations, java.util.Set<String> firedPolicies, String scenario) {

    /**
     * @param advice   the advice JSON, UTF-8: kept as the bytes that are sent, hashed and stored
     * @param scenario for an advice given under a shock scenario, the scenario that made its fact
     *                 base from the baseline's (JSON, see {@code org.mineralsadvisor.shock.RecordedScenario}); else null
     */
    public AuditRecord {
    }

    /** An advice given on the fact base as it is (no shock scenario). */
    public AuditRecord(String id, Instant createdAt, String country, String asOf, String role, String keyId,
                       String ruleSetVersion, String factBaseVersion, String input, byte[] advice,
                       List<IndexEntry> recommendations, java.util.Set<String> firedPolicies) {
        this(id, createdAt, country, asOf, role, keyId, ruleSetVersion, factBaseVersion, input, advice, recommendations,
                firedPolicies, null);
    }

    public static AuditRecord of(String id, Instant createdAt, String country, String asOf, String role, String keyId,
                                 String ruleSetVersion, String factBaseVersion, String input, String advice,
                                 List<IndexEntry> recommendations, java.util.Set<String> firedPolicies) {
        return new AuditRecord(id, createdAt, country, asOf, role, keyId, ruleSetVersion, factBaseVersion, input,
                advice.getBytes(java.nio.charset.StandardCharsets.UTF_8), recommendations, firedPolicies);
    }

    public record IndexEntry(String type, String subject, String priority, String policyId) {
    }
}

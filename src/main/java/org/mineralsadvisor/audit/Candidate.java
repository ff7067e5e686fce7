package org.mineralsadvisor.audit;

import java.time.Instant;

/**
 * A rule set proposed for activation and what its gate found. One row per version: saving the
 * same version again replaces it.
 *
 * @param origin   "disk" or "upload"
 * @param status   "ready" or "rejected"
 * @param files    JSON object, path to text, of all files including tests/
 * @param gateJson problems, test results and coverage: JSON text, opaque to the store
 */
public record Candidate(String version, String origin, String proposer, String reason, Instant proposedAt,
                        String status, String files, String gateJson) {
}

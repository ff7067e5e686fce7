package org.mineralsadvisor.audit;

import java.time.Instant;

/** One expert key's approval of a candidate version; a key approves a version at most once. */
public record Approval(String version, String keyId, Instant approvedAt) {
}

package org.mineralsadvisor.audit;

import java.time.Instant;
import java.util.List;

/**
 * An activation to append to the chain. It is refused ({@link ActivationConflictException}) unless
 * {@code previousVersion} is the version of the latest activation in the store (null when there is
 * none): two approvers or two instances activating from the same version cannot both win.
 */
public record ActivationRequest(String id, Instant activatedAt, String version, String previousVersion,
                                String proposer, List<String> approvers, String reason, String summaryJson) {

    public ActivationRequest {
        approvers = List.copyOf(approvers);
    }
}

package org.mineralsadvisor.authoring;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One rule-set version as the lifecycle knows it.
 *
 * @param status     active, ready, rejected or retired (was active, is not now)
 * @param approvals  the keys that approved it, in order, with when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSetEntry(String version, String status, String origin, String proposer, String reason,
                           String proposedAt, List<ApprovalView> approvals, int approvalsRequired,
                           String activatedAt, String retiredAt, Integer errors, Integer warnings, TestCounts tests) {

    public record ApprovalView(String keyId, String approvedAt) {
    }

    public record TestCounts(int passed, int failed) {
    }
}

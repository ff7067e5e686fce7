package org.mineralsadvisor.authoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.StoredInput;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.impact.ImpactDiff;
import org.mineralsadvisor.impact.ImpactReport;
import org.mineralsadvisor.impact.ProfileInput;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetDiff;

import java.util.List;
import java.util.Map;

/**
 * What a candidate would change, for an approver to read before approving: the rule changes
 * in plain language (thresholds before → after, the scenarios that cover each changed rule)
 * and the advice of the last stored profiles under both rule sets, only what differs.
 */
public final class ImpactPreview {
    public static final int DEFAULT_PROFILES = 100;
    public static final int MAX_PROFILES = 10_000;

    private final AuditStore store;
    private final FactBase facts;
    private final ImpactDiff diff;

    public ImpactPreview(AuditStore store, FactBase facts, Advisor advisor) {
        this.store = store;
        this.facts = facts;
        this.diff = new ImpactDiff(advisor, Runtime.getRuntime().availableProcessors());
    }

    /** @param rules the plain-language rule diff; impact the profiles whose advice changes, with totals */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preview(String candidate, String against, int profiles, RuleSetDiff rules, ImpactReport impact) {
    }

    public Preview of(RuleSet candidate, RuleSet against, Map<String, List<String>> coveredBy, int limit) {
        List<ProfileInput> inputs = store.recentInputs(null, limit).stream()
                .map((StoredInput s) -> new ProfileInput(s.id(), s.input())).toList();
        ImpactReport impact = diff.run(against, candidate, facts, inputs, (done, total) -> { });
        return new Preview(candidate.version(), against.version(), inputs.size(),
                RuleSetDiff.of(against, candidate, coveredBy), impact);
    }
}

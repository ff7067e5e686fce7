package org.mineralsadvisor.impact;

import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.impact.ImpactReport.Totals;
import org.mineralsadvisor.advice.RecommendationChange;
import org.mineralsadvisor.advice.RecommendationDiff;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.InvalidProfileException;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates every profile under a base and a candidate rule set and keeps only what differs.
 * Evaluations are untraced (the diff compares recommendations; the trace costs most of an
 * evaluation) and run in parallel, one worker per processor: each rule set's KieBase is shared
 * and every evaluation has its own session.
 */
public final class ImpactDiff {
    /** Called after each profile, from the worker threads (calls are serialised). */
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> {
        };
    }

    private final Advisor advisor;
    private final int threads;

    public ImpactDiff() {
        this(new Advisor(), Runtime.getRuntime().availableProcessors());
    }

    /** @param advisor carries the firing and time limits each evaluation runs under */
    public ImpactDiff(Advisor advisor, int threads) {
        this.advisor = advisor;
        this.threads = Math.max(1, threads);
    }

    public ImpactReport run(RuleSet base, RuleSet candidate, FactBase facts, List<ProfileInput> inputs,
                            Progress progress) {
        ProfileParser parser = new ProfileParser(facts);
        AtomicInteger done = new AtomicInteger();
        int total = inputs.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "impact-diff");
            thread.setDaemon(true);
            return thread;
        });
        List<ProfileImpact> outcomes = new ArrayList<>(total);
        try {
            List<Future<ProfileImpact>> futures = new ArrayList<>(total);
            for (ProfileInput input : inputs) {
                futures.add(pool.submit(() -> {
                    ProfileImpact impact = compare(base, candidate, facts, parser, input);
                    int now = done.incrementAndGet();
                    synchronized (progress) {
                        progress.update(now, total);
                    }
                    return impact;
                }));
            }
            for (Future<ProfileImpact> future : futures) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the impact diff was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the impact diff failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return report(base, candidate, facts, outcomes);
    }

    /** The impact on one profile, or null when nothing changed. */
    private ProfileImpact compare(RuleSet base, RuleSet candidate, FactBase facts, ProfileParser parser,
                                  ProfileInput input) {
        CountryProfile profile;
        try {
            profile = parser.parse(input.json());
        } catch (InvalidProfileException e) {
            return new ProfileImpact(input.label(), ProfileImpact.Status.INVALID, List.of(),
                    e.problems().stream().map(p -> p.pointer() + ": " + p.code() + ": " + p.message()).toList());
        }
        List<Recommendation> before;
        List<Recommendation> after;
        try {
            before = advisor.evaluate(base, facts, profile, false).recommendations();
        } catch (RuntimeException e) {
            return failed(input, "base", e);
        }
        try {
            after = advisor.evaluate(candidate, facts, profile, false).recommendations();
        } catch (RuntimeException e) {
            return failed(input, "candidate", e);
        }
        List<RecommendationChange> changes = changes(before, after);
        return changes.isEmpty() ? null
                : new ProfileImpact(input.label(), ProfileImpact.Status.CHANGED, changes, List.of());
    }

    private static ProfileImpact failed(ProfileInput input, String side, RuntimeException e) {
        return new ProfileImpact(input.label(), ProfileImpact.Status.FAILED, List.of(),
                List.of("the " + side + " rule set failed to evaluate it: " + e.getMessage()));
    }

    /** Added, then removed, then changed recommendations, each in its advice's order. */
    static List<RecommendationChange> changes(List<Recommendation> before, List<Recommendation> after) {
        return RecommendationDiff.changes(before, after);
    }

    private static ImpactReport report(RuleSet base, RuleSet candidate, FactBase facts, List<ProfileImpact> outcomes) {
        List<ProfileImpact> impacts = new ArrayList<>();
        Map<String, Totals> byType = new TreeMap<>();
        Map<String, Totals> byPolicy = new TreeMap<>();
        int changed = 0;
        int invalid = 0;
        int failed = 0;
        for (ProfileImpact impact : outcomes) {
            if (impact == null) {
                continue;
            }
            impacts.add(impact);
            switch (impact.status()) {
                case CHANGED -> changed++;
                case INVALID -> invalid++;
                case FAILED -> failed++;
            }
            for (RecommendationChange change : impact.changes()) {
                byType.merge(change.type(), new Totals(0, 0, 0).plus(change.kind()), ImpactDiff::sum);
                byPolicy.merge(change.policyId(), new Totals(0, 0, 0).plus(change.kind()), ImpactDiff::sum);
            }
        }
        return new ImpactReport(base.version(), candidate.version(), facts.version(), outcomes.size(),
                outcomes.size() - impacts.size(), changed, invalid, failed, List.copyOf(impacts), byType, byPolicy);
    }

    private static Totals sum(Totals a, Totals b) {
        return new Totals(a.added() + b.added(), a.removed() + b.removed(), a.changed() + b.changed());
    }
}

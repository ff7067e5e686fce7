package org.mineralsadvisor.authoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mineralsadvisor.advice.AdviceIds;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.Activation;
import org.mineralsadvisor.audit.ActivationConflictException;
import org.mineralsadvisor.audit.ActivationRequest;
import org.mineralsadvisor.audit.Approval;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.Candidate;
import org.mineralsadvisor.auth.Caller;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rule-set lifecycle: candidates (from the rules directory or an upload) pass the gate
 * and become ready or rejected; a ready one activates when enough distinct expert keys have
 * approved it; any version that was active before can be activated again by one expert. The
 * audit store holds the candidates, approvals and activations (the latter in the chain), so
 * every instance sharing it, a restart and replay see the same history.
 */
public final class RuleSetLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger("advisor.rulesets");
    private static final ObjectMapper JSON = AdviceJson.mapper();
    public static final String ORIGIN_DISK = "disk";
    public static final String ORIGIN_UPLOAD = "upload";
    /** The proposer of a candidate saved into the watched directory when API keys are configured. */
    static final String DISK_PROPOSER = "rules-directory";

    private final AuditStore store;
    private final FactBase facts;
    private final Path factsDir;
    private final int requiredApprovals;
    private final boolean localMode;
    private final Clock clock;
    private final RuleSetGate gate = new RuleSetGate();
    private final Map<String, RuleSet> compiled = java.util.Collections.synchronizedMap(new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RuleSet> eldest) {
            // Each is a KieBase of some megabytes: the active, the previous and a candidate or two.
            return size() > 4;
        }
    });
    /** Where an uploaded rule set is said to come from (it has no directory). */
    static final Path UPLOADED = Path.of("(uploaded)");
    private volatile Path rulesDir = Path.of("rules");
    private final Object activationLock = new Object();
    /** The seq of the last activation this instance serves; guarded by activationLock. */
    private long appliedSeq;
    private volatile Supplier<RuleSet> served;
    private volatile Consumer<RuleSet> serve;
    private volatile ImpactPreview preview;

    public RuleSetLifecycle(AuditStore store, FactBase facts, Path factsDir, int requiredApprovals, boolean localMode,
                            Clock clock) {
        this.store = store;
        this.facts = facts;
        this.factsDir = factsDir;
        this.requiredApprovals = requiredApprovals;
        this.localMode = localMode;
        this.clock = clock;
    }

    /** Enables impact previews (and the impact summary each activation records). */
    public void impactPreview(ImpactPreview preview) {
        this.preview = preview;
    }

    public int requiredApprovals() {
        return requiredApprovals;
    }

    /**
     * The rule set to serve at start-up. With no activation on record, the rules directory's
     * (already compiled and checked) is the first and is recorded as such; otherwise the last
     * activated version is served, and a rules directory that differs from it goes through
     * the gate as a candidate like any saved change.
     *
     * @param disk the rules directory compiled, or null when it did not compile (its problems in diskProblems)
     */
    public RuleSet start(Path rulesDir, SortedMap<String, String> diskFiles, RuleSet disk, List<RuleProblem> diskProblems) {
        this.rulesDir = rulesDir;
        Optional<Activation> latest = store.latestActivation();
        if (latest.isEmpty()) {
            if (disk == null) {
                throw new LifecycleException(422, "ruleset-rejected", "Rule set rejected",
                        "the rules directory does not compile and no earlier rule set was ever activated",
                        null, diskProblems.stream().filter(RuleProblem::isError).map(RuleProblem::toString).toList());
            }
            remember(disk);
            saveCandidate(ORIGIN_DISK, "startup", "the rules directory at first start",
                    new GateResult(disk.version(), diskFiles, disk, diskProblems, TestSummary.NOT_RUN, null));
            try {
                record(disk, null, "startup", List.of(), "the rules directory at first start (compiled and checked; "
                        + "its scenario tests run as for any candidate when it is next saved)", TestSummary.NOT_RUN);
                return disk;
            } catch (LifecycleException e) {
                // Another instance on the same store recorded the first activation a moment earlier.
                latest = store.latestActivation();
                if (latest.isEmpty()) {
                    throw e;
                }
            }
        }
        String active = latest.get().version();
        appliedSeq = latest.get().seq();
        if (disk != null && disk.version().equals(active)) {
            remember(disk);
            return disk;
        }
        return compiledVersion(active);
    }

    /**
     * Starts serving: {@code served} reads the rule set in use, {@code serve} swaps it. Then a
     * rules directory that differs from the active version is proposed, as if just saved.
     */
    public void attach(Supplier<RuleSet> served, Consumer<RuleSet> serve) {
        this.served = served;
        this.serve = serve;
    }

    public String activeVersion() {
        return served.get().version();
    }

    /**
     * Gates {@code files} and stores the candidate (ready or rejected). A ready candidate gets
     * its proposer's approval (an expert key, or the local user) and activates once it has the
     * approvals it needs.
     */
    public GateResult propose(Map<String, String> files, String origin, Caller proposer, String reason) {
        GateResult result = gate.run(files, facts, factsDir, ORIGIN_DISK.equals(origin) ? rulesDir : UPLOADED);
        String proposerId = proposer == null ? (localMode ? Caller.LOCAL.keyId() : DISK_PROPOSER) : proposer.keyId();
        boolean known = store.candidate(result.version())
                .map(c -> c.status().equals(result.status()) && filesOf(c).equals(result.files())).orElse(false);
        if (!known) {
            // The same files proposed again (a restart, a re-upload) keep their first proposer and time.
            saveCandidate(origin, proposerId, reason, result);
        }
        if (!result.passed()) {
            LOG.warn("rule-set candidate {} ({}) rejected: {}", result.version(), origin, String.join(" | ", result.errorLines()));
            return result;
        }
        remember(result.ruleSet());
        LOG.info("rule-set candidate {} ({}, proposed by {}) is ready", result.version(), origin, proposerId);
        boolean approves = proposer != null || localMode;
        // A version that was active before comes back only by an explicit rollback, never as a side
        // effect of proposing its files again (its old approvals would otherwise activate it).
        boolean everActive = store.activations().stream().anyMatch(a -> a.version().equals(result.version()));
        if (approves && !everActive) {
            store.addApproval(new Approval(result.version(), proposerId, clock.instant()));
            activateIfApproved(result.version());
        }
        return result;
    }

    /** Whether a candidate with exactly these files is already on record (proposing it again changes nothing). */
    public boolean knows(Map<String, String> files) {
        SortedMap<String, String> all = new TreeMap<>(files);
        return store.candidate(RuleSetGate.version(RuleSetFiles.versioned(all)))
                .map(c -> filesOf(c).equals(all)).orElse(false);
    }

    /** A proposal from the watched rules directory (no key: the local user, or nobody when keys are configured). */
    public GateResult proposeFromDisk(Map<String, String> files) {
        return propose(files, ORIGIN_DISK, localMode ? Caller.LOCAL : null, "saved in the rules directory");
    }

    /** Records {@code caller}'s approval; activates the candidate when that makes enough. */
    public RuleSetEntry approve(String version, Caller caller) {
        if (!version.equals(activeVersion()) && store.activations().stream().anyMatch(a -> a.version().equals(version))) {
            // A version that was active before needs one expert to come back: approving it is that call.
            return activate(version, caller, null);
        }
        Candidate candidate = store.candidate(version).orElseThrow(() -> LifecycleException.notFound(version));
        if (!"ready".equals(candidate.status())) {
            throw LifecycleException.conflict("rule set " + version + " was rejected by the gate; fix its problems and "
                    + "propose it again", version);
        }
        if (version.equals(activeVersion())) {
            throw LifecycleException.conflict("rule set " + version + " is already active", version);
        }
        if (!store.addApproval(new Approval(version, caller.keyId(), clock.instant()))) {
            throw LifecycleException.conflict("key " + caller.keyId() + " has already approved rule set " + version
                    + "; another expert key must approve it", version);
        }
        LOG.info("rule set {} approved by {}", version, caller.keyId());
        activateIfApproved(version);
        return entry(version);
    }

    private void activateIfApproved(String version) {
        Candidate candidate = store.candidate(version).orElseThrow();
        List<String> approvers = approvers(version);
        if (approvers.size() >= requiredApprovals) {
            try {
                activate(version, candidate.proposer(), approvers, candidate.reason());
            } catch (LifecycleException e) {
                // The approval stands; the activation can be asked for again.
                LOG.warn("rule set {} has its approvals but did not activate: {}", version, e.getMessage());
            }
        }
    }

    /**
     * Activates a ready candidate that has its approvals, or rolls back to a version that was
     * active before (one expert suffices for that).
     */
    public RuleSetEntry activate(String version, Caller caller, String reason) {
        if (version.equals(activeVersion())) {
            throw LifecycleException.conflict("rule set " + version + " is already active", version);
        }
        boolean wasActive = store.activations().stream().anyMatch(a -> a.version().equals(version));
        if (wasActive) {
            activate(version, caller.keyId(), List.of(caller.keyId()),
                    reason == null || reason.isBlank() ? "rollback to an earlier active version" : reason);
            return entry(version);
        }
        Candidate candidate = store.candidate(version).orElseThrow(() -> LifecycleException.notFound(version));
        if (!"ready".equals(candidate.status())) {
            throw LifecycleException.conflict("rule set " + version + " was rejected by the gate and cannot be activated",
                    version);
        }
        List<String> approvers = approvers(version);
        if (approvers.size() < requiredApprovals) {
            throw LifecycleException.conflict("rule set " + version + " has " + approvers.size() + " of the "
                    + requiredApprovals + " approvals it needs" + (approvers.isEmpty() ? "" : " (approved by "
                    + String.join(", ", approvers) + ")") + "; POST /v1/rulesets/{version}/approve with another "
                    + "expert key", version);
        }
        activate(version, candidate.proposer(), approvers, reason == null || reason.isBlank() ? candidate.reason() : reason);
        return entry(version);
    }

    private void activate(String version, String proposer, List<String> approvers, String reason) {
        synchronized (activationLock) {
            RuleSet current = served.get();
            if (current.version().equals(version)) {
                return;
            }
            RuleSet rules = compiledVersion(version);
            TestSummary tests = store.candidate(version).map(c -> testsOf(c.gateJson())).orElse(TestSummary.NOT_RUN);
            record(rules, current, proposer, approvers, reason, tests);
            serve.accept(rules);
            LOG.info("rule set {} is active (was {}; proposed by {}, approved by {})", version, current.version(),
                    proposer, approvers);
        }
    }

    private void record(RuleSet rules, RuleSet previous, String proposer, List<String> approvers, String reason,
                        TestSummary tests) {
        ObjectNode summary = JSON.createObjectNode();
        summary.set("tests", JSON.valueToTree(new RuleSetEntry.TestCounts(tests.passed(), tests.failed())));
        if (previous != null && preview != null) {
            try {
                ImpactPreview.Preview changes = preview.of(rules, previous, coveredBy(rules.version()),
                        ImpactPreview.DEFAULT_PROFILES);
                ObjectNode impact = summary.putObject("impact");
                impact.put("profiles", changes.profiles());
                impact.put("changed", changes.impact().changed());
                impact.set("byType", JSON.valueToTree(changes.impact().byType()));
                impact.set("byPolicy", JSON.valueToTree(changes.impact().byPolicy()));
                impact.put("rulesChanged", changes.rules().changed().size());
                impact.put("rulesAdded", changes.rules().added().size());
                impact.put("rulesRemoved", changes.rules().removed().size());
            } catch (RuntimeException e) {
                LOG.warn("impact summary of {} failed: {}", rules.version(), e.toString());
            }
        }
        // Stored before the activation is, so that any instance that sees the activation can load its files.
        store.storeRuleSet(rules.version(), rules.sources());
        Instant now = clock.instant();
        try {
            appliedSeq = store.appendActivation(new ActivationRequest(AdviceIds.next("act_", now), now, rules.version(),
                    previous == null ? null : previous.version(), proposer, approvers, reason, AdviceJson.compact(summary)));
        } catch (ActivationConflictException e) {
            throw LifecycleException.conflict("another activation came first: the active rule set is now "
                    + e.activeVersion() + "; try again", rules.version());
        }
    }

    /** Serves the last activated version if another instance activated it (called every few seconds). */
    public void follow() {
        synchronized (activationLock) {
            // Read under the lock: an activation of this instance that lands meanwhile must not be undone by a stale read.
            Optional<Activation> latest = store.latestActivation();
            if (latest.isEmpty() || latest.get().seq() <= appliedSeq) {
                return;
            }
            String version = latest.get().version();
            if (!version.equals(served.get().version())) {
                serve.accept(compiledVersion(version));
                LOG.info("rule set {} is active (activated by another instance)", version);
            }
            appliedSeq = latest.get().seq();
        }
    }

    /** The compiled rule set of a known version: from the cache, else compiled from the stored files. */
    RuleSet compiledVersion(String version) {
        RuleSet cached = compiled.get(version);
        if (cached != null) {
            return cached;
        }
        Map<String, String> files = store.ruleSet(version)
                .or(() -> store.candidate(version).map(c -> RuleSetFiles.versioned(filesOf(c))))
                .orElseThrow(() -> LifecycleException.notFound(version));
        List<RuleProblem> problems = new ArrayList<>();
        RuleSet rules = new RuleSetCompiler().compile(Path.of("rules"), RuleSetFiles.versioned(files), problems);
        if (rules == null) {
            throw new LifecycleException(422, "ruleset-rejected", "Rule set rejected",
                    "stored rule set " + version + " no longer compiles", version,
                    problems.stream().filter(RuleProblem::isError).map(RuleProblem::toString).toList());
        }
        remember(rules);
        return rules;
    }

    private void remember(RuleSet rules) {
        compiled.put(rules.version(), rules);
    }

    private List<String> approvers(String version) {
        Set<String> keys = new LinkedHashSet<>();
        store.approvals(version).forEach(a -> keys.add(a.keyId()));
        return List.copyOf(keys);
    }

    private void saveCandidate(String origin, String proposer, String reason, GateResult result) {
        ObjectNode gateJson = JSON.createObjectNode();
        gateJson.set("problems", JSON.valueToTree(result.problems()));
        gateJson.set("tests", JSON.valueToTree(result.tests()));
        if (result.report() != null) {
            gateJson.set("coverage", JSON.valueToTree(result.report().coverage()));
            gateJson.set("coveredBy", JSON.valueToTree(result.report().coveredBy()));
        }
        if (result.ruleSet() != null) {
            List<Map<String, Object>> rules = new ArrayList<>();
            result.ruleSet().rules().forEach(r -> {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("name", r.name());
                rule.put("policyId", r.policyId());
                rule.put("file", r.file());
                rule.put("line", r.line());
                rules.add(rule);
            });
            gateJson.set("rules", JSON.valueToTree(rules));
        }
        store.saveCandidate(new Candidate(result.version(), origin, proposer, reason == null ? "" : reason,
                clock.instant(), result.status(), AdviceJson.compact(result.files()), AdviceJson.compact(gateJson)));
    }

    // ---- what the routes show ----

    /** Every version: candidates and those ever activated, newest proposal first. */
    public List<RuleSetEntry> list() {
        List<Activation> activations = store.activations();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        store.candidates().forEach(c -> candidates.put(c.version(), c));
        Set<String> versions = new LinkedHashSet<>(candidates.keySet());
        activations.forEach(a -> versions.add(a.version()));
        List<RuleSetEntry> entries = new ArrayList<>();
        for (String version : versions) {
            entries.add(entry(version, candidates.get(version), activations));
        }
        java.util.Collections.reverse(entries);
        return entries;
    }

    /** Every activation on record, newest first: the audit chain's record of what served when. */
    public List<Map<String, Object>> activations() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Activation a : store.activations()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", a.id());
            view.put("seq", a.seq());
            view.put("activatedAt", a.activatedAt().toString());
            view.put("version", a.version());
            view.put("previousVersion", a.previousVersion());
            view.put("proposer", a.proposer());
            view.put("approvers", a.approvers());
            view.put("reason", a.reason());
            try {
                view.put("summary", JSON.readTree(a.summaryJson()));
            } catch (JsonProcessingException e) {
                view.put("summary", null);
            }
            out.add(view);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    public RuleSetEntry entry(String version) {
        Candidate candidate = store.candidate(version).orElse(null);
        List<Activation> activations = store.activations();
        if (candidate == null && activations.stream().noneMatch(a -> a.version().equals(version))) {
            throw LifecycleException.notFound(version);
        }
        return entry(version, candidate, activations);
    }

    private RuleSetEntry entry(String version, Candidate candidate, List<Activation> activations) {
        String active = activations.isEmpty() ? activeVersion() : activations.get(activations.size() - 1).version();
        String activatedAt = null;
        String retiredAt = null;
        for (int i = 0; i < activations.size(); i++) {
            if (activations.get(i).version().equals(version)) {
                activatedAt = activations.get(i).activatedAt().toString();
                retiredAt = i + 1 < activations.size() ? activations.get(i + 1).activatedAt().toString() : null;
            }
        }
        String status = version.equals(active) ? "active" : activatedAt != null ? "retired"
                : candidate == null ? "unknown" : candidate.status();
        List<RuleSetEntry.ApprovalView> approvals = store.approvals(version).stream()
                .map(a -> new RuleSetEntry.ApprovalView(a.keyId(), a.approvedAt().toString())).toList();
        Integer errors = null;
        Integer warnings = null;
        RuleSetEntry.TestCounts tests = null;
        if (candidate != null) {
            JsonNode gate = gateOf(candidate);
            int e = 0;
            int w = 0;
            for (JsonNode p : gate.path("problems")) {
                if ("ERROR".equals(p.path("severity").asText())) {
                    e++;
                } else {
                    w++;
                }
            }
            errors = e;
            warnings = w;
            TestSummary summary = testsOf(candidate.gateJson());
            tests = new RuleSetEntry.TestCounts(summary.passed(), summary.failed());
        }
        return new RuleSetEntry(version, status, candidate == null ? null : candidate.origin(),
                candidate == null ? null : candidate.proposer(), candidate == null ? null : candidate.reason(),
                candidate == null ? null : candidate.proposedAt().toString(), approvals, requiredApprovals,
                activatedAt, "active".equals(status) ? null : retiredAt, errors, warnings, tests);
    }

    /** The details of one version: its entry, files, rules, problems, test results, coverage and impact. */
    public Map<String, Object> details(String version) {
        Map<String, Object> body = detailsWithoutImpact(version);
        RuleSetEntry entry = (RuleSetEntry) body.get("ruleSet");
        if (preview != null && "ready".equals(entry.status())) {
            body.put("impact", impact(version, "active", ImpactPreview.DEFAULT_PROFILES));
        }
        return body;
    }

    private Map<String, Object> detailsWithoutImpact(String version) {
        RuleSetEntry entry = entry(version);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ruleSet", entry);
        Optional<Candidate> candidate = store.candidate(version);
        Map<String, String> files = candidate.<Map<String, String>>map(RuleSetLifecycle::filesOf)
                .orElseGet(() -> store.ruleSet(version).orElse(Map.of()));
        body.put("files", files);
        JsonNode gate = candidate.map(RuleSetLifecycle::gateOf).orElse(JSON.createObjectNode());
        body.put("rules", gate.has("rules") ? gate.get("rules") : JSON.createArrayNode());
        body.put("problems", gate.has("problems") ? gate.get("problems") : JSON.createArrayNode());
        body.put("tests", gate.has("tests") ? gate.get("tests") : JSON.valueToTree(TestSummary.NOT_RUN));
        if (gate.has("coverage")) {
            body.put("coverage", gate.get("coverage"));
        }
        return body;
    }

    /**
     * What {@code version} would change against {@code against} ("active" or a version): the rule
     * diff and the advice of the last {@code limit} stored profiles.
     */
    public ImpactPreview.Preview impact(String version, String against, int limit) {
        if (preview == null) {
            throw new IllegalStateException("impact previews are not enabled");
        }
        RuleSet candidate = compiledVersion(version);
        RuleSet base = against == null || against.equals("active") ? served.get() : compiledVersion(against);
        return preview.of(candidate, base, coveredBy(version), limit);
    }

    /** Per rule name, the candidate's scenarios that fire it (null when its tests never ran). */
    private Map<String, List<String>> coveredBy(String version) {
        return store.candidate(version).map(RuleSetLifecycle::coveredBy).orElse(null);
    }

    /** Per rule name, the scenarios of a stored candidate that fire it, as its gate found them; null if they never ran. */
    public static Map<String, List<String>> coveredBy(Candidate candidate) {
        JsonNode node = gateOf(candidate).get("coveredBy");
        return node == null ? null : JSON.convertValue(node, new TypeReference<Map<String, List<String>>>() { });
    }

    /** The versions not active now, each with its problems and test results. */
    public List<Map<String, Object>> candidates() {
        String active = activeVersion();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Candidate c : store.candidates()) {
            if (!c.version().equals(active)) {
                Map<String, Object> details = detailsWithoutImpact(c.version());
                details.remove("files");
                out.add(details);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** Every file of a stored candidate (tests included). */
    public static SortedMap<String, String> filesOf(Candidate candidate) {
        try {
            return new TreeMap<>(JSON.readValue(candidate.files(), new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored candidate " + candidate.version() + " has unreadable files", e);
        }
    }

    private static JsonNode gateOf(Candidate candidate) {
        try {
            return JSON.readTree(candidate.gateJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored candidate " + candidate.version() + " has an unreadable gate result", e);
        }
    }

    private static TestSummary testsOf(String gateJson) {
        try {
            JsonNode tests = JSON.readTree(gateJson).path("tests");
            if (tests.isMissingNode()) {
                return TestSummary.NOT_RUN;
            }
            List<TestSummary.FailedScenario> failures = new ArrayList<>();
            for (JsonNode f : tests.path("failures")) {
                List<String> messages = new ArrayList<>();
                f.path("failures").forEach(m -> messages.add(m.asText()));
                failures.add(new TestSummary.FailedScenario(f.path("scenario").asText(), messages));
            }
            return new TestSummary(tests.path("passed").asInt(), tests.path("failed").asInt(), failures);
        } catch (JsonProcessingException e) {
            return TestSummary.NOT_RUN;
        }
    }
}

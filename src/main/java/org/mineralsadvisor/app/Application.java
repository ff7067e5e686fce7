package org.mineralsadvisor.app;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.authoring.ImpactPreview;
import org.mineralsadvisor.authoring.LifecycleException;
import org.mineralsadvisor.authoring.LifecycleScheduler;
import org.mineralsadvisor.authoring.RuleSetFiles;
import org.mineralsadvisor.authoring.RuleSetLifecycle;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import java.util.ArrayList;
import java.util.SortedMap;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.audit.StoreUnavailableException;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.http.AdvisorServer;
import org.mineralsadvisor.replay.Replayer;
import org.mineralsadvisor.shock.ScenarioLibrary;
import org.mineralsadvisor.service.AdvisoryService;
import org.mineralsadvisor.service.Knowledge;
import org.mineralsadvisor.transparency.Checkpointer;
import org.mineralsadvisor.transparency.KeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Assembles the running service from its settings: knowledge, audit store, advisory service, HTTP server. */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("advisor");

    private final AdvisorServer server;
    private final AuditStore store;
    private final AdvisoryService service;
    private final LifecycleScheduler scheduler;
    private final Checkpointer checkpointer;
    private final long graceMs;
    private final String url;

    private Application(AdvisorServer server, AuditStore store, AdvisoryService service, LifecycleScheduler scheduler,
                        Checkpointer checkpointer, long graceMs, String url) {
        this.server = server;
        this.scheduler = scheduler;
        this.checkpointer = checkpointer;
        this.store = store;
        this.service = service;
        this.graceMs = graceMs;
        this.url = url;
    }

    /**
     * Waits for the store that was opening beside a failed start-up and closes it: otherwise it
     * goes on creating and migrating its files after the caller was told start-up failed.
     */
    private static void closeOnceOpen(CompletableFuture<AuditStore> opening) {
        try {
            opening.join().close();
        } catch (CompletionException e) {
            // it did not open either; the start-up failure already says what matters
        }
    }

    /** Starts the service or throws {@link StartupException} saying why it cannot. */
    public static Application start(Settings settings) {
        ApiKeys keys = ApiKeys.parse(settings.text(Setting.API_KEYS));
        String host = settings.text(Setting.HOST);
        if (keys.isEmpty() && !isLoopback(host)) {
            throw new StartupException(2, List.of("refusing to bind " + host + " without API keys: configure keys ("
                    + Setting.API_KEYS.env() + ", --api-keys or the config key apiKeys) or bind 127.0.0.1"));
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The store opens (and migrates) while the rules compile and the facts load: start-up
        // takes as long as the slowest of the three, not their sum.
        CompletableFuture<AuditStore> opening = CompletableFuture.supplyAsync(
                () -> JdbcAuditStore.open(settings.text(Setting.DB), metrics));
        Path rulesDir = settings.path(Setting.RULES);
        Path factsDir = settings.path(Setting.FACTS);
        CompletableFuture<FactBase> factsLoading = Knowledge.loadFacts(factsDir);
        SortedMap<String, String> diskFiles = RuleSetFiles.read(rulesDir);
        List<RuleProblem> diskProblems = new ArrayList<>();
        RuleSet disk = new RuleSetCompiler().compile(rulesDir, diskProblems);
        List<String> problems = new ArrayList<>();
        FactBase facts = Knowledge.joinFacts(factsLoading, factsDir, problems);
        try {
            if (disk != null) {
                requireVersion("rule set", settings.text(Setting.RULESET_VERSION), disk.version(), Setting.RULES);
            }
            if (facts != null) {
                requireVersion("fact base", settings.text(Setting.FACTBASE_VERSION), facts.version(), Setting.FACTS);
            }
        } catch (StartupException e) {
            closeOnceOpen(opening);
            throw e;
        }
        if (facts == null) {
            problems.addAll(0, diskProblems.stream().filter(RuleProblem::isError).map(RuleProblem::toString).toList());
            closeOnceOpen(opening);
            throw new StartupException(1, problems);
        }
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        AuditStore store;
        try {
            store = opening.join();
        } catch (CompletionException e) {
            throw new StartupException(1, List.of(e.getCause() instanceof StoreUnavailableException
                    || e.getCause() instanceof IllegalArgumentException ? e.getCause().getMessage() : e.getCause().toString()));
        }
        int workers = settings.integer(Setting.WORKERS) == 0
                ? 2 * Runtime.getRuntime().availableProcessors() : settings.integer(Setting.WORKERS);
        Advisor evaluator = new Advisor(Clock.systemUTC(), settings.integer(Setting.MAX_FIRINGS),
                Duration.ofMillis(settings.number(Setting.EVALUATION_TIMEOUT_MS)));
        boolean localMode = keys.isEmpty();
        RuleSetLifecycle lifecycle = new RuleSetLifecycle(store, facts, factsDir, settings.approvals(localMode), localMode,
                Clock.systemUTC());
        RuleSet initial;
        try {
            initial = lifecycle.start(rulesDir, diskFiles, disk, diskProblems);
        } catch (LifecycleException e) {
            store.close();
            throw new StartupException(1, e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems());
        }
        Checkpointer checkpointer;
        try {
            KeyRing ring = KeyRing.open(store, signingKeyFile(settings), Clock.systemUTC());
            LOG.info("audit checkpoints signed with key {} from {} (log {})", ring.key().keyId(),
                    ring.file().toAbsolutePath().normalize(), ring.logId());
            checkpointer = new Checkpointer(store, ring, settings.number(Setting.CHECKPOINT_RECORDS),
                    settings.number(Setting.CHECKPOINT_SECONDS), Clock.systemUTC(), metrics).start();
        } catch (KeyRing.KeyRingException | StoreUnavailableException e) {
            store.close();
            throw new StartupException(1, List.of(e.getMessage()));
        }
        Knowledge knowledge = Knowledge.of(initial, facts);
        AdvisoryService service = new AdvisoryService(knowledge, store, evaluator, workers,
                settings.number(Setting.QUEUE_WAIT_MS), metrics);
        lifecycle.attach(() -> service.knowledge().rules(), service::activate);
        lifecycle.impactPreview(new ImpactPreview(store, facts, evaluator));
        LifecycleScheduler scheduler = new LifecycleScheduler(lifecycle, rulesDir, diskFiles,
                settings.flag(Setting.WATCH_RULES), settings.number(Setting.FOLLOW_MS));
        if (disk == null || !disk.version().equals(initial.version())) {
            if (localMode) {
                // A developer who edited the rules while the service was down expects them served
                // (when they pass the gate) from the first request on, not a few seconds later.
                lifecycle.proposeFromDisk(diskFiles);
            } else {
                scheduler.submit("proposing the rules directory", () -> lifecycle.proposeFromDisk(diskFiles));
            }
        }
        AdvisorServer server;
        try {
            server = new AdvisorServer(service, lifecycle, new Replayer(evaluator), keys, metrics, settings.number(Setting.MAX_BODY_BYTES),
                    Math.max(32, workers * 4), new ScenarioLibrary(settings.path(Setting.SCENARIOS)), checkpointer)
                    .start(host, settings.integer(Setting.PORT));
        } catch (RuntimeException e) {
            scheduler.close();
            checkpointer.close();
            store.close();
            throw new StartupException(1, List.of("cannot serve on " + host + ":" + settings.text(Setting.PORT) + ": "
                    + rootMessage(e)));
        }
        if (keys.isEmpty()) {
            LOG.warn("local single-user mode: no API keys are configured, so the service binds {} only and every "
                    + "caller has every role", host);
        } else {
            LOG.info("{} API key(s) configured", keys.size());
        }
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        LOG.info("Minerals Advisor listening on {} (rule set {}, fact base {}, audit store {}, {} workers)", url,
                knowledge.rules().version(), knowledge.facts().version(), store.description(), workers);
        return new Application(server, store, service, scheduler, checkpointer, settings.number(Setting.SHUTDOWN_GRACE_MS),
                url);
    }

    private static Path signingKeyFile(Settings settings) {
        String configured = settings.text(Setting.SIGNING_KEY);
        return configured.isEmpty() ? KeyRing.defaultFile(settings.text(Setting.DB)) : Path.of(configured);
    }

    public Checkpointer checkpointer() {
        return checkpointer;
    }

    /** Activation by version: every instance started with the same pinned versions serves the same knowledge. */
    private static void requireVersion(String what, String wanted, String loaded, Setting directory) {
        if (!wanted.isEmpty() && !wanted.equals(loaded)) {
            throw new StartupException(2, List.of("the " + what + " in the " + directory.key() + " directory is version "
                    + loaded + ", but version " + wanted + " is the one to activate: deploy that version's files"));
        }
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return url;
    }

    public AdvisoryService service() {
        return service;
    }

    /** Graceful stop: in-flight requests finish (within the grace period), then the store closes. */
    @Override
    public void close() {
        LOG.info("stopping: finishing in-flight requests (up to {} ms)", graceMs);
        scheduler.close();
        server.stop(graceMs);
        checkpointer.close();
        store.close();
        LOG.info("stopped");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

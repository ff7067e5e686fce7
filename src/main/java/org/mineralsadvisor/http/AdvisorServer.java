package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.Key;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.authoring.RuleSetLifecycle;
import org.mineralsadvisor.auth.Role;
import org.mineralsadvisor.replay.Replayer;
import org.mineralsadvisor.service.AdvisoryService;
import org.mineralsadvisor.shock.ScenarioLibrary;
import org.mineralsadvisor.replay.CheckpointSource;
import org.mineralsadvisor.transparency.Checkpointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP service: routes, roles, limits, errors as problem documents, request log and
 * metrics, and Jetty's graceful stop: no new connections, 503 for new requests on open ones,
 * and every request Jetty has taken in answered in full within the grace period.
 */
public final class AdvisorServer {
    static final Key<Long> MAX_BODY = new Key<>("maxBodyBytes");
    private static final Logger LOG = LoggerFactory.getLogger(AdvisorServer.class);
    /** How long a connection may stall during the stop; an idle kept-alive one holds the stop up as long. */
    private static final long SLOW_CLIENT_MS = 5_000;

    private final Javalin app;
    private final byte[] openApiJson;
    // Set when Javalin builds its Jetty server (on start), read by the stop and the gauge.
    private volatile Server jetty;
    private volatile StatisticsHandler requests;

    /** @param replayer re-evaluates stored advice with the service's own evaluator (its time and firing limits) */
    public AdvisorServer(AdvisoryService service, RuleSetLifecycle lifecycle, Replayer replayer, ApiKeys keys, PrometheusMeterRegistry metrics,
                         long maxBodyBytes, int maxThreads) {
        this(service, lifecycle, replayer, keys, metrics, maxBodyBytes, maxThreads,
                new ScenarioLibrary(java.nio.file.Path.of(org.mineralsadvisor.config.Setting.SCENARIOS.defaultValue())));
    }

    public AdvisorServer(AdvisoryService service, RuleSetLifecycle lifecycle, Replayer replayer, ApiKeys keys, PrometheusMeterRegistry metrics,
                         long maxBodyBytes, int maxThreads, ScenarioLibrary scenarios) {
        this(service, lifecycle, replayer, keys, metrics, maxBodyBytes, maxThreads, scenarios, null);
    }

    /**
     * @param scenarios    the shock scenarios {@code POST /v1/advice?scenario=NAME} may name
     * @param checkpointer signs the audit log's checkpoints; null in a server without a signing key
     */
    public AdvisorServer(AdvisoryService service, RuleSetLifecycle lifecycle, Replayer replayer, ApiKeys keys, PrometheusMeterRegistry metrics,
                         long maxBodyBytes, int maxThreads, ScenarioLibrary scenarios, Checkpointer checkpointer) {
        Access access = new Access(keys);
        AdviceHandler advice = new AdviceHandler(service, maxBodyBytes, scenarios);
        KnowledgeHandler knowledge = new KnowledgeHandler(service);
        RuleSetHandler ruleSets = new RuleSetHandler(lifecycle, maxBodyBytes);
        AuditHandler audit = new AuditHandler(service.store(), replayer, checkpointer == null
                ? CheckpointSource.stored(service.store()) : CheckpointSource.signing(service.store(), checkpointer));
        TransparencyHandler transparency = new TransparencyHandler(service.store(), checkpointer);
        HealthHandler health = new HealthHandler(service, metrics);
        RequestLog requestLog = new RequestLog(metrics);
        this.openApiJson = openApi().getBytes(StandardCharsets.UTF_8);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(AdviceJson.mapper(), false));
            config.http.maxRequestSize = maxBodyBytes;
            config.http.prefer405over404 = true;
            // Jetty compresses instead (ResponseCompression says why).
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.appData(MAX_BODY, maxBodyBytes);
            // A bounded number of request threads; evaluations are further bounded by the
            // service's workers, so a flood waits for a worker or gets 503, never unbounded work.
            QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
            threads.setName("http");
            config.jetty.threadPool = threads;
            config.jetty.modifyServer(this::configureGracefulStop);
            config.requestLogger.http(requestLog::record);
            config.routes.beforeMatched(access::check);
            Routes routes = new Routes()
                    .postValidatingQuery("/v1/advice", advice::create, Role.OFFICER)
                    .postValidatingQuery("/v1/advice/timeline", advice::timeline, Role.OFFICER)
                    .get("/v1/advice/{id}", advice::read, Role.OFFICER, Role.AUDITOR)
                    .get("/v1/scenarios", advice::scenarios, Role.OFFICER, Role.AUDITOR, Role.EXPERT)
                    .post("/v1/advice/{id}/replay", audit::replay, Role.AUDITOR)
                    .getValidatingQuery("/v1/audit/advice", audit::search, Role.AUDITOR)
                    .get("/v1/audit/advice/{id}/export", audit::export, Role.AUDITOR)
                    .get("/v1/audit/verify", audit::verify, Role.AUDITOR)
                    .get("/v1/audit/checkpoint", transparency::latest, Role.AUDITOR)
                    .post("/v1/audit/checkpoint", transparency::signNow, Role.AUDITOR)
                    .getValidatingQuery("/v1/audit/checkpoints", transparency::list, Role.AUDITOR)
                    .get("/v1/audit/key", transparency::key, Role.AUDITOR)
                    .get("/v1/audit/keys", transparency::keys, Role.AUDITOR)
                    .post("/v1/audit/keys", transparency::rotate, Role.ADMIN)
                    .getValidatingQuery("/v1/audit/consistency", transparency::consistency, Role.AUDITOR)
                    .get("/v1/rulesets/active", knowledge::ruleSet, Role.EXPERT, Role.AUDITOR)
                    .get("/v1/rulesets/candidates", ruleSets::candidates, Role.EXPERT, Role.AUDITOR)
                    .get("/v1/rulesets", ruleSets::list, Role.EXPERT, Role.AUDITOR)
                    .post("/v1/rulesets", ruleSets::upload, Role.EXPERT)
                    .get("/v1/rulesets/{version}", ruleSets::read, Role.EXPERT, Role.AUDITOR)
                    .getValidatingQuery("/v1/rulesets/{version}/impact", ruleSets::impact, Role.EXPERT, Role.AUDITOR)
                    .post("/v1/rulesets/{version}/approve", ruleSets::approve, Role.EXPERT)
                    .post("/v1/rulesets/{version}/activate", ruleSets::activate, Role.EXPERT)
                    .get("/v1/factbase/active", knowledge::factBase, Role.EXPERT)
                    .get("/v1/catalogue", knowledge::catalogue, Role.OFFICER, Role.AUDITOR, Role.EXPERT)
                    .get("/v1/session", new SessionHandler(access)::session)
                    .get("/healthz", health::health)
                    .get("/readyz", health::ready)
                    .get("/metrics", health::metrics)
                    .get("/openapi.json", ctx -> Responses.utf8(ctx, Responses.JSON, openApiJson));
            routes.register(config);
            WebPage.serve(config);
            ErrorMapper.install(config, routes);
        });
        Gauge.builder("http_server_requests_active", () -> requests == null ? 0 : requests.getRequestsActive())
                .description("Requests Jetty has taken in and not yet answered").register(metrics);
    }

    /**
     * Jetty counts a request from the moment it enters the handler chain (before any route or
     * filter), and its callback uncounts it when the answer is written or the client is gone.
     * On stop the connector closes (new connections are refused), the GracefulHandler answers
     * 503 to requests arriving on open connections, and Server.stop waits for the count to
     * reach zero, up to the stop timeout. Compression sits inside the GracefulHandler, so a
     * request is in flight until its last compressed byte is written.
     */
    private void configureGracefulStop(Server server) {
        this.jetty = server;
        StatisticsHandler statistics = server.getDescendant(StatisticsHandler.class);
        if (statistics == null) {
            statistics = new StatisticsHandler();
            server.insertHandler(statistics);
        }
        this.requests = statistics;
        server.insertHandler(ResponseCompression.gzip());
        server.insertHandler(new GracefulHandler());
        server.setErrorHandler(new ProblemErrorHandler());
    }

    public AdvisorServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Refuses new requests, waits up to {@code graceMs} for those Jetty has taken in, then stops. */
    public void stop(long graceMs) {
        jetty.setStopTimeout(graceMs);
        // Jetty cuts every connection's idle timeout to 1 s when the stop begins; a client slow
        // to read a large advice (or a loaded machine) then loses the end of a 201 it was sent.
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof AbstractConnector open) {
                open.setShutdownIdleTimeout(Math.min(graceMs, SLOW_CLIENT_MS));
            }
        }
        try {
            app.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping with {} request(s) still in flight after {} ms: {}", requests.getRequestsActive(), graceMs,
                    e.getMessage());
        }
    }

    /** The OpenAPI document, written as YAML in the resources for people, served as JSON. */
    private static String openApi() {
        try (InputStream in = AdvisorServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the jar");
            }
            JsonNode doc = new YAMLMapper().readTree(in);
            return AdviceJson.compact(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

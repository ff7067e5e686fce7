package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.Javalin;
import io.javalin.config.Key;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.auth.Role;
import org.mineralsadvisor.replay.Replayer;
import org.mineralsadvisor.service.AdvisoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP service: routes, roles, limits, errors as problem documents, request log and
 * metrics, and a graceful stop that lets in-flight requests finish.
 */
public final class AdvisorServer {
    static final Key<Long> MAX_BODY = new Key<>("maxBodyBytes");
    private static final Logger LOG = LoggerFactory.getLogger(AdvisorServer.class);
    private static final String COUNTED = "inFlight";

    private final Javalin app;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final String openApiJson;

    /** @param replayer re-evaluates stored advice with the service's own evaluator (its time and firing limits) */
    public AdvisorServer(AdvisoryService service, Replayer replayer, ApiKeys keys, PrometheusMeterRegistry metrics,
                         long maxBodyBytes, int maxThreads) {
        Access access = new Access(keys);
        AdviceHandler advice = new AdviceHandler(service, maxBodyBytes);
        KnowledgeHandler knowledge = new KnowledgeHandler(service);
        AuditHandler audit = new AuditHandler(service.store(), replayer);
        HealthHandler health = new HealthHandler(service, metrics, draining::get);
        RequestLog requestLog = new RequestLog(metrics);
        this.openApiJson = openApi();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(AdviceJson.mapper(), false));
            config.http.maxRequestSize = maxBodyBytes;
            config.http.prefer405over404 = true;
            config.appData(MAX_BODY, maxBodyBytes);
            // A bounded number of request threads; evaluations are further bounded by the
            // service's workers, so a flood waits for a worker or gets 503, never unbounded work.
            QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
            threads.setName("http");
            config.jetty.threadPool = threads;
            config.requestLogger.http((ctx, millis) -> {
                if (Boolean.TRUE.equals(ctx.attribute(COUNTED))) {
                    inFlight.decrementAndGet();
                }
                requestLog.record(ctx, millis);
            });
            config.routes.before(ctx -> {
                if (draining.get()) {
                    ctx.header("Connection", "close");
                    throw new ProblemException(Problem.of(503, "shutting-down", "Shutting down",
                            "the service is stopping; retry on another instance"), java.util.Map.of("Retry-After", "1"));
                }
                inFlight.incrementAndGet();
                ctx.attribute(COUNTED, Boolean.TRUE);
            });
            config.routes.beforeMatched(access::check);
            Routes routes = new Routes()
                    .post("/v1/advice", advice::create, Role.OFFICER)
                    .get("/v1/advice/{id}", advice::read, Role.OFFICER, Role.AUDITOR)
                    .post("/v1/advice/{id}/replay", audit::replay, Role.AUDITOR)
                    .get("/v1/audit/advice", audit::search, Role.AUDITOR)
                    .get("/v1/audit/advice/{id}/export", audit::export, Role.AUDITOR)
                    .get("/v1/audit/verify", audit::verify, Role.AUDITOR)
                    .get("/v1/rulesets/active", knowledge::ruleSet, Role.EXPERT)
                    .get("/v1/factbase/active", knowledge::factBase, Role.EXPERT)
                    .get("/healthz", health::health)
                    .get("/readyz", health::ready)
                    .get("/metrics", health::metrics)
                    .get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApiJson));
            routes.register(config);
            ErrorMapper.install(config, routes);
        });
    }

    public AdvisorServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Refuses new requests, waits up to {@code graceMs} for in-flight ones, then stops. */
    public void stop(long graceMs) {
        draining.set(true);
        long deadline = System.currentTimeMillis() + graceMs;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("stopping with {} request(s) still in flight after {} ms", inFlight.get(), graceMs);
        }
        app.stop();
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

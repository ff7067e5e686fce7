package org.mineralsadvisor.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.mineralsadvisor.service.AdvisoryService;

import java.util.LinkedHashMap;
import java.util.Map;

/** /healthz (the process is up), /readyz (rules and facts loaded, store writable), /metrics. */
final class HealthHandler {
    private final AdvisoryService service;
    private final PrometheusMeterRegistry metrics;

    HealthHandler(AdvisoryService service, PrometheusMeterRegistry metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    void health(Context ctx) {
        Responses.json(ctx, Map.of("status", "up"));
    }

    void ready(Context ctx) {
        // While stopping, Jetty's GracefulHandler answers 503 before this handler is reached.
        if (!service.store().writable()) {
            throw new ProblemException(Problem.of(503, "not-ready", "Not ready", "the audit store is not writable"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("ruleSet", service.knowledge().rules().version());
        body.put("factBase", service.knowledge().facts().version());
        body.put("store", service.store().description());
        Responses.json(ctx, body);
    }

    void metrics(Context ctx) {
        Responses.utf8(ctx, Responses.PROMETHEUS_TEXT, metrics.scrape());
    }
}

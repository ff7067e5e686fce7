package org.mineralsadvisor.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.mineralsadvisor.service.AdvisoryService;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** /healthz (the process is up), /readyz (rules and facts loaded, store writable), /metrics. */
final class HealthHandler {
    private final AdvisoryService service;
    private final PrometheusMeterRegistry metrics;
    private final BooleanSupplier draining;

    HealthHandler(AdvisoryService service, PrometheusMeterRegistry metrics, BooleanSupplier draining) {
        this.service = service;
        this.metrics = metrics;
        this.draining = draining;
    }

    void health(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    void ready(Context ctx) {
        boolean writable = service.store().writable();
        boolean stopping = draining.getAsBoolean();
        if (!writable || stopping) {
            throw new ProblemException(Problem.of(503, "not-ready", "Not ready",
                    stopping ? "the service is shutting down" : "the audit store is not writable"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("ruleSet", service.knowledge().rules().version());
        body.put("factBase", service.knowledge().facts().version());
        body.put("store", service.store().description());
        ctx.json(body);
    }

    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}

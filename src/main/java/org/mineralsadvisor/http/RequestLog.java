package org.mineralsadvisor.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.mineralsadvisor.advice.AdviceJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One structured line per request (method, route, status, duration, advice id; never a body
 * or a key) and the request metrics by route and status.
 */
final class RequestLog {
    static final String ADVICE_ID = "adviceId";
    private static final Logger LOG = LoggerFactory.getLogger("request");

    private final MeterRegistry metrics;

    RequestLog(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void record(Context ctx, Float millis) {
        String route = route(ctx);
        String status = Integer.toString(ctx.statusCode());
        Timer.builder("http_server_requests").description("HTTP requests by method, route and status")
                .tags("method", ctx.method().name(), "route", route, "status", status)
                .publishPercentileHistogram()
                .register(metrics)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("method", ctx.method().name());
        line.put("route", route);
        line.put("status", ctx.statusCode());
        line.put("durationMs", Math.round(millis * 1000) / 1000.0);
        Object adviceId = ctx.attribute(ADVICE_ID);
        if (adviceId != null) {
            line.put("adviceId", adviceId);
        }
        LOG.info(AdviceJson.compact(line));
    }

    /** The matched route template (bounded label values), or "unmatched". */
    static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}

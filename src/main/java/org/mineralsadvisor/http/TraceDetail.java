package org.mineralsadvisor.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.Context;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.service.GivenAdvice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How much of the reasoning a POST /v1/advice answer carries: {@code ?trace=full} (the
 * default) or {@code ?trace=none}, for bulk clients that read only the recommendations. Either
 * way the full advice is what is recorded (and hashed) and what GET /v1/advice/{id} returns;
 * only the answer to this one request is shorter.
 */
enum TraceDetail {
    FULL, NONE;

    static final String PARAMETER = "trace";
    private static final Set<String> PARAMETERS = Set.of(PARAMETER);

    /**
     * The fields the short answer leaves out: the trace, and the top-level evidence the trace
     * steps cite. A recommendation's {@code because} keeps its step numbers, so a client can
     * fetch the stored advice and follow them.
     */
    @JsonIgnoreProperties({"trace", "evidence"})
    private abstract static class WithoutTrace {
    }

    // Written from the same Advice object as the stored bytes, with the same settings, so the
    // short answer is the stored advice less those fields, without a second evaluation or
    // parsing the stored bytes back.
    private static final ObjectWriter WITHOUT_TRACE = AdviceJson.mapper().copy()
            .addMixIn(Advice.class, WithoutTrace.class)
            .writer();

    /** The detail the query asks for; an unknown or repeated parameter, or another value, is a 400 naming it. */
    static TraceDetail of(Context ctx) {
        return of(ctx, Set.of());
    }

    /** As {@link #of(Context)}, on a route that also takes the parameters {@code others} (checked by their reader). */
    static TraceDetail of(Context ctx, Set<String> others) {
        Set<String> known = new java.util.HashSet<>(PARAMETERS);
        known.addAll(others);
        List<ParameterProblem> problems = new ArrayList<>(QueryParameters.unknownOrRepeated(ctx, known));
        List<String> values = ctx.queryParams(PARAMETER);
        TraceDetail detail = FULL;
        if (values.size() == 1) {
            switch (values.get(0)) {
                case "full" -> detail = FULL;
                case "none" -> detail = NONE;
                default -> problems.add(new ParameterProblem(PARAMETER, "invalid_value", PARAMETER + " '"
                        + values.get(0) + "' is not one of [full, none]"));
            }
        }
        if (!problems.isEmpty()) {
            throw QueryParameters.invalid(problems);
        }
        return detail;
    }

    /** The answer's body: the stored bytes themselves, or the advice written without its trace. */
    byte[] body(GivenAdvice given) {
        if (this == FULL) {
            return given.json();
        }
        try {
            return WITHOUT_TRACE.writeValueAsBytes(given.advice());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
